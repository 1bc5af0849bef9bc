import { Auth, skipCSRFCheck } from '@auth/core';
import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { describe, expect, it, vi } from 'vitest';
import { endOwnSession, SECOND_FACTOR_WINDOW_SECONDS, checkAuthSession } from '@/lib/accounts/auth-sessions';
import { confirmEnrolment, startEnrolment } from '@/lib/accounts/two-factor';
import { saveSecondFactorPolicy } from '@/lib/admin/account-security';
import { setUserActive } from '@/lib/admin/users';
import { authOptions } from '@/lib/auth/auth-options';
import { getDb } from '@/lib/db/client';
import { authSessions } from '@/lib/db/schema';
import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createUser, TEST_PASSWORD } from '../account-factories';

/**
 * What a stolen password, an ended session or a disabled account can still do in the workspace: nothing.
 * Signs in through the app's Auth.js routes and then asks the guards with the cookie it got.
 */

const request = vi.hoisted(() => ({ cookie: '' }));

vi.mock('next/headers', () => ({
  cookies: async () => ({ getAll: () => (request.cookie ? [{ name: 'authjs.session-token', value: request.cookie }] : []) }),
  headers: async () =>
    new Headers({ host: 'localhost:3102', 'x-forwarded-proto': 'http', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0', cookie: `authjs.session-token=${request.cookie}` }),
}));

const { requireStaff, requireActorForEnrolment, currentActor } = await import('@/lib/auth/guards');
const { auth } = await import('@/lib/auth/auth');
const { verifySecondFactorAction } = await import('@/app/(public)/entrar/verificacao/actions');

async function signInWithPassword(email: string): Promise<string> {
  const response = await Auth(
    new Request('http://localhost:3102/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', [SOCKET_ADDRESS_HEADER]: '192.0.2.90' },
      body: new URLSearchParams({ email, password: TEST_PASSWORD, callbackUrl: '/painel' }),
    }),
    { ...(await authOptions()), basePath: '/api/auth', trustHost: true, skipCSRFCheck },
  );
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('authjs.session-token='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.slice('authjs.session-token='.length);
}

async function asVisitorWith(cookie: string) {
  request.cookie = cookie;
  return { actor: await currentActor(), session: await auth() };
}

async function redirectOf(action: Promise<unknown>): Promise<string | undefined> {
  try {
    await action;
    return undefined;
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (!digest?.startsWith('NEXT_REDIRECT')) throw error;
    return digest.split(';')[2];
  }
}

async function enrol(actor: Awaited<ReturnType<typeof createUser>>) {
  const enrolment = await startEnrolment(actor);
  if (!enrolment) throw new Error('no enrolment');
  const past = new Date(Date.now() - 120_000);
  const confirmed = await confirmEnrolment(actor, { code: await generate({ secret: enrolment.secret, epoch: Math.floor(past.getTime() / 1000) }) }, past);
  if (!confirmed.ok) throw new Error(confirmed.message);
  return enrolment.secret;
}

describe('a staff member with two-factor sign-in', () => {
  it('does not reach the workspace with the password alone; the code completes the same session', async () => {
    const staff = await createUser({ role: 'ombudsman' });
    const secret = await enrol(staff);
    const cookie = await signInWithPassword(staff.email);

    const pending = await asVisitorWith(cookie);
    expect(pending.session?.secondFactorPending).toBe(true);
    expect(pending.actor).toBeNull();
    await expect(requireStaff()).rejects.toMatchObject({ status: 401 });

    const wrong = new FormData();
    wrong.set('code', '000000');
    expect(await verifySecondFactorAction({ status: 'idle' }, wrong)).toMatchObject({ status: 'error' });
    await expect(requireStaff()).rejects.toMatchObject({ status: 401 });

    const right = new FormData();
    right.set('code', await generate({ secret }));
    right.set('callbackUrl', '/painel/demandas');
    expect(await redirectOf(verifySecondFactorAction({ status: 'idle' }, right))).toBe('/painel/demandas');
    expect((await requireStaff()).userId).toBe(staff.userId);
  });

  it('has a few minutes to give the code: a pending sign-in then lapses', async () => {
    const staff = await createUser({ role: 'attendant' });
    await enrol(staff);
    const cookie = await signInWithPassword(staff.email);
    const session = await asVisitorWith(cookie);
    const sessionId = session.session?.sessionId ?? '';
    const late = new Date(Date.now() + (SECOND_FACTOR_WINDOW_SECONDS + 5) * 1000);
    expect(await checkAuthSession(sessionId, staff.userId, { now: late })).toEqual({ open: false });
  });
});

describe('sessions', () => {
  it('one ended session is refused while the other stays open', async () => {
    const staff = await createUser({ role: 'manager' });
    const first = await signInWithPassword(staff.email);
    const second = await signInWithPassword(staff.email);
    const firstSession = await asVisitorWith(first);
    expect(firstSession.actor?.userId).toBe(staff.userId);
    const db = await getDb();
    const [row] = await db.select().from(authSessions).where(eq(authSessions.id, firstSession.session?.sessionId ?? ''));
    expect(row).toMatchObject({ userId: staff.userId, userAgent: expect.stringContaining('Chrome'), endedAt: null });

    // Ended from the second browser: the first one's cookie no longer opens anything.
    expect(await endOwnSession(staff, { sessionId: row?.id })).toEqual({ ok: true });
    expect(await asVisitorWith(first)).toEqual({ actor: null, session: null });
    expect((await asVisitorWith(second)).actor?.userId).toBe(staff.userId);

    // Someone else's session id ends nothing.
    const other = await createUser({ role: 'manager' });
    const secondId = (await asVisitorWith(second)).session?.sessionId;
    expect(await endOwnSession(other, { sessionId: secondId })).toMatchObject({ ok: false });
    expect((await asVisitorWith(second)).actor?.userId).toBe(staff.userId);
  });

  it('an admin disabling an account ends its sessions at once', async () => {
    const admin = await createUser({ role: 'admin' });
    const staff = await createUser({ role: 'department' });
    const cookie = await signInWithPassword(staff.email);
    expect((await asVisitorWith(cookie)).actor?.userId).toBe(staff.userId);
    expect(await setUserActive(admin, staff.userId, false)).toMatchObject({ ok: true });
    expect(await asVisitorWith(cookie)).toEqual({ actor: null, session: null });
    const db = await getDb();
    const rows = await db.select().from(authSessions).where(eq(authSessions.userId, staff.userId));
    expect(rows.every((row) => row.endedAt !== null)).toBe(true);
    // Reactivated, the old cookie stays dead: the person signs in again.
    expect(await setUserActive(admin, staff.userId, true)).toMatchObject({ ok: true });
    expect(await asVisitorWith(cookie)).toEqual({ actor: null, session: null });
  });
});

describe('a role that requires two-factor sign-in', () => {
  it('sends a person without it to enrolment before the workspace, and lets them in once enrolled', async () => {
    const admin = await createUser({ role: 'admin' });
    const staff = await createUser({ role: 'internal_control' });
    expect(await saveSecondFactorPolicy(admin, { role: { internal_control: 'on' } })).toEqual({ ok: true, value: undefined });
    try {
      const cookie = await signInWithPassword(staff.email);
      await asVisitorWith(cookie);
      await expect(requireStaff()).rejects.toMatchObject({ name: 'SecondFactorEnrolmentRequired' });
      expect((await requireActorForEnrolment()).secondFactorEnrolmentDue).toBe(true);
      await enrol(staff);
      expect((await requireStaff()).userId).toBe(staff.userId);
      // Other roles are not affected.
      const manager = await createUser({ role: 'manager' });
      await asVisitorWith(await signInWithPassword(manager.email));
      expect((await requireStaff()).userId).toBe(manager.userId);
    } finally {
      await saveSecondFactorPolicy(admin, {});
    }
  });
});
