import { decode } from '@auth/core/jwt';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { accounts, devMailbox, users } from '@/lib/db/schema';
import { authSecret } from '@/lib/auth/secret';
import { confirmGovbrLink } from '@/lib/accounts/govbr-link';
import { explainGovbrFailure } from '@/lib/auth/govbr/callback-errors';
import { govbrSignInNotice } from '@/lib/auth/govbr/notices';
import { fileDemand } from '@/lib/demands/intake';
import { findOwnDemand, listOwnDemands } from '@/lib/demands/citizen-demands';
import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createUser, TEST_PASSWORD, userRow } from '../account-factories';
import { authRoute, TEST_ORIGIN } from '../auth-requests';
import { ouvidoriaInput } from '../factories';
import { startLocalGovbr, type LocalGovbr } from '../support/govbr-provider';

// Valid CPFs (check digits right), none of them a real person's on purpose.
const CPF_NEW = '52998224725';
const CPF_LINKED = '11144477735';
const CPF_STAFF = '39053344705';

let govbr: LocalGovbr;
let address = 0;

beforeAll(async () => {
  govbr = await startLocalGovbr({ redirectUris: [`${TEST_ORIGIN}/api/auth/callback/govbr`] });
  // Read when the Auth.js options are first built (once per process).
  Object.assign(process.env, govbr.env);
});
afterAll(async () => {
  for (const name of Object.keys(govbr.env)) delete process.env[name];
  delete process.env.GOVBR_REQUIRED_LEVELS;
  await govbr.stop();
});
beforeEach(() => {
  govbr.settings.codeTtlSeconds = 60;
  govbr.settings.forgeIdToken = null;
});

type Jar = Map<string, string>;
function keep(jar: Jar, response: Response) {
  for (const cookie of response.headers.getSetCookie()) {
    const [pair = ''] = cookie.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}
const cookieHeader = (jar: Jar) => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');

/** Starts a gov.br sign-in on the app, signs in at the local provider, and returns where it sends the browser back. */
async function startAndAuthorize(cpf: string): Promise<{ appCookies: Jar; callback: URL }> {
  govbr.signInAs(cpf);
  const appCookies: Jar = new Map();
  const started = await authRoute('/signin/govbr', { method: 'POST', form: { callbackUrl: `${TEST_ORIGIN}/minhas-manifestacoes` } });
  keep(appCookies, started);
  let location = started.headers.get('location') ?? '';
  expect(location.startsWith(`${govbr.issuer}/auth?`)).toBe(true);
  const authorize = new URL(location);
  expect(authorize.searchParams.get('scope')).toBe('openid email profile govbr_confiabilidades');
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('state')).toBeTruthy();
  expect(authorize.searchParams.get('nonce')).toBeTruthy();

  const providerCookies: Jar = new Map();
  for (let hop = 0; hop < 10 && !location.startsWith(TEST_ORIGIN); hop++) {
    const response = await fetch(new URL(location, govbr.issuer), { redirect: 'manual', headers: { cookie: cookieHeader(providerCookies) } });
    keep(providerCookies, response);
    location = response.headers.get('location') ?? '';
    if (!location) throw new Error(`The provider stopped at ${response.status}: ${await response.text()}`);
  }
  return { appCookies, callback: new URL(location) };
}

async function finish(appCookies: Jar, callback: URL): Promise<Response> {
  const path = `/callback/govbr${callback.search}`;
  const response = await authRoute(path, { headers: { cookie: cookieHeader(appCookies), [SOCKET_ADDRESS_HEADER]: `192.0.2.${++address}` } });
  return explainGovbrFailure(new Request(`${TEST_ORIGIN}/api/auth${path}`), response);
}

async function signInWithGovbr(cpf: string): Promise<Response> {
  const { appCookies, callback } = await startAndAuthorize(cpf);
  return finish(appCookies, callback);
}

async function sessionUserId(response: Response): Promise<string | undefined> {
  const cookie = response.headers
    .getSetCookie()
    .find((value) => value.startsWith('authjs.session-token='))
    ?.split(';')[0]
    ?.slice('authjs.session-token='.length);
  if (!cookie) return undefined;
  const token = await decode({ token: cookie, secret: authSecret() ?? '', salt: 'authjs.session-token' });
  return token?.sub ?? undefined;
}

