import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateAccessCode, hashAccessCode, verifyAccessCode } from '@/lib/demands/access-code';

describe('access code hashes', () => {
  it('opens with the code as the citizen types it back, in any case and with or without the dash', async () => {
    const code = generateAccessCode();
    const stored = await hashAccessCode(code);
    expect(stored).not.toContain(code);
    expect(await verifyAccessCode(code, stored)).toBe(true);
    expect(await verifyAccessCode(code.toLowerCase().replace('-', ' '), stored)).toBe(true);
    expect(await verifyAccessCode(generateAccessCode(), stored)).toBe(false);
  });

  it('still opens a code hashed before the cost changed (scrypt at its default cost)', async () => {
    const code = 'ABCDE-FGHJK';
    const salt = randomBytes(16);
    const legacy = `scrypt$${salt.toString('base64url')}$${scryptSync(code, salt, 32).toString('base64url')}`;
    expect(await verifyAccessCode('abcdefghjk', legacy)).toBe(true);
    expect(await verifyAccessCode('ABCDE-FGHJM', legacy)).toBe(false);
  });

  it('refuses a stored value of an unknown scheme or cost rather than guessing its parameters', async () => {
    const stored = await hashAccessCode('ABCDE-FGHJK');
    const [, salt, hash] = stored.split('$');
    expect(await verifyAccessCode('ABCDE-FGHJK', `scrypt:2$${salt}$${hash}`)).toBe(false);
    expect(await verifyAccessCode('ABCDE-FGHJK', `plain$${salt}$${hash}`)).toBe(false);
    expect(await verifyAccessCode('ABCDE-FGHJK', '')).toBe(false);
  });
});
