import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { authenticateWithPassword, SIGN_IN_LIMITS } from '@/lib/auth/password-sign-in';
import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createUser, TEST_PASSWORD } from '../account-factories';

let addressCounter = 0;
const freshAddress = () => `203.0.113.${++addressCounter}`;
const signIn = (email: string, password: string, clientAddress: string, now?: Date) =>
  authenticateWithPassword({ email, password, clientAddress, now });

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

  it('locks an account after 5 failures, even against the right password, until the window ends', async () => {
    const citizen = await createUser();
    const start = new Date('2026-05-04T13:00:00Z');
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perAccount.limit; attempt++) {
      // A different address each time: the account's own counter is what locks it.
      expect(await signIn(citizen.email, `errada ${attempt}`, freshAddress(), start)).toEqual({ ok: false, reason: 'invalid_credentials' });
    }
    const duringWindow = new Date(start.getTime() + 5 * 60 * 1000);
    const refused = await signIn(citizen.email, TEST_PASSWORD, freshAddress(), duringWindow);
    expect(refused).toEqual({ ok: false, reason: 'locked', retryAt: new Date(start.getTime() + 15 * 60 * 1000) });

    const afterWindow = new Date(start.getTime() + 15 * 60 * 1000 + 1000);
    expect(await signIn(citizen.email, TEST_PASSWORD, freshAddress(), afterWindow)).toMatchObject({ ok: true });
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    const citizen = await createUser();
    const now = new Date('2026-05-04T14:00:00Z');
    for (let attempt = 0; attempt < 4; attempt++) await signIn(citizen.email, 'errada', freshAddress(), now);
    expect(await signIn(citizen.email, TEST_PASSWORD, freshAddress(), now)).toMatchObject({ ok: true });
    for (let attempt = 0; attempt < 4; attempt++) await signIn(citizen.email, 'errada', freshAddress(), now);
    expect(await signIn(citizen.email, TEST_PASSWORD, freshAddress(), now)).toMatchObject({ ok: true });
  });

  it('locks an address after 20 failures across accounts, without touching sign-ins from elsewhere', async () => {
    const address = freshAddress();
    const now = new Date('2026-05-04T15:00:00Z');
    const victims = await Promise.all(Array.from({ length: 5 }, () => createUser()));
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perAddress.limit; attempt++) {
      const victim = victims[attempt % victims.length];
      if (!victim) throw new Error('no victim');
      // 4 failures per account: below the account limit, so only the address counter can refuse.
      expect(await signIn(victim.email, 'errada', address, now)).toEqual({ ok: false, reason: 'invalid_credentials' });
    }
    const someoneElse = await createUser();
    expect(await signIn(someoneElse.email, TEST_PASSWORD, address, now)).toMatchObject({ ok: false, reason: 'locked' });
    expect(await signIn(someoneElse.email, TEST_PASSWORD, freshAddress(), now)).toMatchObject({ ok: true });
  });

  it('does not let parallel guesses slip past the account limit', async () => {
    const citizen = await createUser();
    const now = new Date('2026-05-04T16:00:00Z');
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(citizen.email, `errada ${i}`, freshAddress(), now)));
    expect(results.filter((r) => !r.ok && r.reason === 'invalid_credentials')).toHaveLength(SIGN_IN_LIMITS.perAccount.limit);
    expect(results.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(12 - SIGN_IN_LIMITS.perAccount.limit);
  });

  it('never stores or compares the password in clear text', async () => {
    const citizen = await createUser();
    const db = await getDb();
    const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, citizen.userId));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
  });
});

describe('password sign-in through the Auth.js route', () => {
  it('sets a session cookie for the right password and says "locked" once throttled', async () => {
    const { authRoute } = await import('../auth-requests');
    const staff = await createUser({ role: 'attendant' });
    const post = (password: string) =>
      authRoute('/callback/credentials', { method: 'POST', form: { email: staff.email, password, callbackUrl: '/painel' }, headers: { [SOCKET_ADDRESS_HEADER]: freshAddress() } });

    const right = await post(TEST_PASSWORD);
    expect(right.headers.get('location')).toBe('http://localhost:3102/painel');
    expect(right.headers.getSetCookie().some((cookie) => cookie.startsWith('authjs.session-token='))).toBe(true);

    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perAccount.limit; attempt++) {
      const wrong = await post('errada');
      expect(wrong.headers.get('location')).toBe('http://localhost:3102/entrar?error=CredentialsSignin&code=credentials');
    }
    const locked = await post(TEST_PASSWORD);
    expect(locked.headers.get('location')).toBe('http://localhost:3102/entrar?error=CredentialsSignin&code=locked');
    expect(locked.headers.getSetCookie().some((cookie) => cookie.startsWith('authjs.session-token='))).toBe(false);
  });
});
