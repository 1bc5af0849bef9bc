import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { endAllAuthSessions, openAuthSession } from '@/lib/accounts/auth-sessions';
import {
  checkPasskeySignIn,
  finishPasskeyRegistration,
  listPasskeys,
  PASSKEY_CHALLENGE_SECONDS,
  removePasskey,
  startPasskeyRegistration,
  startPasskeySignIn,
} from '@/lib/accounts/passkeys';
import { checkSecondFactor, hasSecondFactor, unusedRecoveryCodes } from '@/lib/accounts/two-factor';
import { listSecondFactorHolders, listSecurityLog, resetSecondFactor } from '@/lib/admin/account-security';
import { relyingParty } from '@/lib/auth/passkeys/relying-party';
import { getDb } from '@/lib/db/client';
import { workerConfig } from '@/lib/delivery/config';
import { runScheduledTick } from '@/lib/delivery/scheduled-tasks';
import { authSessions, passkeyChallenges, passkeys } from '@/lib/db/schema';
import { createUser } from '../account-factories';
import { softwarePasskey, type SoftwarePasskey } from '../support/software-passkey';

const T0 = new Date('2026-06-01T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function rp() {
  const party = relyingParty();
  if (!party) throw new Error('passkeys unavailable in the test configuration');
  return party;
}

async function staffWithSession(role: 'ombudsman' | 'attendant' | 'manager' = 'ombudsman') {
  const staff = await createUser({ role });
  const sessionId = await openAuthSession({ userId: staff.userId, userAgent: 'teste', clientAddress: '192.0.2.1', secondFactorPending: false });
  return { ...staff, sessionId };
}

async function register(staff: Awaited<ReturnType<typeof staffWithSession>>, name: string, key: SoftwarePasskey, when = T0) {
  const options = await startPasskeyRegistration(staff, when);
  if (!options.ok) throw new Error(options.message);
  return finishPasskeyRegistration(staff, { name, response: JSON.stringify(key.register(options.options)) }, when);
}

async function pendingSession(userId: string) {
  return openAuthSession({ userId, userAgent: 'teste', clientAddress: '192.0.2.2', secondFactorPending: true });
}

async function signInWith(key: SoftwarePasskey, caller: { userId: string; sessionId: string }, when = T0, counter?: number) {
  const options = await startPasskeySignIn(caller, when);
  if (!options.ok) throw new Error(options.message);
  return checkPasskeySignIn(caller, JSON.stringify(key.authenticate(options.options, counter)), when);
}

describe('registering a passkey', () => {
  it('keeps it under its name, counts as a second factor, brings recovery codes the first time, and is logged', async () => {
    const staff = await staffWithSession();
    expect(await hasSecondFactor(staff.userId)).toBe(false);
    const first = await register(staff, '  notebook do trabalho ', softwarePasskey(rp()));
    expect(first).toMatchObject({ ok: true, name: 'notebook do trabalho' });
    expect(first.ok && first.recoveryCodes).toHaveLength(10);
    expect(await hasSecondFactor(staff.userId)).toBe(true);
    expect(await unusedRecoveryCodes(staff.userId)).toBe(10);

    // A second passkey brings no new codes (the first ones still hold).
    const second = await register(staff, 'chave de segurança', softwarePasskey(rp()), at(10));
    expect(second).toEqual({ ok: true, name: 'chave de segurança', recoveryCodes: null });
    expect((await listPasskeys(staff)).map((key) => [key.name, key.lastUsedAt])).toEqual([
      ['notebook do trabalho', null],
      ['chave de segurança', null],
    ]);
    const admin = await createUser({ role: 'admin' });
    const log = (await listSecurityLog(admin, 200)).filter((entry) => entry.subjectEmail === staff.email);
    expect(log.map((entry) => [entry.action, entry.detail])).toEqual([
      ['passkey_added', 'chave de segurança'],
      ['passkey_added', 'notebook do trabalho'],
    ]);
  });

  it('asks for a name, and refuses the same authenticator twice', async () => {
    const staff = await staffWithSession();
    const key = softwarePasskey(rp());
    const options = await startPasskeyRegistration(staff, T0);
    if (!options.ok) throw new Error(options.message);
    const unnamed = await finishPasskeyRegistration(staff, { name: '  ', response: JSON.stringify(key.register(options.options)) }, T0);
    expect(unnamed).toMatchObject({ ok: false, fieldErrors: { name: [expect.stringContaining('Dê um nome')] } });
    expect(await register(staff, 'celular', key)).toMatchObject({ ok: true });
    expect(await register(staff, 'celular de novo', key, at(5))).toMatchObject({ ok: false, message: 'Esta passkey já está cadastrada.' });
  });
});

