import { describe, expect, it } from 'vitest';
import { authenticateWithPassword } from '@/lib/auth/password-sign-in';
import { fileDemand } from '@/lib/demands/intake';
import { trackDemand } from '@/lib/demands/track';
import { createUser, TEST_PASSWORD } from '../account-factories';
import { ouvidoriaInput } from '../factories';

/**
 * Threat: a stranger who knows a staff e-mail (or a protocol) makes a few wrong tries on purpose, from
 * addresses of their own, and the owner is locked out of their account (or their demand) for as long as
 * the stranger cares to keep it up. Wrong tries must slow down only the address they come from.
 */

const now = new Date('2026-05-04T13:00:00Z');

function recordingWait() {
  const waits: number[] = [];
  return { waits, wait: async (seconds: number) => void waits.push(seconds) };
}

describe('no lockout that strangers can trigger', () => {
  it('lets the owner sign in at once with the right password after strangers failed many times from their addresses', async () => {
    const staff = await createUser({ role: 'ombudsman' });
    const stranger = recordingWait();
    for (let attempt = 0; attempt < 12; attempt++) {
      const guess = await authenticateWithPassword({ email: staff.email, password: `chute ${attempt}`, clientAddress: `198.51.100.${attempt % 3}`, now, wait: stranger.wait });
      expect(guess).toEqual({ ok: false, reason: 'invalid_credentials' });
    }
    const owner = recordingWait();
    const signIn = await authenticateWithPassword({ email: staff.email, password: TEST_PASSWORD, clientAddress: '203.0.113.50', now, wait: owner.wait });
    expect(signIn).toMatchObject({ ok: true, user: { id: staff.userId } });
    expect(owner.waits).toEqual([0]);
    // The stranger, meanwhile, waits longer and longer at each address.
    expect(Math.max(...stranger.waits)).toBeGreaterThan(0);
  });

  it('never refuses the right password, even at the address that made the failures', async () => {
    const staff = await createUser({ role: 'attendant' });
    const { wait } = recordingWait();
    for (let attempt = 0; attempt < 8; attempt++) {
      await authenticateWithPassword({ email: staff.email, password: 'errada', clientAddress: '198.51.100.77', now, wait });
    }
    expect(await authenticateWithPassword({ email: staff.email, password: TEST_PASSWORD, clientAddress: '198.51.100.77', now, wait })).toMatchObject({ ok: true });
  });

  it('lets the owner track their demand after strangers made wrong tries on its protocol', async () => {
    const filed = await fileDemand(ouvidoriaInput({ kind: 'complaint', identity: 'identified', email: 'dona@exemplo.com.br' }), { channel: 'web' }, { now });
    if (!filed.ok) throw new Error('not filed');
    const stranger = recordingWait();
    for (let attempt = 0; attempt < 10; attempt++) {
      await trackDemand({ protocol: filed.demand.protocol, secret: `chute${attempt}@exemplo.com` }, { clientAddress: `198.51.100.${100 + attempt}` }, { now, wait: stranger.wait });
    }
    const owner = recordingWait();
    const tracked = await trackDemand({ protocol: filed.demand.protocol, secret: 'dona@exemplo.com.br' }, { clientAddress: '203.0.113.60' }, { now, wait: owner.wait });
    expect(tracked.ok).toBe(true);
    expect(owner.waits).toEqual([0]);
  });
});
