import 'server-only';
import { randomInt } from 'node:crypto';
import { verify as verifyHash } from '@node-rs/argon2';
import { and, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import QRCode from 'qrcode';
import { z } from 'zod';
import { getDb, type Executor } from '@/lib/db/client';
import { passkeyChallenges, passkeys, twoFactorPolicies, twoFactorRecoveryCodes, twoFactorTotp } from '@/lib/db/schema';
import type { Actor } from '@/lib/auth/guards';
import { hashPassword } from '@/lib/auth/password';
import { openSecret, sealSecret } from '@/lib/auth/two-factor/secret-box';
import { formatTime } from '@/lib/domain/labels';
import type { Role } from '@/lib/domain/vocabulary';
import { municipality } from '@/lib/municipality';
import { clearRateLimit, hitRateLimit, peekRateLimit, type RateLimitRule } from '@/lib/rate-limit';

/** Authenticator app (TOTP, RFC 6238) and recovery codes: enrolment and the sign-in check. */

export const RECOVERY_CODE_COUNT = 10;
/** Wrong codes per account before it waits, like wrong passwords from one address. */
export const SECOND_FACTOR_LIMIT = { limit: 5, windowSeconds: 15 * 60 } as const satisfies RateLimitRule;
/** One step either side: a phone clock a little off still works. */
const TOTP_TOLERANCE_SECONDS = 30;

const limitKey = (userId: string) => `second-factor:${userId}`;

export const SecondFactorCodeSchema = z.object({
  code: z
    .string({ error: 'Informe o código.' })
    .trim()
    .min(1, { error: 'Informe o código.' })
    .max(40, { error: 'O código é mais curto: confira o que foi digitado.' }),
});

export type CodeCheck = { ok: true; usedRecoveryCode: boolean } | { ok: false; message: string };

const WRONG_CODE = 'Código incorreto ou já usado. Confira o aplicativo autenticador (o código muda a cada 30 segundos) ou use um código de recuperação.';

/**
 * Whether the person has a second factor — a confirmed authenticator app or a passkey — and so must give
 * it after the password.
 */
export async function hasSecondFactor(userId: string, db?: Executor): Promise<boolean> {
  const executor = db ?? (await getDb());
  return (await hasAuthenticatorApp(userId, executor)) || (await hasPasskey(userId, executor));
}

export async function hasAuthenticatorApp(userId: string, db?: Executor): Promise<boolean> {
  const executor = db ?? (await getDb());
  const [row] = await executor.select({ userId: twoFactorTotp.userId }).from(twoFactorTotp).where(and(eq(twoFactorTotp.userId, userId), isNotNull(twoFactorTotp.confirmedAt)));
  return Boolean(row);
}

export async function hasPasskey(userId: string, db?: Executor): Promise<boolean> {
  const executor = db ?? (await getDb());
  const [row] = await executor.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId)).limit(1);
  return Boolean(row);
}

/** The roles the admin requires a second factor of. */
export async function rolesRequiringSecondFactor(): Promise<Role[]> {
  const db = await getDb();
  const rows = await db.select({ role: twoFactorPolicies.role }).from(twoFactorPolicies).where(eq(twoFactorPolicies.required, true));
  return rows.map((row) => row.role);
}

export type Enrolment = { secret: string; otpauthUri: string; qrSvg: string };

/**
 * The secret the person is about to add to their app: the unconfirmed one if there is one (reloading the
 * page shows the same QR code), else a new one. Refused when an authenticator is already confirmed.
 */
export async function startEnrolment(actor: Pick<Actor, 'userId' | 'email'>): Promise<Enrolment | null> {
  const db = await getDb();
  const [existing] = await db.select().from(twoFactorTotp).where(eq(twoFactorTotp.userId, actor.userId));
  if (existing?.confirmedAt) return null;
  let secret: string;
  if (existing) {
    secret = openSecret(existing.secretCiphertext);
  } else {
    secret = generateSecret();
    await db.insert(twoFactorTotp).values({ userId: actor.userId, secretCiphertext: sealSecret(secret) }).onConflictDoNothing();
    const [stored] = await db.select().from(twoFactorTotp).where(eq(twoFactorTotp.userId, actor.userId));
    if (!stored || stored.confirmedAt) return null;
    secret = openSecret(stored.secretCiphertext);
  }
  const otpauthUri = generateURI({ secret, issuer: `Ouvidoria ${municipality.name}`, label: actor.email });
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUri, qrSvg };
}

