import 'server-only';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { deleteInBatches } from '@/lib/db/batches';
import { getDb, type Executor } from '@/lib/db/client';
import { passkeyChallenges, passkeys, twoFactorRecoveryCodes } from '@/lib/db/schema';
import type { Actor } from '@/lib/auth/guards';
import { relyingParty, type RelyingParty } from '@/lib/auth/passkeys/relying-party';
import { logSecurityAction } from '@/lib/admin/account-security';
import { fieldErrorsOf, type FieldErrors } from '@/lib/domain/intake-schema';
import { componentLog, errorKind } from '@/lib/log';
import { municipality } from '@/lib/municipality';
import { hasSecondFactor, newRecoveryCodes, replaceRecoveryCodes } from './two-factor';

/**
 * Passkeys (WebAuthn) as a second factor: registered from "Minha conta", used at the second step of
 * signing in instead of the authenticator app's code. Challenges live in `passkey_challenges`, bound to
 * the session that asked for them: taken (deleted) by the first answer and void after a few minutes.
 */

export const PASSKEY_CHALLENGE_SECONDS = 5 * 60;
/** A person with this many passkeys removes one before adding another. */
export const MAX_PASSKEYS = 10;

type Purpose = 'registration' | 'authentication';
/** Who is asking: the person, and the session row their cookie names. */
export type PasskeyCaller = Pick<Actor, 'userId'> & { sessionId?: string };

export type PasskeyView = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; backedUp: boolean };

const UNAVAILABLE = 'Passkeys não estão disponíveis neste endereço do sistema. Use o aplicativo autenticador.';
const EXPIRED = 'O pedido expirou ou já foi usado. Tente de novo.';
const NO_SESSION = 'Sua sessão terminou. Entre de novo.';

export const PasskeyNameSchema = z
  .string({ error: 'Dê um nome à passkey.' })
  .trim()
  .min(1, { error: 'Dê um nome à passkey (por exemplo, “notebook do trabalho” ou “chave de segurança”).' })
  .max(60, { error: 'Use no máximo 60 caracteres no nome.' });

const RegistrationSchema = z.object({
  name: PasskeyNameSchema,
  response: z.string({ error: 'O navegador não devolveu a passkey. Tente de novo.' }).max(20_000).transform(parseJson),
});

const CredentialJsonSchema = z.looseObject({
  id: z.string().min(1).max(2048),
  rawId: z.string().min(1).max(2048),
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: z.string().max(10_000) }),
  clientExtensionResults: z.looseObject({}).optional().default({}),
});

function parseJson(text: string, context: z.RefinementCtx): unknown {
  try {
    return JSON.parse(text);
  } catch {
    context.addIssue({ code: 'custom', message: 'O navegador não devolveu a passkey. Tente de novo.' });
    return z.NEVER;
  }
}

/** The person's passkeys, oldest first. */
export async function listPasskeys(caller: PasskeyCaller): Promise<PasskeyView[]> {
  const db = await getDb();
  return db
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt, backedUp: passkeys.backedUp })
    .from(passkeys)
    .where(eq(passkeys.userId, caller.userId))
    .orderBy(asc(passkeys.createdAt), asc(passkeys.id));
}

/** Whether this configuration can offer passkeys at all (see `relyingParty`). */
export function passkeysAvailable(): boolean {
  return relyingParty() !== null;
}

export type OptionsResult<T> = { ok: true; options: T } | { ok: false; message: string };

/** The options for the browser's "create a passkey" dialog; the challenge is kept for this session. */
export async function startPasskeyRegistration(
  caller: PasskeyCaller & Pick<Actor, 'email' | 'name'>,
  now = new Date(),
): Promise<OptionsResult<PublicKeyCredentialCreationOptionsJSON>> {
  const rp = relyingParty();
  if (!rp) return { ok: false, message: UNAVAILABLE };
  if (!caller.sessionId) return { ok: false, message: NO_SESSION };
  const db = await getDb();
  const existing = await db.select({ credentialId: passkeys.credentialId, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, caller.userId));
  if (existing.length >= MAX_PASSKEYS) return { ok: false, message: `Você já tem ${MAX_PASSKEYS} passkeys. Remova uma antes de adicionar outra.` };
  const options = await generateRegistrationOptions({
    rpName: `Ouvidoria ${municipality.name}`,
    rpID: rp.id,
    userName: caller.email,
    userDisplayName: caller.name || caller.email,
    // The account id, not the e-mail: the authenticator keeps it, and it never changes.
    userID: isoBase64URL.toBuffer(isoBase64URL.fromUTF8String(caller.userId)),
    attestationType: 'none',
    excludeCredentials: existing.map((row) => ({ id: row.credentialId, transports: row.transports })),
    // A second factor after the password: presence is enough, a PIN or fingerprint welcome.
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    timeout: PASSKEY_CHALLENGE_SECONDS * 1000,
  });
  await keepChallenge(db, { userId: caller.userId, sessionId: caller.sessionId, purpose: 'registration', challenge: options.challenge }, now);
  return { ok: true, options };
}

