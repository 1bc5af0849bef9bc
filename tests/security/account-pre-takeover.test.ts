import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { encode } from '@auth/core/jwt';
import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changePassword, endOtherSessions, WRONG_CURRENT_PASSWORD } from '@/lib/accounts/account-security';
import { confirmEmail } from '@/lib/accounts/email-confirmation';
import { reissueTicket } from '@/lib/accounts/sessions';
import { signUpCitizen } from '@/lib/accounts/sign-up';
import { authenticateWithPassword } from '@/lib/auth/password-sign-in';
import { authSecret } from '@/lib/auth/secret';
import { getDb } from '@/lib/db/client';
import { devMailbox } from '@/lib/db/schema';
import { claimDemands, listClaimableDemands } from '@/lib/demands/claim';
import { fileDemand } from '@/lib/demands/intake';
import { userRow } from '../account-factories';
import { authRoute, TEST_ORIGIN } from '../auth-requests';
import { ouvidoriaInput } from '../factories';

/**
 * Threat: account pre-takeover. An attacker signs up with the victim's e-mail and a password of their
 * own. The victim, finding "já existe uma conta", signs in with an e-mailed link, confirms the e-mail and
 * files or claims confidential demands; the attacker's password still works, and shows them all.
 */

const noWait = async () => {};
let addressCounter = 0;
const nextAddress = () => `198.51.100.${++addressCounter}`;

async function mailsTo(email: string) {
  return (await getDb()).select().from(devMailbox).where(eq(devMailbox.recipient, email)).orderBy(desc(devMailbox.createdAt));
}

function sessionCookieOf(response: Response): string | undefined {
  return response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith('authjs.session-token='))
    ?.split(';')[0]
    ?.slice('authjs.session-token='.length);
}

async function signInByLink(email: string): Promise<string> {
  await authRoute('/signin/email', { method: 'POST', form: { email, callbackUrl: `${TEST_ORIGIN}/minhas-manifestacoes` }, headers: { [SOCKET_ADDRESS_HEADER]: nextAddress() } });
  const [mail] = await mailsTo(email);
  const link = mail?.text.match(/http:\/\/localhost:3102\/api\/auth\/callback\/email\?\S+/)?.[0];
  if (!link) throw new Error('no sign-in link was sent');
  const cookie = sessionCookieOf(await authRoute(link.slice(`${TEST_ORIGIN}/api/auth`.length)));
  if (!cookie) throw new Error('the link did not sign in');
  return cookie;
}

/** Who the app's Auth.js says a session cookie belongs to, now. */
async function sessionUser(cookie: string): Promise<string | null> {
  const response = await authRoute('/session', { headers: { cookie: `authjs.session-token=${cookie}` } });
  const body = (await response.json()) as { user?: { id?: string } } | null;
  return body?.user?.id ?? null;
}

async function preRegister(email: string) {
  const attacker = await signUpCitizen(
    { name: 'Quem Não É', email, phone: '(14) 99555-0000', password: 'senha-do-atacante', passwordConfirmation: 'senha-do-atacante' },
    { clientAddress: nextAddress() },
  );
  if (!attacker.ok) throw new Error(JSON.stringify(attacker.fieldErrors));
  return attacker.user;
}