async function userByCpf(cpf: string) {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.govbrCpf, cpf));
  return user;
}

async function fileWith(overrides: Record<string, unknown>, channel: 'web' | 'phone' | 'in_person' = 'web') {
  const result = await fileDemand(ouvidoriaInput(overrides), { channel });
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result.demand;
}

async function linkInMailTo(email: string): Promise<string> {
  const db = await getDb();
  const [mail] = await db.select().from(devMailbox).where(eq(devMailbox.recipient, email)).orderBy(desc(devMailbox.createdAt));
  const token = /\/entrar\/gov-br\/vincular\?token=([\w-]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no gov.br link in: ${mail?.text}`);
  return token;
}

describe('gov.br sign-in against a local OpenID provider', () => {
  it('creates a citizen account with the CPF, verified name and e-mail and the level, and opens the demands filed with that CPF on any channel', async () => {
    govbr.people.set(CPF_NEW, { name: 'Ana Verificada Souza', email: 'ana.govbr@exemplo.com.br', level: 'prata' });
    const atCounter = await fileWith({ cpf: '529.982.247-25', email: 'outro@exemplo.com.br', name: 'Ana S.' }, 'in_person');
    const byPhone = await fileWith({ cpf: CPF_NEW, email: undefined, phone: '(14) 99111-2233' }, 'phone');
    const someoneElses = await fileWith({ cpf: CPF_LINKED });
    // Someone who only typed this CPF into their own account sees nothing through it.
    const typist = await createUser({ email: 'digitou@exemplo.com.br' });
    await (await getDb()).update(users).set({ cpf: CPF_NEW }).where(eq(users.id, typist.userId));

    const response = await signInWithGovbr(CPF_NEW);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${TEST_ORIGIN}/minhas-manifestacoes`);
    const user = await userByCpf(CPF_NEW);
    expect(user).toMatchObject({ name: 'Ana Verificada Souza', email: 'ana.govbr@exemplo.com.br', role: 'citizen', govbrTrustLevel: 'prata' });
    expect(user?.emailVerified).toBeInstanceOf(Date);
    expect(await sessionUserId(response)).toBe(user?.id);

    const own = await listOwnDemands({ userId: user?.id ?? '' });
    expect(own.demands.map((demand) => demand.protocol).sort()).toEqual([atCounter.protocol, byPhone.protocol].sort());
    expect(await findOwnDemand({ userId: user?.id ?? '' }, byPhone.protocol)).not.toBeNull();
    expect(await findOwnDemand({ userId: user?.id ?? '' }, someoneElses.protocol)).toBeNull();
    expect((await listOwnDemands(typist)).total).toBe(0);

    // Signing in again finds the same account, with the level gov.br reports now.
    govbr.people.set(CPF_NEW, { name: 'Ana Verificada Souza', email: 'ana.govbr@exemplo.com.br', level: 'ouro' });
    const again = await signInWithGovbr(CPF_NEW);
    expect(await sessionUserId(again)).toBe(user?.id);
    expect((await userByCpf(CPF_NEW))?.govbrTrustLevel).toBe('ouro');
  });

  it('joins an existing account with the same e-mail only after the link e-mailed to it is confirmed', async () => {
    const existing = await createUser({ email: 'ja.tenho@exemplo.com.br', name: 'Apelido' });
    govbr.people.set(CPF_LINKED, { name: 'Bruno Confirmado Lima', email: 'Ja.Tenho@exemplo.com.br', level: 'bronze' });

    const first = await signInWithGovbr(CPF_LINKED);
    expect(first.headers.get('location')).toBe(`${TEST_ORIGIN}/entrar?govbr=confirme-email`);
    expect(await sessionUserId(first)).toBeUndefined();
    expect(await userByCpf(CPF_LINKED)).toBeUndefined();
    expect((await (await getDb()).select().from(accounts).where(eq(accounts.userId, existing.userId))).length).toBe(0);
    expect(govbrSignInNotice({ govbr: 'confirme-email' })?.title).toContain('Enviamos um link');

    const token = await linkInMailTo('ja.tenho@exemplo.com.br');
    expect(await confirmGovbrLink(token)).toEqual({ ok: true });
    expect(await confirmGovbrLink(token)).toEqual({ ok: false, reason: 'invalid' });
    const joined = await userRow(existing.userId);
    expect(joined).toMatchObject({ govbrCpf: CPF_LINKED, govbrTrustLevel: 'bronze', name: 'Bruno Confirmado Lima' });
    expect(joined.emailVerified).toBeInstanceOf(Date);

    const signedIn = await signInWithGovbr(CPF_LINKED);
    expect(await sessionUserId(signedIn)).toBe(existing.userId);
  });

  it('asks staff of a role that requires it for a linked gov.br of enough level, alongside the password', async () => {
    process.env.GOVBR_REQUIRED_LEVELS = 'ombudsman=ouro';
    const staff = await createUser({ role: 'ombudsman', email: 'ouvidora@prefeitura.sp.gov.br', emailVerified: new Date() });
    const withPassword = () =>
      authRoute('/callback/credentials', {
        method: 'POST',
        form: { email: staff.email, password: TEST_PASSWORD, callbackUrl: '/painel' },
        headers: { [SOCKET_ADDRESS_HEADER]: `198.51.100.${++address}` },
      });

    const refused = await withPassword();
    expect(refused.headers.get('location')).toBe(`${TEST_ORIGIN}/entrar?error=CredentialsSignin&code=govbr`);
    expect(await sessionUserId(refused)).toBeUndefined();
    expect(govbrSignInNotice({ error: 'CredentialsSignin', code: 'govbr' })?.title).toContain('gov.br');

    govbr.people.set(CPF_STAFF, { name: 'Carla Servidora', email: staff.email, level: 'prata' });
    await signInWithGovbr(CPF_STAFF);
    expect(await confirmGovbrLink(await linkInMailTo(staff.email))).toEqual({ ok: true });
    expect((await withPassword()).headers.get('location')).toContain('code=govbr');

    // Raised to ouro at gov.br: a gov.br sign-in refreshes the level but never opens a staff session by itself.
    govbr.people.set(CPF_STAFF, { name: 'Carla Servidora', email: staff.email, level: 'ouro' });
    const refreshed = await signInWithGovbr(CPF_STAFF);
    expect(refreshed.headers.get('location')).toBe(`${TEST_ORIGIN}/entrar?govbr=servidor`);
    expect(await sessionUserId(refreshed)).toBeUndefined();

    const accepted = await withPassword();
    expect(await sessionUserId(accepted)).toBe(staff.userId);
    delete process.env.GOVBR_REQUIRED_LEVELS;
  });
});

