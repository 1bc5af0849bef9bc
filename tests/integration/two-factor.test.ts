import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { checkSecondFactor, confirmEnrolment, hasSecondFactor, RECOVERY_CODE_COUNT, startEnrolment } from '@/lib/accounts/two-factor';
import { listSecurityLog, listSecondFactorHolders, resetSecondFactor } from '@/lib/admin/account-security';
import { getDb } from '@/lib/db/client';
import { twoFactorRecoveryCodes, twoFactorTotp } from '@/lib/db/schema';
import { createUser } from '../account-factories';

const T0 = new Date('2026-06-01T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const codeAt = (secret: string, when: Date) => generate({ secret, epoch: Math.floor(when.getTime() / 1000) });

async function enrolledStaff() {
  const staff = await createUser({ role: 'ombudsman' });
  const enrolment = await startEnrolment(staff);
  if (!enrolment) throw new Error('no enrolment');
  const confirmed = await confirmEnrolment(staff, { code: await codeAt(enrolment.secret, T0) }, T0);
  if (!confirmed.ok) throw new Error(confirmed.message);
  return { staff, secret: enrolment.secret, recoveryCodes: confirmed.recoveryCodes };
}

describe('enrolling an authenticator app', () => {
  it('shows a QR code of the otpauth link, keeps the secret encrypted, and is active only after a right code', async () => {
    const staff = await createUser({ role: 'attendant' });
    const enrolment = await startEnrolment(staff);
    expect(enrolment?.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(enrolment?.qrSvg).toMatch(/^<svg/);
    // Reloading the page shows the same secret, not a new one.
    expect((await startEnrolment(staff))?.secret).toBe(enrolment?.secret);
    const db = await getDb();
    const [row] = await db.select().from(twoFactorTotp).where(eq(twoFactorTotp.userId, staff.userId));
    expect(row?.secretCiphertext).not.toContain(enrolment?.secret ?? '');
    expect(await hasSecondFactor(staff.userId)).toBe(false);

    expect(await confirmEnrolment(staff, { code: '000000' }, T0)).toMatchObject({ ok: false });
    const confirmed = await confirmEnrolment(staff, { code: await codeAt(enrolment?.secret ?? '', T0) }, T0);
    expect(confirmed.ok).toBe(true);
    if (!confirmed.ok) return;
    expect(confirmed.recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(confirmed.recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    expect(await hasSecondFactor(staff.userId)).toBe(true);
    // Stored hashed: no code appears in the table.
    const stored = await db.select().from(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, staff.userId));
    expect(stored.map((code) => code.codeHash).join(' ')).not.toContain(confirmed.recoveryCodes[0]?.replace('-', '') ?? '');
    // Once active, the page offers no new secret.
    expect(await startEnrolment(staff)).toBeNull();
  });
});

describe('the code at sign-in', () => {
  it('takes a code from the app once: the same code again is refused (no replay)', async () => {
    const { staff, secret } = await enrolledStaff();
    // The code that confirmed the enrolment cannot be used again either.
    expect(await checkSecondFactor(staff.userId, { code: await codeAt(secret, T0) }, T0)).toMatchObject({ ok: false });
    const later = at(60);
    const code = await codeAt(secret, later);
    expect(await checkSecondFactor(staff.userId, { code }, later)).toEqual({ ok: true, usedRecoveryCode: false });
    expect(await checkSecondFactor(staff.userId, { code }, at(65))).toMatchObject({ ok: false });
    expect(await checkSecondFactor(staff.userId, { code: await codeAt(secret, at(120)) }, at(120))).toEqual({ ok: true, usedRecoveryCode: false });
  });

  it('takes each recovery code once, typed in any case with or without the dash', async () => {
    const { staff, recoveryCodes } = await enrolledStaff();
    const [first = '', second = ''] = recoveryCodes;
    expect(await checkSecondFactor(staff.userId, { code: first.toUpperCase() }, at(60))).toEqual({ ok: true, usedRecoveryCode: true });
    expect(await checkSecondFactor(staff.userId, { code: first }, at(70))).toMatchObject({ ok: false });
    expect(await checkSecondFactor(staff.userId, { code: second.replace('-', '') }, at(80))).toEqual({ ok: true, usedRecoveryCode: true });
  });

  it('makes the account wait after five wrong codes, even for the right one', async () => {
    const { staff, secret } = await enrolledStaff();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await checkSecondFactor(staff.userId, { code: '123456' }, at(60))).toMatchObject({ ok: false });
    }
    const refused = await checkSecondFactor(staff.userId, { code: await codeAt(secret, at(90)) }, at(90));
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('Muitos códigos errados') });
    // After the window, the right code works again.
    const after = at(16 * 60);
    expect(await checkSecondFactor(staff.userId, { code: await codeAt(secret, after) }, after)).toEqual({ ok: true, usedRecoveryCode: false });
  });
});

describe('the admin resetting a second factor', () => {
  it('removes the authenticator and the recovery codes, and logs who did it', async () => {
    const admin = await createUser({ role: 'admin' });
    const { staff } = await enrolledStaff();
    expect((await listSecondFactorHolders(admin)).map((holder) => holder.id)).toContain(staff.userId);
    expect(await resetSecondFactor(staff, { userId: staff.userId }).catch((error: Error) => error.name)).toBe('AuthorizationError');
    expect(await resetSecondFactor(admin, { userId: staff.userId })).toEqual({ ok: true, value: undefined });
    expect(await hasSecondFactor(staff.userId)).toBe(false);
    const db = await getDb();
    expect(await db.select().from(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, staff.userId))).toEqual([]);
    const [entry] = await listSecurityLog(admin);
    expect(entry).toMatchObject({ action: 'second_factor_reset', actorName: admin.name, subjectEmail: staff.email });
  });
});