describe('the challenge', () => {
  it('is good once: the same answer again is refused, and a wrong answer spends it too', async () => {
    const staff = await staffWithSession();
    const key = softwarePasskey(rp());
    const options = await startPasskeyRegistration(staff, T0);
    if (!options.ok) throw new Error(options.message);
    const answer = JSON.stringify(key.register(options.options));
    expect(await finishPasskeyRegistration(staff, { name: 'um', response: answer }, T0)).toMatchObject({ ok: true });
    expect(await finishPasskeyRegistration(staff, { name: 'um de novo', response: answer }, T0)).toMatchObject({ ok: false, message: expect.stringContaining('expirou ou já foi usado') });

    const pending = { userId: staff.userId, sessionId: await pendingSession(staff.userId) };
    const signIn = await startPasskeySignIn(pending, T0);
    if (!signIn.ok) throw new Error(signIn.message);
    const assertion = JSON.stringify(key.authenticate(signIn.options));
    expect(await checkPasskeySignIn(pending, '{"id":"x"}', T0)).toMatchObject({ ok: false });
    // The right answer after a wrong one: its challenge is gone.
    expect(await checkPasskeySignIn(pending, assertion, T0)).toMatchObject({ ok: false, message: expect.stringContaining('expirou ou já foi usado') });
  });

  it('lapses after a few minutes', async () => {
    const staff = await staffWithSession();
    const key = softwarePasskey(rp());
    expect(await register(staff, 'celular', key)).toMatchObject({ ok: true });
    const pending = { userId: staff.userId, sessionId: await pendingSession(staff.userId) };
    const options = await startPasskeySignIn(pending, T0);
    if (!options.ok) throw new Error(options.message);
    const late = at(PASSKEY_CHALLENGE_SECONDS + 1);
    expect(await checkPasskeySignIn(pending, JSON.stringify(key.authenticate(options.options)), late)).toMatchObject({
      ok: false,
      message: expect.stringContaining('expirou'),
    });
    expect(await signInWith(key, pending, late)).toEqual({ ok: true });
  });

  it('belongs to the session that asked for it', async () => {
    const staff = await staffWithSession();
    const key = softwarePasskey(rp());
    expect(await register(staff, 'celular', key)).toMatchObject({ ok: true });
    const mine = { userId: staff.userId, sessionId: await pendingSession(staff.userId) };
    const other = { userId: staff.userId, sessionId: await pendingSession(staff.userId) };
    const options = await startPasskeySignIn(mine, T0);
    if (!options.ok) throw new Error(options.message);
    expect(await checkPasskeySignIn(other, JSON.stringify(key.authenticate(options.options)), T0)).toMatchObject({ ok: false });
    const db = await getDb();
    expect(await db.select().from(passkeyChallenges).where(eq(passkeyChallenges.sessionId, mine.sessionId))).toHaveLength(1);
  });

  it('abandoned, is swept by the worker’s next tick once expired; one still running stays and still works', async () => {
    const walkedAway = await staffWithSession();
    const stillHere = await staffWithSession();
    const abandoned = await startPasskeyRegistration(walkedAway, T0);
    expect(abandoned.ok).toBe(true);
    const later = at(2 * PASSKEY_CHALLENGE_SECONDS);
    const key = softwarePasskey(rp());
    const running = await startPasskeyRegistration(stillHere, later);
    if (!running.ok) throw new Error(running.message);
    const db = await getDb();
    const challengesOf = async (sessionId: string) => (await db.select().from(passkeyChallenges).where(eq(passkeyChallenges.sessionId, sessionId))).length;
    expect([await challengesOf(walkedAway.sessionId), await challengesOf(stillHere.sessionId)]).toEqual([1, 1]);

    const tickAt = at(2 * PASSKEY_CHALLENGE_SECONDS + 60);
    const config = { ...workerConfig(), scanIntervalMs: 60_000 };
    expect(await runScheduledTick({ db, now: tickAt, config, log: { info: () => {}, error: () => {} }, workerId: 'passkey-sweep' })).toBe(true);

    expect([await challengesOf(walkedAway.sessionId), await challengesOf(stillHere.sessionId)]).toEqual([0, 1]);
    expect(await finishPasskeyRegistration(stillHere, { name: 'notebook', response: JSON.stringify(key.register(running.options)) }, tickAt)).toMatchObject({ ok: true });
  });
});