export type RegistrationResult = { ok: true; name: string; recoveryCodes: string[] | null } | { ok: false; message: string; fieldErrors: FieldErrors };

/**
 * Checks the browser's answer against this session's challenge (spent either way) and keeps the passkey.
 * The person's first second factor also brings recovery codes, shown once: without JavaScript, or without
 * the device, a passkey cannot be used, and a recovery code then takes its place.
 */
export async function finishPasskeyRegistration(caller: PasskeyCaller, input: unknown, now = new Date()): Promise<RegistrationResult> {
  const parsed = RegistrationSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return { ok: false, message: fieldErrors.name?.[0] ?? fieldErrors.response?.[0] ?? 'Confira os dados e tente de novo.', fieldErrors };
  }
  const credential = CredentialJsonSchema.safeParse(parsed.data.response);
  const rp = relyingParty();
  if (!rp) return failure(UNAVAILABLE);
  if (!caller.sessionId) return failure(NO_SESSION);
  const db = await getDb();
  const challenge = await takeChallenge(db, { userId: caller.userId, sessionId: caller.sessionId, purpose: 'registration' }, now);
  if (!challenge) return failure(EXPIRED);
  if (!credential.success) return failure('O navegador não devolveu a passkey. Tente de novo.');
  const info = await verifiedRegistration(credential.data as unknown as RegistrationResponseJSON, challenge, rp);
  if (!info) return failure('A passkey não pôde ser confirmada. Tente de novo; se o erro continuar, use outro navegador ou dispositivo.');
  const codes = await newRecoveryCodes();
  return db.transaction(async (tx): Promise<RegistrationResult> => {
    const [held] = await tx.select({ total: sql<number>`count(*)::int` }).from(passkeys).where(eq(passkeys.userId, caller.userId));
    if ((held?.total ?? 0) >= MAX_PASSKEYS) return failure(`Você já tem ${MAX_PASSKEYS} passkeys. Remova uma antes de adicionar outra.`);
    const inserted = await tx
      .insert(passkeys)
      .values({
        userId: caller.userId,
        credentialId: info.credential.id,
        publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
        counter: info.credential.counter,
        transports: info.credential.transports ?? [],
        name: parsed.data.name,
        backedUp: info.credentialBackedUp,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: passkeys.id });
    if (inserted.length !== 1) return failure('Esta passkey já está cadastrada.');
    const [hasCodes] = await tx.select({ id: twoFactorRecoveryCodes.id }).from(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, caller.userId)).limit(1);
    const issued = hasCodes ? null : codes.codes;
    if (!hasCodes) await replaceRecoveryCodes(caller.userId, codes.hashes, tx);
    await logSecurityAction(tx, { actorId: caller.userId, subjectId: caller.userId, action: 'passkey_added', detail: parsed.data.name });
    return { ok: true, name: parsed.data.name, recoveryCodes: issued };
  });
}

const RemoveSchema = z.object({ passkeyId: z.uuid({ error: 'Passkey inválida.' }) });

/** Removes one of the person's own passkeys (another person's id removes nothing). Logged. */
export async function removePasskey(caller: PasskeyCaller, input: unknown): Promise<{ ok: true; name: string } | { ok: false; message: string }> {
  const parsed = RemoveSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'Passkey inválida.' };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(passkeys)
      .where(and(eq(passkeys.id, parsed.data.passkeyId), eq(passkeys.userId, caller.userId)))
      .returning({ name: passkeys.name });
    if (!removed) return { ok: false as const, message: 'Essa passkey já tinha sido removida.' };
    // No second factor left: the recovery codes went with it (a new one brings new codes).
    if (!(await hasSecondFactor(caller.userId, tx))) await tx.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, caller.userId));
    await logSecurityAction(tx, { actorId: caller.userId, subjectId: caller.userId, action: 'passkey_removed', detail: removed.name });
    return { ok: true as const, name: removed.name };
  });
}

/** The options for the browser's "use your passkey" dialog at the second step of signing in. */
export async function startPasskeySignIn(caller: Required<PasskeyCaller>, now = new Date()): Promise<OptionsResult<PublicKeyCredentialRequestOptionsJSON>> {
  const rp = relyingParty();
  if (!rp) return { ok: false, message: UNAVAILABLE };
  const db = await getDb();
  const held = await db.select({ credentialId: passkeys.credentialId, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, caller.userId));
  if (held.length === 0) return { ok: false, message: 'Esta conta não tem passkey. Use o código do aplicativo ou um código de recuperação.' };
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: held.map((row) => ({ id: row.credentialId, transports: row.transports })),
    userVerification: 'preferred',
    timeout: PASSKEY_CHALLENGE_SECONDS * 1000,
  });
  await keepChallenge(db, { userId: caller.userId, sessionId: caller.sessionId, purpose: 'authentication', challenge: options.challenge }, now);
  return { ok: true, options };
}

export type PasskeyCheck = { ok: true } | { ok: false; message: string };

