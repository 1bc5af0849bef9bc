import { Auth, skipCSRFCheck } from '@auth/core';
import { encode } from '@auth/core/jwt';
import { describe, expect, it, vi } from 'vitest';
import { endSessions } from '@/lib/accounts/sessions';
import { authOptions } from '@/lib/auth/auth-options';
import { authSecret } from '@/lib/auth/secret';
import { carriesSessionCookie } from '@/lib/auth/session-cookie';
import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createUser, TEST_PASSWORD } from '../account-factories';
import { parseServerLog, takeServerLog } from '../support/server-log';

/**
 * `auth()` answers "no session" without Auth.js for a request with no session cookie; any request that
 * has one — real, forged, expired or ended — is still decided by Auth.js.
 */

const request = vi.hoisted(() => ({ cookies: new Map<string, string>(), headerReads: 0 }));

vi.mock('next/headers', () => ({
  cookies: async () => ({ getAll: () => [...request.cookies].map(([name, value]) => ({ name, value })) }),
  headers: async () => {
    request.headerReads++;
    const cookie = [...request.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return new Headers({ host: 'localhost:3102', 'x-forwarded-proto': 'http', cookie });
  },
}));

const { auth } = await import('@/lib/auth/auth');

const SALT = 'authjs.session-token';

async function asRequestWith(cookies: Record<string, string>) {
  request.cookies = new Map(Object.entries(cookies));
  request.headerReads = 0;
  const session = await auth();
  return { session, ranAuthJs: request.headerReads > 0 };
}

describe('a visitor without a session cookie', () => {
  it('has no session, and Auth.js does not run for them', async () => {
    expect(await asRequestWith({})).toEqual({ session: null, ranAuthJs: false });
    expect(await asRequestWith({ 'ouvidoria.display': 'large', 'authjs.csrf-token': 'x', 'authjs.callback-url': '/painel' })).toEqual({ session: null, ranAuthJs: false });
    expect(await asRequestWith({ 'authjs.session-token': '' })).toEqual({ session: null, ranAuthJs: false });
  });
});

describe('a request with a session cookie is decided by Auth.js, as before', () => {
  it('opens a valid session', async () => {
    const user = await createUser();
    const token = await encode({ token: { sub: user.userId, sv: 0 }, secret: authSecret() ?? '', salt: SALT });
    const { session, ranAuthJs } = await asRequestWith({ 'authjs.session-token': token });
    expect(ranAuthJs).toBe(true);
    expect(session?.user?.id).toBe(user.userId);
  });

  it('refuses a forged, an expired and an ended session', async () => {
    const user = await createUser();
    const forged = await encode({ token: { sub: user.userId, sv: 0 }, secret: 'not-the-server-secret-not-the-server-secret', salt: SALT });
    const expired = await encode({ token: { sub: user.userId, sv: 0 }, secret: authSecret() ?? '', salt: SALT, maxAge: -60 });
    const current = await encode({ token: { sub: user.userId, sv: 0 }, secret: authSecret() ?? '', salt: SALT });
    takeServerLog();
    for (const cookie of [forged, expired, 'garbage']) {
      expect(await asRequestWith({ 'authjs.session-token': cookie })).toEqual({ session: null, ranAuthJs: true });
    }
    // Auth.js reports each unreadable token (JWTSessionError), as it did before the gate: a warning, not an error.
    const refused = parseServerLog(takeServerLog()).filter((line) => line.type === 'JWTSessionError');
    expect(refused.map((line) => [line.level, line.msg])).toEqual(Array(3).fill(['warn', 'session cookie refused']));
    await endSessions(user.userId);
    expect(await asRequestWith({ 'authjs.session-token': current })).toEqual({ session: null, ranAuthJs: true });
  });
});

describe('the cookie names the gate lets through', () => {
  it('are the ones Auth.js sets on sign-in, over http and over https', async () => {
    const user = await createUser({ role: 'attendant' });
    const options = await authOptions();
    for (const origin of ['http://localhost:3102', 'https://ouvidoria.example.gov.br']) {
      const response = await Auth(
        new Request(`${origin}/api/auth/callback/credentials`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', [SOCKET_ADDRESS_HEADER]: '192.0.2.77' },
          body: new URLSearchParams({ email: user.email, password: TEST_PASSWORD, callbackUrl: '/painel' }),
        }),
        { ...options, basePath: '/api/auth', trustHost: true, skipCSRFCheck },
      );
      const set = response.headers.getSetCookie().map((cookie) => {
        const [name = '', value = ''] = (cookie.split(';')[0] ?? '').split('=');
        return { name, value };
      });
      const sessionCookies = set.filter((cookie) => cookie.name.includes('session-token') && cookie.value);
      expect(sessionCookies.length, origin).toBeGreaterThan(0);
      expect(carriesSessionCookie(sessionCookies)).toBe(true);
      expect(carriesSessionCookie(set.filter((cookie) => !cookie.name.includes('session-token')))).toBe(false);
    }
  });

  it('include the chunks of a session split over several cookies', () => {
    expect(carriesSessionCookie([{ name: '__Secure-authjs.session-token.0', value: 'abc' }])).toBe(true);
    expect(carriesSessionCookie([{ name: 'authjs.session-token.1', value: 'abc' }])).toBe(true);
  });
});

describe('the Auth.js options', () => {
  it('are built once per process, not on every request', async () => {
    expect(await authOptions()).toBe(await authOptions());
  });
});