describe('signing in with a passkey', () => {
  it('accepts a rising counter, records the last use, and refuses a repeated or lower counter', async () => {
    const staff = await staffWithSession();
    const key = softwarePasskey(rp());
    expect(await register(staff, 'celular', key)).toMatchObject({ ok: true });
    const pending = { userId: staff.userId, sessionId: await pendingSession(staff.userId) };
    expect(await signInWith(key, pending, at(60), 5)).toEqual({ ok: true });
    const [used] = await listPasskeys(staff);
    expect(used?.lastUsedAt?.toISOString()).toBe(at(60).toISOString());
    // A cloned authenticator (or a replayed signature) repeats a counter: refused, and nothing moves.
    expect(await signInWith(key, pending, at(70), 5)).toMatchObject({ ok: false, message: expect.stringContaining('não foi aceita') });
    expect(await signInWith(key, pending, at(80), 3)).toMatchObject({ ok: false });
    const db = await getDb();
    const [row] = await db.select().from(passkeys).where(eq(passkeys.userId, staff.userId));
    expect(row?.counter).toBe(5);
    expect(await signInWith(key, pending, at(90), 6)).toEqual({ ok: true });
  });

  it("refuses another person's passkey", async () => {
    const owner = await staffWithSession();
    const stranger = await staffWithSession();
    const ownerKey = softwarePasskey(rp());
    const strangerKey = softwarePasskey(rp());
    expect(await register(owner, 'celular', ownerKey)).toMatchObject({ ok: true });
    expect(await register(stranger, 'celular', strangerKey)).toMatchObject({ ok: true });
    const pending = { userId: owner.userId, sessionId: await pendingSession(owner.userId) };
    expect(await signInWith(strangerKey, pending)).toMatchObject({ ok: false });
  });

  it('leaves the recovery codes as the way in without the passkey (or without JavaScript)', async () => {
    const staff = await staffWithSession();
    const registered = await register(staff, 'celular', softwarePasskey(rp()));
    const codes = registered.ok ? (registered.recoveryCodes ?? []) : [];
    expect(await checkSecondFactor(staff.userId, { code: codes[0] }, at(30))).toEqual({ ok: true, usedRecoveryCode: true });
    expect(await checkSecondFactor(staff.userId, { code: '123456' }, at(40))).toMatchObject({ ok: false, message: expect.stringContaining('não usa aplicativo') });
  });
});

describe('removing passkeys', () => {
  it("removes only the person's own, logs it, and with the last one the recovery codes go too", async () => {
    const staff = await staffWithSession();
    const other = await staffWithSession();
    expect(await register(staff, 'celular', softwarePasskey(rp()))).toMatchObject({ ok: true });
    const [key] = await listPasskeys(staff);
    expect(await removePasskey(other, { passkeyId: key?.id })).toMatchObject({ ok: false });
    expect(await listPasskeys(staff)).toHaveLength(1);
    expect(await removePasskey(staff, { passkeyId: key?.id })).toEqual({ ok: true, name: 'celular' });
    expect(await removePasskey(staff, { passkeyId: key?.id })).toMatchObject({ ok: false });
    expect(await hasSecondFactor(staff.userId)).toBe(false);
    expect(await unusedRecoveryCodes(staff.userId)).toBe(0);
    const admin = await createUser({ role: 'admin' });
    const log = (await listSecurityLog(admin, 200)).filter((entry) => entry.subjectEmail === staff.email);
    expect(log[0]).toMatchObject({ action: 'passkey_removed', detail: 'celular', actorName: staff.name });
  });

  it("an admin's reset removes the passkeys, ends the sessions and says so in the log", async () => {
    const staff = await staffWithSession();
    const key = softwarePasskey(rp());
    expect(await register(staff, 'celular', key)).toMatchObject({ ok: true });
    expect(await register(staff, 'chave', softwarePasskey(rp()), at(5))).toMatchObject({ ok: true });
    const admin = await createUser({ role: 'admin' });
    expect((await listSecondFactorHolders(admin)).find((holder) => holder.id === staff.userId)).toMatchObject({ passkeys: 2, confirmedAt: null });
    expect(await resetSecondFactor(admin, { userId: staff.userId })).toEqual({ ok: true, value: undefined });
    expect(await listPasskeys(staff)).toEqual([]);
    expect(await hasSecondFactor(staff.userId)).toBe(false);
    const db = await getDb();
    const sessions = await db.select().from(authSessions).where(eq(authSessions.userId, staff.userId));
    expect(sessions.every((row) => row.endedAt !== null)).toBe(true);
    expect((await listSecurityLog(admin, 200)).find((entry) => entry.subjectEmail === staff.email && entry.action === 'second_factor_reset')).toMatchObject({
      detail: '2 passkey(s) removida(s)',
    });
    // The removed passkey no longer signs in, even with a fresh session.
    const pending = { userId: staff.userId, sessionId: await pendingSession(staff.userId) };
    expect(await startPasskeySignIn(pending, at(60))).toMatchObject({ ok: false });
    await endAllAuthSessions(staff.userId);
  });
});
