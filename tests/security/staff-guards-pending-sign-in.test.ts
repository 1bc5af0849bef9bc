import { Auth, skipCSRFCheck } from '@auth/core';
import { generate } from 'otplib';
import { describe, expect, it, vi } from 'vitest';
import { openAuthSession } from '@/lib/accounts/auth-sessions';
import { finishPasskeyRegistration, startPasskeyRegistration } from '@/lib/accounts/passkeys';
import { confirmEnrolment, startEnrolment } from '@/lib/accounts/two-factor';
import { saveSecondFactorPolicy } from '@/lib/admin/account-security';
import { authOptions } from '@/lib/auth/auth-options';
import { relyingParty } from '@/lib/auth/passkeys/relying-party';
import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createUser, TEST_PASSWORD } from '../account-factories';
import { softwarePasskey } from '../support/software-passkey';

/**
 * Every staff page answers a sign-in that is not finished the same way: password right but the second
 * factor still due → the second step; a role whose second factor is required but not set up → enrolment.
 * The statistics, the annual report and the delivery (Envios) page each had their own guard, which sent
 * the first to the password form again and showed the second "no access".
 */

const request = vi.hoisted(() => ({ cookie: '' }));

vi.mock('next/headers', () => ({
  cookies: async () => ({ getAll: () => (request.cookie ? [{ name: 'authjs.session-token', value: request.cookie }] : []) }),
  headers: async () =>
    new Headers({ host: 'localhost:3102', 'x-forwarded-proto': 'http', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0', cookie: `authjs.session-token=${request.cookie}` }),
}));

const { statsPageContext } = await import('@/app/(staff)/painel/estatisticas/stats-viewer');
const { default: OutboxAdminPage } = await import('@/app/(staff)/painel/admin/envios/page');
const { default: AnnualReportPage } = await import('@/app/(staff)/painel/relatorio-anual/[year]/page');
const { requireStaffPage } = await import('@/app/(staff)/painel/staff-page');
const { requireStaff } = await import('@/lib/auth/guards');

async function signInWithPassword(email: string): Promise<void> {
  const response = await Auth(
    new Request('http://localhost:3102/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', [SOCKET_ADDRESS_HEADER]: '192.0.2.91' },
      body: new URLSearchParams({ email, password: TEST_PASSWORD, callbackUrl: '/painel' }),
    }),
    { ...(await authOptions()), basePath: '/api/auth', trustHost: true, skipCSRFCheck },
  );
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('authjs.session-token='));
  if (!cookie) throw new Error('no session cookie');
  request.cookie = cookie.slice('authjs.session-token='.length);
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
}

const PAGES = [
  ['the statistics', '/painel/estatisticas', () => statsPageContext({}, '/painel/estatisticas')],
  ['the delivery (Envios) page', '/painel/admin/envios', () => OutboxAdminPage({ searchParams: Promise.resolve({}) })],
  ['the annual report', '/painel/relatorio-anual/2025', () => AnnualReportPage({ params: Promise.resolve({ year: '2025' }) })],
  ['the workspace', '/painel', () => requireStaffPage('/painel')],
] as const;

describe('a sign-in waiting for its second factor', () => {
  it.each(PAGES)('is sent by %s to the second step, coming back there afterwards', async (_name, path, open) => {
    const admin = await createUser({ role: 'admin' });
    await enrol(admin);
    await signInWithPassword(admin.email);
    expect(await redirectOf(open())).toBe(`/entrar/verificacao?${new URLSearchParams({ callbackUrl: path })}`);
  });
});

describe('a role that requires a second factor not yet set up', () => {
  it.each(PAGES)('is sent by %s to enrolment', async (_name, path, open) => {
    const admin = await createUser({ role: 'admin' });
    const manager = await createUser({ role: 'manager' });
    expect(await saveSecondFactorPolicy(admin, { role: { manager: 'on' } })).toMatchObject({ ok: true });
    try {
      await signInWithPassword(manager.email);
      expect(await redirectOf(open())).toBe(`/painel/conta/verificacao-em-duas-etapas?${new URLSearchParams({ callbackUrl: path })}`);
    } finally {
      await saveSecondFactorPolicy(admin, {});
    }
  });

  it('is satisfied by a passkey as by the authenticator app', async () => {
    const admin = await createUser({ role: 'admin' });
    const manager = await createUser({ role: 'manager' });
    expect(await saveSecondFactorPolicy(admin, { role: { manager: 'on' } })).toMatchObject({ ok: true });
    try {
      await signInWithPassword(manager.email);
      await expect(requireStaff()).rejects.toMatchObject({ name: 'SecondFactorEnrolmentRequired' });
      const party = relyingParty();
      if (!party) throw new Error('passkeys unavailable in the test configuration');
      const sessionId = await openAuthSession({ userId: manager.userId, userAgent: 'teste', clientAddress: '', secondFactorPending: false });
      const caller = { ...manager, sessionId };
      const options = await startPasskeyRegistration(caller);
      if (!options.ok) throw new Error(options.message);
      const registered = await finishPasskeyRegistration(caller, { name: 'celular', response: JSON.stringify(softwarePasskey(party).register(options.options)) });
      expect(registered).toMatchObject({ ok: true });
      expect((await requireStaff()).userId).toBe(manager.userId);
    } finally {
      await saveSecondFactorPolicy(admin, {});
    }
  });
});
