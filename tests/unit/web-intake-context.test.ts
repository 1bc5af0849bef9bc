import { describe, expect, it } from 'vitest';
import { webIntakeContext } from '@/lib/domain/intake-schema';
import { ROLES, type Role } from '@/lib/domain/vocabulary';

const userId = '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e';

describe('who a web-form demand belongs to', () => {
  it('is nobody for a visitor', () => {
    expect(webIntakeContext(null)).toEqual({ channel: 'web' });
  });

  const expected: Record<Role, string | undefined> = {
    citizen: userId,
    attendant: undefined,
    ombudsman: undefined,
    department: undefined,
    internal_control: undefined,
    manager: undefined,
    admin: undefined,
    appeal_authority: undefined,
  };
  it.each(ROLES)('signed in as %s', (role) => {
    const context = webIntakeContext({ userId, role });
    expect(context.channel).toBe('web');
    expect(context.requesterUserId).toBe(expected[role]);
    // The public form never records anyone as having entered the demand for someone else.
    expect(context.enteredByUserId).toBeUndefined();
  });
});