describe('account pre-takeover', () => {
  it('gives the attacker nothing: no password sign-in before confirmation, and the password dies at the owner\'s first link sign-in', async () => {
    const email = 'vitima@exemplo.com.br';
    const account = await preRegister(email);
    const password = (clientAddress: string) => authenticateWithPassword({ email, password: 'senha-do-atacante', clientAddress, wait: noWait });

    expect(await password(nextAddress())).toEqual({ ok: false, reason: 'unverified' });
    const throughRoute = await authRoute('/callback/credentials', { method: 'POST', form: { email, password: 'senha-do-atacante', callbackUrl: '/minhas-manifestacoes' }, headers: { [SOCKET_ADDRESS_HEADER]: nextAddress() } });
    expect(sessionCookieOf(throughRoute)).toBeFalsy();

    // The victim had filed a confidential complaint with this e-mail, and now signs in by link.
    const filed = await fileDemand(ouvidoriaInput({ identity: 'confidential', email, subject: 'Assédio na repartição' }), { channel: 'web' });
    if (!filed.ok) throw new Error('not filed');
    await signInByLink(email);
    const owner = await userRow(account.id);
    expect(owner.emailVerified).toBeInstanceOf(Date);
    expect(owner.passwordHash).toBeNull();
    expect(await claimDemands({ userId: account.id }, [filed.demand.id])).toEqual({ ok: true, claimed: 1 });

    expect(await password(nextAddress())).toEqual({ ok: false, reason: 'invalid_credentials' });
    const again = await authRoute('/callback/credentials', { method: 'POST', form: { email, password: 'senha-do-atacante', callbackUrl: '/minhas-manifestacoes' }, headers: { [SOCKET_ADDRESS_HEADER]: nextAddress() } });
    expect(sessionCookieOf(again)).toBeFalsy();
  });

  it('ends a session the attacker already held when the owner signs in by link', async () => {
    const email = 'vitima2@exemplo.com.br';
    const account = await preRegister(email);
    // A session issued to the account before the owner proved the e-mail.
    const attackerCookie = await encode({ token: { sub: account.id, sv: 0 }, secret: authSecret() ?? '', salt: 'authjs.session-token' });
    expect(await sessionUser(attackerCookie)).toBe(account.id);
    const ownerCookie = await signInByLink(email);
    expect(await sessionUser(attackerCookie)).toBeNull();
    expect(await sessionUser(ownerCookie)).toBe(account.id);
  });

  it('does not let the owner\'s click on the confirmation e-mail switch on the attacker\'s password', async () => {
    const email = 'vitima3@exemplo.com.br';
    const account = await preRegister(email);
    const [mail] = await mailsTo(email);
    const token = mail?.text.match(/\/cadastro\/confirmar\?token=([\w-]+)/)?.[1];
    expect(token).toBeTruthy();
    // The owner does not know the attacker's password: confirming needs it.
    expect(await confirmEmail({ token, password: 'um palpite qualquer' })).toMatchObject({ ok: false, reason: 'invalid' });
    expect((await userRow(account.id)).emailVerified).toBeNull();
    // The one who signed up, knowing the password, confirms, and only then signs in with it.
    expect(await confirmEmail({ token, password: 'senha-do-atacante' })).toEqual({ ok: true, email });
    expect(await authenticateWithPassword({ email, password: 'senha-do-atacante', clientAddress: nextAddress(), wait: noWait })).toMatchObject({ ok: true });
    expect(await confirmEmail({ token, password: 'senha-do-atacante' })).toEqual({ ok: false, reason: 'invalid_link' });
  });

  it('lets the owner set a password (the current one required once there is one) and end other sessions', async () => {
    const email = 'vitima4@exemplo.com.br';
    const account = await preRegister(email);
    const first = await signInByLink(email);
    expect(await changePassword({ userId: account.id }, { password: 'minha-senha-nova', passwordConfirmation: 'minha-senha-nova' }, { wait: noWait })).toMatchObject({ ok: true });
    // Setting it ended the sessions issued before (the page re-issues its own).
    expect(await sessionUser(first)).toBeNull();
    expect(await changePassword({ userId: account.id }, { currentPassword: 'errada', password: 'outra-senha-boa', passwordConfirmation: 'outra-senha-boa' }, { wait: noWait })).toEqual({
      ok: false,
      fieldErrors: { currentPassword: [WRONG_CURRENT_PASSWORD] },
    });
    expect(await authenticateWithPassword({ email, password: 'minha-senha-nova', clientAddress: nextAddress(), wait: noWait })).toMatchObject({ ok: true });

    const laptop = await signInByLink(email);
    const phone = await signInByLink(email);
    expect(await sessionUser(laptop)).toBe(account.id);
    const version = await endOtherSessions({ userId: account.id });
    expect(await sessionUser(laptop)).toBeNull();
    // An ended session cannot bring itself back through Auth.js's update, even with a made-up ticket.
    const revived = await authRoute('/session', { method: 'POST', json: { data: { reissue: 'inventado' } }, headers: { cookie: `authjs.session-token=${laptop}` } });
    expect(sessionCookieOf(revived) ?? '').toBe('');
    // The page keeping its own session re-issues it with the server's ticket.
    const kept = await authRoute('/session', { method: 'POST', json: { data: { reissue: reissueTicket(account.id, version) } }, headers: { cookie: `authjs.session-token=${phone}` } });
    const renewed = sessionCookieOf(kept);
    expect(renewed).toBeTruthy();
    expect(await sessionUser(renewed ?? '')).toBe(account.id);
    expect(await listClaimableDemands({ userId: account.id })).toMatchObject({ emailVerified: true });
  });
});
