import { verify } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { signUpCitizen as signUp, DUPLICATE_EMAIL_MESSAGE, SIGN_UP_LIMIT } from '@/lib/accounts/sign-up';
import { eq } from 'drizzle-orm';
import { confirmEmail } from '@/lib/accounts/email-confirmation';
import { authenticateWithPassword } from '@/lib/auth/password-sign-in';
import { getDb } from '@/lib/db/client';
import { devMailbox } from '@/lib/db/schema';
import { userRow } from '../account-factories';

const valid = {
  name: 'Rita de Cássia Moraes',
  email: 'Rita.Moraes@Exemplo.com.br',
  phone: '(14) 99876-5432',
  cpf: '529.982.247-25',
  password: 'uma senha boa',
  passwordConfirmation: 'uma senha boa',
};

let addressCounter = 0;
const signUpCitizen = (input: unknown) => signUp(input, { clientAddress: `198.51.100.${++addressCounter}` });

describe('citizen sign-up', () => {
  it('creates an unverified citizen account with a hashed password and normalised contacts', async () => {
    const result = await signUpCitizen(valid);
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    const user = await userRow(result.user.id);
    expect(user).toMatchObject({
      name: 'Rita de Cássia Moraes',
      email: 'rita.moraes@exemplo.com.br',
      phone: '+5514998765432',
      cpf: '52998224725',
      role: 'citizen',
      active: true,
      emailVerified: null,
    });
    expect(user.passwordHash).not.toContain('uma senha boa');
    expect(await verify(user.passwordHash ?? '', 'uma senha boa')).toBe(true);
  });

  it('accepts an account without CPF', async () => {
    const result = await signUpCitizen({ ...valid, email: 'sem.cpf@exemplo.com.br', cpf: '' });
    expect(result.ok).toBe(true);
  });

  it('answers every wrong field at once, in Portuguese', async () => {
    const result = await signUpCitizen({ name: 'R', email: 'rita@', phone: '123', cpf: '111.111.111-11', password: 'curta', passwordConfirmation: 'outra' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(['cpf', 'email', 'name', 'password', 'phone']);
    expect(result.fieldErrors.password).toEqual(['A senha precisa ter pelo menos 8 caracteres.']);
    const mismatch = await signUpCitizen({ ...valid, passwordConfirmation: 'uma senha ruim' });
    expect(mismatch).toEqual({ ok: false, fieldErrors: { passwordConfirmation: ['As duas senhas não são iguais.'] } });
  });

  it('refuses a second account for the same e-mail in any letter case, saying only that', async () => {
    const first = await signUpCitizen({ ...valid, email: 'dupla@exemplo.com.br' });
    expect(first.ok).toBe(true);
    const second = await signUpCitizen({ ...valid, email: 'DUPLA@exemplo.com.br', name: 'Outra Pessoa' });
    expect(second).toEqual({ ok: false, fieldErrors: { email: [DUPLICATE_EMAIL_MESSAGE] } });
  });

  // Since issue 9 the password works only once the e-mail is confirmed (tests/security/account-pre-takeover.test.ts).
  it('lets the new citizen sign in with the password once the e-mailed link confirms the address, and not with another one', async () => {
    const result = await signUpCitizen({ ...valid, email: 'entra@exemplo.com.br' });
    if (!result.ok) throw new Error('sign-up failed');
    expect(await authenticateWithPassword({ email: 'entra@exemplo.com.br', password: 'uma senha boa', clientAddress: '198.51.100.1' })).toEqual({ ok: false, reason: 'unverified' });
    const [mail] = await (await getDb()).select().from(devMailbox).where(eq(devMailbox.recipient, 'entra@exemplo.com.br'));
    expect(mail?.subject).toContain('Confirme seu e-mail');
    const token = mail?.text.match(/\/cadastro\/confirmar\?token=([\w-]+)/)?.[1];
    expect(await confirmEmail({ token, password: 'uma senha boa' })).toEqual({ ok: true, email: 'entra@exemplo.com.br' });
    const right = await authenticateWithPassword({ email: 'Entra@Exemplo.com.br', password: 'uma senha boa', clientAddress: '198.51.100.1' });
    expect(right).toEqual({ ok: true, user: { id: result.user.id, name: valid.name, email: 'entra@exemplo.com.br', role: 'citizen' } });
    const wrong = await authenticateWithPassword({ email: 'entra@exemplo.com.br', password: 'outra senha', clientAddress: '198.51.100.1' });
    expect(wrong).toEqual({ ok: false, reason: 'invalid_credentials' });
  });

  it('stops creating accounts from one address after the hourly limit', async () => {
    const now = new Date('2026-05-04T13:00:00Z');
    for (let i = 0; i < SIGN_UP_LIMIT.limit; i++) {
      const created = await signUp({ ...valid, email: `lote${i}@exemplo.com.br` }, { clientAddress: '198.51.100.200', now });
      expect(created.ok).toBe(true);
    }
    const refused = await signUp({ ...valid, email: 'mais.uma@exemplo.com.br' }, { clientAddress: '198.51.100.200', now });
    expect(refused).toEqual({ ok: false, fieldErrors: { form: [expect.stringContaining('Tente de novo a partir das 11:00')] } });
    const elsewhere = await signUp({ ...valid, email: 'mais.uma@exemplo.com.br' }, { clientAddress: '198.51.100.201', now });
    expect(elsewhere.ok).toBe(true);
  });
});