export type ConfirmResult = { ok: true; recoveryCodes: string[] } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

/** The first right code confirms the authenticator; the recovery codes are made now and shown once. */
export async function confirmEnrolment(actor: Pick<Actor, 'userId'>, input: unknown, now = new Date()): Promise<ConfirmResult> {
  const parsed = SecondFactorCodeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'Informe o código de 6 dígitos do aplicativo.', fieldErrors: { code: ['Informe o código de 6 dígitos do aplicativo.'] } };
  const locked = await lockedMessage(actor.userId, now);
  if (locked) return { ok: false, message: locked };
  const db = await getDb();
  const [row] = await db.select().from(twoFactorTotp).where(eq(twoFactorTotp.userId, actor.userId));
  if (!row) return { ok: false, message: 'Comece de novo: abra a página de verificação em duas etapas.' };
  if (row.confirmedAt) return { ok: false, message: 'A verificação em duas etapas já está ativa.' };
  const step = await matchingStep(openSecret(row.secretCiphertext), parsed.data.code, row.lastTimeStep, now);
  if (step === null) {
    await hitRateLimit(limitKey(actor.userId), SECOND_FACTOR_LIMIT, now);
    return { ok: false, message: 'Código incorreto. Confira o código que o aplicativo mostra agora e digite os 6 números.', fieldErrors: { code: ['Código incorreto.'] } };
  }
  const { codes, hashes } = await newRecoveryCodes();
  const confirmed = await db.transaction(async (tx) => {
    const rows = await tx
      .update(twoFactorTotp)
      .set({ confirmedAt: now, lastTimeStep: step })
      .where(and(eq(twoFactorTotp.userId, actor.userId), isNull(twoFactorTotp.confirmedAt)))
      .returning({ userId: twoFactorTotp.userId });
    if (rows.length !== 1) return false;
    await replaceRecoveryCodes(actor.userId, hashes, tx);
    return true;
  });
  if (!confirmed) return { ok: false, message: 'A verificação em duas etapas já está ativa.' };
  await clearRateLimit(limitKey(actor.userId));
  return { ok: true, recoveryCodes: codes };
}

/**
 * The second factor at sign-in: a code from the app (each good once) or an unused recovery code (then
 * spent). Wrong codes count against the account; past the limit it waits, whatever the code.
 */
export async function checkSecondFactor(userId: string, input: unknown, now = new Date()): Promise<CodeCheck> {
  const parsed = SecondFactorCodeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'Informe o código do aplicativo autenticador ou um código de recuperação.' };
  const locked = await lockedMessage(userId, now);
  if (locked) return { ok: false, message: locked };
  const db = await getDb();
  const [row] = await db.select().from(twoFactorTotp).where(and(eq(twoFactorTotp.userId, userId), isNotNull(twoFactorTotp.confirmedAt)));
  // Recovery codes stand in for a passkey too (a browser without JavaScript, a lost security key).
  if (!row && !(await hasPasskey(userId, db))) return { ok: false, message: 'Esta conta não tem verificação em duas etapas.' };
  const code = parsed.data.code.replace(/\s/g, '');
  if (/^\d{6}$/.test(code)) {
    if (!row) return failed(userId, now, 'Esta conta não usa aplicativo autenticador: use a passkey ou um código de recuperação.');
    const step = await matchingStep(openSecret(row.secretCiphertext), code, row.lastTimeStep, now);
    // Taking the step only if it is still ahead of the last one: two posts of one code cannot both win.
    const taken =
      step !== null &&
      (await db
        .update(twoFactorTotp)
        .set({ lastTimeStep: step })
        .where(and(eq(twoFactorTotp.userId, userId), lt(twoFactorTotp.lastTimeStep, step)))
        .returning({ userId: twoFactorTotp.userId })).length === 1;
    if (taken) return succeeded(userId, false);
  } else if (await spendRecoveryCode(userId, code, now, db)) {
    return succeeded(userId, true);
  }
  return failed(userId, now, WRONG_CODE);
}

