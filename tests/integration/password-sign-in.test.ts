import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { rateLimits, users } from '@/lib/db/schema';
import { authenticateWithPassword, SIGN_IN_LIMITS } from '@/lib/auth/password-sign-in';
import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createUser, TEST_PASSWORD } from '../account-factories';

let addressCounter = 0;
const confirmed = { emailVerified: new Date('2026-01-01T00:00:00Z') };
const noWait = async () => {};
const freshAddress = () => `203.0.113.${++addressCounter}`;
const signIn = (email: string, password: string, clientAddress: string, now?: Date) =>
  authenticateWithPassword({ email, password, clientAddress, now, wait: noWait });

describe('password sign-in', () => {
  it('lets an active account in with the right password only', async () => {
    const staff = await createUser({ role: 'ombudsman' });
    const address = freshAddress();
    expect(await signIn(staff.email, TEST_PASSWORD, address)).toMatchObject({ ok: true, user: { id: staff.userId, role: 'ombudsman' } });
    expect(await signIn(staff.email, 'senha errada', address)).toEqual({ ok: false, reason: 'invalid_credentials' });
    expect(await signIn('ninguem@exemplo.com.br', TEST_PASSWORD, address)).toEqual({ ok: false, reason: 'invalid_credentials' });
    expect(await signIn('não é e-mail', TEST_PASSWORD, address)).toEqual({ ok: false, reason: 'invalid_credentials' });
  });

  it('refuses a deactivated account even with the right password', async () => {
    const staff = await createUser({ role: 'attendant', active: false });
    expect(await signIn(staff.email, TEST_PASSWORD, freshAddress())).toEqual({ ok: false, reason: 'invalid_credentials' });
  });

  // Until issue 9, five failures from anywhere locked the account, even against the right password; now
  // failures only slow down the address they come from (tests/security/no-stranger-lockout.test.ts).
  it('slows down an address that keeps failing one account, and still takes the right password', async () => {
    const citizen = await createUser(confirmed);
    const address = freshAddress();
    const waits: number[] = [];
    const wait = async (seconds: number) => {
      waits.push(seconds);
    };
    const now = new Date('2026-05-04T13:00:00Z');
    for (let attempt = 0; attempt < 6; attempt++) {
      expect(await authenticateWithPassword({ email: citizen.email, password: `errada ${attempt}`, clientAddress: address, now, wait })).toEqual({ ok: false, reason: 'invalid_credentials' });
    }
    expect(await authenticateWithPassword({ email: citizen.email, password: TEST_PASSWORD, clientAddress: address, now, wait })).toMatchObject({ ok: true });
    expect(waits).toEqual([0, 0, 0, 1, 2, 4, 8]);
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    const citizen = await createUser(confirmed);
    const now = new Date('2026-05-04T14:00:00Z');
    for (let attempt = 0; attempt < 4; attempt++) await signIn(citizen.email, 'errada', freshAddress(), now);
    expect(await signIn(citizen.email, TEST_PASSWORD, freshAddress(), now)).toMatchObject({ ok: true });
    for (let attempt = 0; attempt < 4; attempt++) await signIn(citizen.email, 'errada', freshAddress(), now);
    expect(await signIn(citizen.email, TEST_PASSWORD, freshAddress(), now)).toMatchObject({ ok: true });
  });

  it('locks an address after 20 failures across accounts, without touching sign-ins from elsewhere', async () => {
    const address = freshAddress();
    const now = new Date('2026-05-04T15:00:00Z');
    const victims = await Promise.all(Array.from({ length: 5 }, () => createUser(confirmed)));
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perAddress.limit; attempt++) {
      const victim = victims[attempt % victims.length];
      if (!victim) throw new Error('no victim');
      expect(await signIn(victim.email, 'errada', address, now)).toEqual({ ok: false, reason: 'invalid_credentials' });
    }
    const someoneElse = await createUser(confirmed);
    expect(await signIn(someoneElse.email, TEST_PASSWORD, address, now)).toMatchObject({ ok: false, reason: 'locked' });
    expect(await signIn(someoneElse.email, TEST_PASSWORD, freshAddress(), now)).toMatchObject({ ok: true });
  });

  it('never stores or compares the password in clear text', async () => {
    const citizen = await createUser();
    const db = await getDb();
    const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, citizen.userId));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
  });
});

describe('password sign-in through the Auth.js route', () => {
  it('sets a session cookie for the right password and says "locked" once the address is throttled', async () => {
    const { authRoute } = await import('../auth-requests');
    const staff = await createUser({ role: 'attendant' });
    const address = freshAddress();
    const post = (password: string) =>
      authRoute('/callback/credentials', { method: 'POST', form: { email: staff.email, password, callbackUrl: '/painel' }, headers: { [SOCKET_ADDRESS_HEADER]: address } });

    const right = await post(TEST_PASSWORD);
    expect(right.headers.get('location')).toBe('http://localhost:3102/painel');
    expect(right.headers.getSetCookie().some((cookie) => cookie.startsWith('authjs.session-token='))).toBe(true);

    const db = await getDb();
    // The address's failures, made elsewhere (the Auth.js route would wait between them).
    await db.insert(rateLimits).values({ key: `sign-in:address:${address}`, hits: SIGN_IN_LIMITS.perAddress.limit - 1, windowEndsAt: new Date(Date.now() + 600_000) });
    const wrong = await post('errada');
    expect(wrong.headers.get('location')).toBe('http://localhost:3102/entrar?error=CredentialsSignin&code=credentials');
    const locked = await post(TEST_PASSWORD);
    expect(locked.headers.get('location')).toBe('http://localhost:3102/entrar?error=CredentialsSignin&code=locked');
    expect(locked.headers.getSetCookie().some((cookie) => cookie.startsWith('authjs.session-token='))).toBe(false);
  });
});