/**
 * The second factor by passkey: the answer must sign this session's challenge (spent either way) with one
 * of the person's own passkeys, and its counter must move past the stored one (a repeated or older counter
 * is a cloned authenticator or a replay, and is refused). The counter moves only if no other answer moved
 * it first.
 */
export async function checkPasskeySignIn(caller: Required<PasskeyCaller>, input: unknown, now = new Date()): Promise<PasskeyCheck> {
  const rp = relyingParty();
  if (!rp) return { ok: false, message: UNAVAILABLE };
  const db = await getDb();
  const challenge = await takeChallenge(db, { userId: caller.userId, sessionId: caller.sessionId, purpose: 'authentication' }, now);
  if (!challenge) return { ok: false, message: EXPIRED };
  const parsed = CredentialJsonSchema.safeParse(typeof input === 'string' ? safeJson(input) : input);
  if (!parsed.success) return { ok: false, message: 'O navegador não devolveu a passkey. Tente de novo.' };
  const response = parsed.data as unknown as AuthenticationResponseJSON;
  const [stored] = await db.select().from(passkeys).where(and(eq(passkeys.userId, caller.userId), eq(passkeys.credentialId, response.id)));
  const refused = { ok: false as const, message: 'Esta passkey não foi aceita. Use uma passkey cadastrada nesta conta, o código do aplicativo ou um código de recuperação.' };
  if (!stored) return refused;
  let newCounter: number;
  try {
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: stored.credentialId, publicKey: isoBase64URL.toBuffer(stored.publicKey), counter: stored.counter, transports: stored.transports },
      requireUserVerification: false,
    });
    if (!verification.verified) return refused;
    newCounter = verification.authenticationInfo.newCounter;
  } catch (error) {
    componentLog('passkeys').warn({ userId: caller.userId, ...errorKind(error) }, 'passkey answer refused');
    return refused;
  }
  const moved = await db
    .update(passkeys)
    .set({ counter: newCounter, lastUsedAt: now })
    .where(and(eq(passkeys.id, stored.id), eq(passkeys.counter, stored.counter)))
    .returning({ id: passkeys.id });
  return moved.length === 1 ? { ok: true } : refused;
}

function failure(message: string): { ok: false; message: string; fieldErrors: FieldErrors } {
  return { ok: false, message, fieldErrors: {} };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function verifiedRegistration(response: RegistrationResponseJSON, challenge: string, rp: RelyingParty) {
  try {
    const verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
    return verification.verified ? verification.registrationInfo : null;
  } catch (error) {
    componentLog('passkeys').warn(errorKind(error), 'passkey registration refused');
    return null;
  }
}

/** One challenge per session and purpose: asking again replaces the one before. */
async function keepChallenge(db: Executor, row: { userId: string; sessionId: string; purpose: Purpose; challenge: string }, now: Date): Promise<void> {
  const expiresAt = new Date(now.getTime() + PASSKEY_CHALLENGE_SECONDS * 1000);
  await db
    .insert(passkeyChallenges)
    .values({ ...row, expiresAt, createdAt: now })
    .onConflictDoUpdate({ target: [passkeyChallenges.sessionId, passkeyChallenges.purpose], set: { challenge: row.challenge, expiresAt, userId: row.userId, createdAt: now } });
}

/** The session's challenge, deleted as it is read: whatever the answer, it cannot be used twice. */
async function takeChallenge(db: Executor, key: { userId: string; sessionId: string; purpose: Purpose }, now: Date): Promise<string | null> {
  if (!z.uuid().safeParse(key.sessionId).success) return null;
  const [taken] = await db
    .delete(passkeyChallenges)
    .where(and(eq(passkeyChallenges.sessionId, key.sessionId), eq(passkeyChallenges.userId, key.userId), eq(passkeyChallenges.purpose, key.purpose)))
    .returning({ challenge: passkeyChallenges.challenge, expiresAt: passkeyChallenges.expiresAt });
  return taken && taken.expiresAt.getTime() > now.getTime() ? taken.challenge : null;
}

/** At most this many challenges per delete statement, and this many statements per run. */
const SWEEP_BATCH = 1000;
const SWEEP_MAX_BATCHES = 20;

/**
 * Deletes the challenges nobody came back for: a ceremony abandoned (the dialog closed, the tab left) leaves
 * its row until its session ends, and a session may last for weeks. An expired challenge is refused anyway
 * (`takeChallenge`), so this changes nothing for anyone. Bounded batches keep each statement short; what is
 * left waits for the next run. Returns how many rows went.
 */
export async function sweepExpiredPasskeyChallenges({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const db = await getDb();
  const expired = db.select({ id: passkeyChallenges.id }).from(passkeyChallenges).where(lte(passkeyChallenges.expiresAt, now)).limit(SWEEP_BATCH);
  return deleteInBatches(async () => (await db.delete(passkeyChallenges).where(inArray(passkeyChallenges.id, expired)).returning({ id: passkeyChallenges.id })).length, {
    batch: SWEEP_BATCH,
    maxBatches: SWEEP_MAX_BATCHES,
  });
}
