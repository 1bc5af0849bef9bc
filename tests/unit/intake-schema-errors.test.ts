import { describe, expect, it } from 'vitest';
import { fieldErrorsOf, IntakeSchema } from '@/lib/domain/intake-schema';

function errorsOf(input: Record<string, unknown>) {
  const result = IntakeSchema.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error);
}

describe('intake schema errors for a form', () => {
  it('asks for name and contact in the same round as a missing kind', () => {
    expect(Object.keys(errorsOf({ service: 'ouvidoria', subject: '', description: '', identity: 'identified', name: ' ', email: '' })).sort()).toEqual(
      ['description', 'email', 'kind', 'name', 'phone', 'subject'],
    );
  });

  it('asks nothing of an anonymous requester, whatever else is wrong', () => {
    expect(Object.keys(errorsOf({ service: 'ouvidoria', subject: '', description: '', identity: 'anonymous' })).sort()).toEqual(['description', 'kind', 'subject']);
  });

  it('accepts a phone alone as the contact of a confidential demand', () => {
    const result = IntakeSchema.safeParse({ service: 'ouvidoria', kind: 'complaint', subject: 'Buraco na rua', description: 'Buraco enorme há três meses na rua.', identity: 'confidential', name: 'Ana Paula', phone: '14991234567' });
    expect(result.success).toBe(true);
  });
});
