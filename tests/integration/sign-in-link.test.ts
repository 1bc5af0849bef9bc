import { decode } from '@auth/core/jwt';
import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { devMailbox, users } from '@/lib/db/schema';
import { authSecret } from '@/lib/auth/secret';
import { SIGN_IN_LINK_LIMITS } from '@/lib/auth/sign-in-link';
import { createUser, userRow } from '../account-factories';
import { authRoute, TEST_ORIGIN } from '../auth-requests';
import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';

async function mailsTo(email: string) {
  const db = await getDb();
  return db.select().from(devMailbox).where(eq(devMailbox.recipient, email)).orderBy(desc(devMailbox.createdAt));
}

function askForLink(email: string, address = '192.0.2.10') {
  return authRoute('/signin/email', { method: 'POST', form: { email, callbackUrl: `${TEST_ORIGIN}/minhas-manifestacoes` }, headers: { [SOCKET_ADDRESS_HEADER]: address } });
}

function linkIn(text: string): string {
  const match = text.match(/http:\/\/localhost:3102\/api\/auth\/callback\/email\?\S+/);
  if (!match) throw new Error(`no link in:\n${text}`);
  return match[0];
}

function sessionCookieOf(response: Response): string | undefined {
  return response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith('authjs.session-token='))
    ?.split(';')[0]
    ?.slice('authjs.session-token='.length);
}

describe('sign-in link', () => {
  it('e-mails a one-time link that signs the citizen in and verifies the e-mail', async () => {
    const citizen = await createUser({ email: 'link@exemplo.com.br' });
    const asked = await askForLink('Link@Exemplo.com.br');
    expect(asked.status).toBe(302);
    expect(asked.headers.get('location')).toBe(`${TEST_ORIGIN}/api/auth/verify-request?provider=email&type=email`);

    const [mail, ...others] = await mailsTo('link@exemplo.com.br');
    expect(others).toHaveLength(0);
    expect(mail?.subject).toContain('link de acesso');
    const link = linkIn(mail?.text ?? '');
    expect(mail?.html).toContain(link.replaceAll('&', '&amp;'));

    const followed = await authRoute(link.slice(`${TEST_ORIGIN}/api/auth`.length));
    expect(followed.status).toBe(302);
    expect(followed.headers.get('location')).toBe(`${TEST_ORIGIN}/minhas-manifestacoes`);
    const cookie = sessionCookieOf(followed);
    expect(cookie).toBeTruthy();
    const token = await decode({ token: cookie, secret: authSecret() ?? '', salt: 'authjs.session-token' });
    expect(token?.sub).toBe(citizen.userId);
    // The session cookie holds the id and nothing personal.
    expect(token).not.toHaveProperty('email');
    expect(token).not.toHaveProperty('name');
    expect((await userRow(citizen.userId)).emailVerified).toBeInstanceOf(Date);

    const again = await authRoute(link.slice(`${TEST_ORIGIN}/api/auth`.length));
    expect(again.headers.get('location')).toBe(`${TEST_ORIGIN}/entrar?error=Verification`);
    expect(sessionCookieOf(again)).toBeFalsy();
  });

  it('sends nothing to an e-mail without an account, and creates none', async () => {
    const asked = await askForLink('desconhecido@exemplo.com.br');
    expect(asked.headers.get('location')).toBe(`${TEST_ORIGIN}/entrar?error=AccessDenied`);
    expect(await mailsTo('desconhecido@exemplo.com.br')).toHaveLength(0);
    const db = await getDb();
    expect(await db.select().from(users).where(eq(users.email, 'desconhecido@exemplo.com.br'))).toHaveLength(0);
  });

  it('sends nothing to a deactivated account or to staff, who sign in with their password', async () => {
    const inactive = await createUser({ active: false });
    const staff = await createUser({ role: 'ombudsman' });
    await askForLink(inactive.email);
    await askForLink(staff.email);
    expect(await mailsTo(inactive.email)).toHaveLength(0);
    expect(await mailsTo(staff.email)).toHaveLength(0);
  });

  it('refuses a forged or altered link', async () => {
    const citizen = await createUser();
    await askForLink(citizen.email, '192.0.2.20');
    const [mail] = await mailsTo(citizen.email);
    const link = new URL(linkIn(mail?.text ?? ''));
    link.searchParams.set('token', 'a'.repeat(64));
    const forged = await authRoute(`${link.pathname.slice('/api/auth'.length)}${link.search}`);
    expect(forged.headers.get('location')).toBe(`${TEST_ORIGIN}/entrar?error=Verification`);
    expect((await userRow(citizen.userId)).emailVerified).toBeNull();
  });

  it('stops sending links to one account after a few requests', async () => {
    const citizen = await createUser();
    for (let i = 0; i < SIGN_IN_LINK_LIMITS.perAccount.limit + 2; i++) await askForLink(citizen.email, `192.0.2.${30 + i}`);
    expect(await mailsTo(citizen.email)).toHaveLength(SIGN_IN_LINK_LIMITS.perAccount.limit);
  });
});