async function failed(userId: string, now: Date, message: string): Promise<CodeCheck> {
  await hitRateLimit(limitKey(userId), SECOND_FACTOR_LIMIT, now);
  return { ok: false, message };
}

async function succeeded(userId: string, usedRecoveryCode: boolean): Promise<CodeCheck> {
  await clearRateLimit(limitKey(userId));
  return { ok: true, usedRecoveryCode };
}

/** How many recovery codes are left unused. */
export async function unusedRecoveryCodes(userId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(twoFactorRecoveryCodes)
    .where(and(eq(twoFactorRecoveryCodes.userId, userId), isNull(twoFactorRecoveryCodes.usedAt)));
  return row?.total ?? 0;
}

/** Removes the authenticator, the passkeys and the recovery codes (the admin's reset; see `resetSecondFactor`). */
export async function removeSecondFactor(userId: string, db: Executor): Promise<{ passkeys: number }> {
  await db.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId));
  await db.delete(twoFactorTotp).where(eq(twoFactorTotp.userId, userId));
  await db.delete(passkeyChallenges).where(eq(passkeyChallenges.userId, userId));
  const removed = await db.delete(passkeys).where(eq(passkeys.userId, userId)).returning({ id: passkeys.id });
  return { passkeys: removed.length };
}

/** Ten new recovery codes (shown once) and their hashes (stored). */
export async function newRecoveryCodes(): Promise<{ codes: string[]; hashes: string[] }> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const hashes = await Promise.all(codes.map((code) => hashPassword(normaliseRecoveryCode(code))));
  return { codes, hashes };
}

export async function replaceRecoveryCodes(userId: string, hashes: readonly string[], db: Executor): Promise<void> {
  await db.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId));
  await db.insert(twoFactorRecoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
}

async function lockedMessage(userId: string, now: Date): Promise<string | undefined> {
  const limit = await peekRateLimit(limitKey(userId), SECOND_FACTOR_LIMIT, now);
  if (limit.remaining > 0) return undefined;
  const retryAt = new Date(now.getTime() + limit.retryAfterSeconds * 1000);
  return `Muitos códigos errados seguidos. Por segurança, espere e tente de novo a partir das ${formatTime(retryAt)}.`;
}

async function matchingStep(secret: string, code: string, lastTimeStep: number, now: Date): Promise<number | null> {
  if (!/^\d{6}$/.test(code.replace(/\s/g, ''))) return null;
  const result = await verifyTotp({
    secret,
    token: code.replace(/\s/g, ''),
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_TOLERANCE_SECONDS,
    afterTimeStep: lastTimeStep > 0 ? lastTimeStep : undefined,
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

async function spendRecoveryCode(userId: string, code: string, now: Date, db: Executor): Promise<boolean> {
  const normalised = normaliseRecoveryCode(code);
  if (normalised.length !== 10) return false;
  const unused = await db
    .select()
    .from(twoFactorRecoveryCodes)
    .where(and(eq(twoFactorRecoveryCodes.userId, userId), isNull(twoFactorRecoveryCodes.usedAt)));
  for (const row of unused) {
    if (!(await verifyHash(row.codeHash, normalised))) continue;
    const spent = await db
      .update(twoFactorRecoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(twoFactorRecoveryCodes.id, row.id), isNull(twoFactorRecoveryCodes.usedAt)))
      .returning({ id: twoFactorRecoveryCodes.id });
    return spent.length === 1;
  }
  return false;
}

// No 0/O, 1/l/i: read from paper and typed back.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}