describe('gov.br returns that are refused with a message on the sign-in page', () => {
  const refusedTo = `${TEST_ORIGIN}/entrar?error=GovbrCallback`;
  const person = { name: 'Dora Recusada', email: 'dora@exemplo.com.br', level: 'prata' as const };
  const CPF = '71428793860';

  beforeEach(() => govbr.people.set(CPF, person));

  async function expectRefused(response: Response) {
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(refusedTo);
    expect(await sessionUserId(response)).toBeUndefined();
    expect(await userByCpf(CPF)).toBeUndefined();
    expect(govbrSignInNotice({ error: 'GovbrCallback' })?.title).toMatch(/^Não foi possível confirmar sua entrada com gov.br/);
  }

  it('refuses a state that is not the one this browser was given', async () => {
    const { appCookies, callback } = await startAndAuthorize(CPF);
    callback.searchParams.set('state', 'estado-forjado');
    await expectRefused(await finish(appCookies, callback));
  });

  it('refuses a return without the state cookie (started in another browser)', async () => {
    const { appCookies, callback } = await startAndAuthorize(CPF);
    appCookies.delete('authjs.state');
    await expectRefused(await finish(appCookies, callback));
  });

  it('refuses an expired code', async () => {
    govbr.settings.codeTtlSeconds = 1;
    const expired = await startAndAuthorize(CPF);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expectRefused(await finish(expired.appCookies, expired.callback));
  });

  it('refuses an ID token issued for another client', async () => {
    govbr.settings.forgeIdToken = (claims) => ({ ...claims, aud: 'outro-sistema', azp: 'outro-sistema' });
    await expectRefused(await signInWithGovbr(CPF));
  });

  it('refuses an ID token from another issuer', async () => {
    govbr.settings.forgeIdToken = (claims) => ({ ...claims, iss: 'https://sso.falso.example' });
    await expectRefused(await signInWithGovbr(CPF));
  });
});
