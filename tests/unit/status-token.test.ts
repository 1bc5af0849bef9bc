import { afterEach, describe, expect, it } from 'vitest';
import { createStatusToken, shortenStatusToken, tokenIsForRecipient, verifyStatusToken } from '@/lib/delivery/status-token';

const demandId = '3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b';
const otherDemandId = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const now = new Date('2026-05-04T12:00:00Z');
const expiresAt = new Date('2026-08-02T12:00:00Z');
const token = () => createStatusToken({ demandId, recipient: 'Maria@Exemplo.com.br', generation: 0, expiresAt });

function replacePart(value: string, index: number, replacement: (part: string) => string): string {
  const parts = value.split('.');
  parts[index] = replacement(parts[index] ?? '');
  return parts.join('.');
}

const savedSecret = process.env.STATUS_LINK_SECRET;
afterEach(() => {
  if (savedSecret === undefined) delete process.env.STATUS_LINK_SECRET;
  else process.env.STATUS_LINK_SECRET = savedSecret;
});

describe('status-link tokens', () => {
  it('open the demand they were made for, for the address they were sent to, until they expire', () => {
    const check = verifyStatusToken(token(), now);
    expect(check).toEqual({ ok: true, demandId, recipientTag: expect.any(String), generation: 0, expiresAt });
    if (!check.ok) return;
    expect(tokenIsForRecipient(check, ['maria@exemplo.com.br'])).toBe(true);
    expect(token()).not.toContain('maria');
  });

  it('are refused when any part was changed', () => {
    const flip = (part: string) => (part.at(-2) === 'A' ? `${part.slice(0, -2)}B${part.slice(-1)}` : `${part.slice(0, -2)}A${part.slice(-1)}`);
    expect(verifyStatusToken(replacePart(token(), 4, flip), now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyStatusToken(replacePart(token(), 1, flip), now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyStatusToken(replacePart(token(), 2, () => '1'), now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyStatusToken(replacePart(token(), 3, () => (expiresAt.getTime() / 1000 + 86_400 * 365).toString(36)), now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyStatusToken('', now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyStatusToken('nada.disso.vale.nada', now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('cannot be moved to another demand', () => {
    expect(verifyStatusToken(replacePart(token(), 0, () => otherDemandId), now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('do not open for another recipient', () => {
    const check = verifyStatusToken(token(), now);
    if (!check.ok) throw new Error('valid token refused');
    expect(tokenIsForRecipient(check, ['joao@exemplo.com.br', '+5514991234567', null])).toBe(false);
  });

  it('expire', () => {
    expect(verifyStatusToken(token(), new Date(expiresAt.getTime() - 1000)).ok).toBe(true);
    expect(verifyStatusToken(token(), expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('can be shortened, never lengthened, for the file cookie', () => {
    const check = verifyStatusToken(token(), now);
    if (!check.ok) throw new Error('valid token refused');
    const inAnHour = new Date(now.getTime() + 3_600_000);
    expect(verifyStatusToken(shortenStatusToken(check, inAnHour), now)).toEqual({ ...check, expiresAt: inAnHour });
    expect(verifyStatusToken(shortenStatusToken(check, new Date(expiresAt.getTime() + 86_400_000)), now)).toEqual(check);
  });

  it('stop working when the secret changes', () => {
    process.env.STATUS_LINK_SECRET = 'segredo-antigo';
    const old = token();
    process.env.STATUS_LINK_SECRET = 'segredo-novo';
    expect(verifyStatusToken(old, now)).toEqual({ ok: false, reason: 'invalid' });
  });
});
