import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext, signIn as signInThroughApi, warmUp } from './harness';

/**
 * Passkeys in a real browser, with Chromium's virtual authenticator standing in for a phone or a security
 * key (DevTools protocol, WebAuthn domain): a new staff member adds a passkey in Minha conta (and gets
 * recovery codes), signs out, signs in with the password and the passkey, sees its last use, signs in on
 * a browser without JavaScript with a recovery code (no passkey button there), and removes the passkey.
 * axe finds no WCAG 2.1 AA violation on any page visited.
 */

const BASE = inject('e2eBaseUrl');
const PASSWORD = 'senha-inicial-9';
let browser: Browser;

beforeAll(async () => {
  await warmUp(BASE, ['/entrar', '/entrar/verificacao', '/painel/conta'], { redirect: 'manual', anyStatus: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function createStaffAccount(): Promise<string> {
  const context = await newContext(browser, BASE);
  await signInThroughApi(context, BASE, 'admin@demo.example.org');
  const page = await context.newPage();
  await page.goto(`${BASE}/painel/admin/usuarios/novo`);
  const email = `passkey.${Date.now()}@demo.example.org`;
  await page.getByLabel('Nome', { exact: true }).fill('Paula Passkey');
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Perfil').selectOption({ label: 'Gestor(a)' });
  await page.getByLabel('Senha inicial').fill(PASSWORD);
  await page.getByLabel('Repita a senha').fill(PASSWORD);
  await page.getByRole('button', { name: 'Criar conta' }).click();
  await page.getByText('Conta criada.').waitFor();
  await context.close();
  return email;
}

describe('passkeys', () => {
  let context: BrowserContext;

  afterAll(async () => {
    await context?.close();
  });

  it('adds a passkey in Minha conta, signs in with it, and falls back to a recovery code without JavaScript', async () => {
    const email = await createStaffAccount();
    context = await newContext(browser, BASE);
    const page = await context.newPage();
    const devtools = await context.newCDPSession(page);
    await devtools.send('WebAuthn.enable');
    const { authenticatorId } = await devtools.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    const signInWithPassword = async () => {
      await page.goto(`${BASE}/entrar`);
      await page.getByLabel('E-mail', { exact: true }).fill(email);
      await page.getByLabel('Senha', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Entrar', exact: true }).click();
    };

    await signInWithPassword();
    await page.waitForURL('**/painel');
    await page.goto(`${BASE}/painel/conta`);
    await page.getByRole('heading', { level: 2, name: 'Passkeys' }).waitFor();
    await expectNoAxeViolations(page);

    // Without a name, the form says what to fix before the browser's dialog opens.
    await page.getByRole('button', { name: 'Adicionar passkey' }).click();
    await page.getByText('Dê um nome à passkey (por exemplo').waitFor();
    await page.getByLabel('Nome da passkey').fill('Notebook do trabalho');
    await page.getByRole('button', { name: 'Adicionar passkey' }).click();
    await page.getByRole('heading', { name: 'Passkey “Notebook do trabalho” cadastrada' }).waitFor();
    const codes = page.getByRole('list', { name: 'Códigos de recuperação' }).getByRole('listitem');
    const recoveryCodes = await codes.allInnerTexts();
    expect(recoveryCodes).toHaveLength(10);
    await expectNoAxeViolations(page);
    const { credentials } = await devtools.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);

    // The list shows it, not used yet.
    await page.reload();
    const listed = page.getByRole('list', { name: 'Suas passkeys' }).getByRole('listitem');
    expect(await listed.count()).toBe(1);
    expect(await listed.first().innerText()).toContain('Ainda não usada');

    // Sign out; the password now stops at the second step, where the passkey finishes signing in.
    await page.getByRole('button', { name: 'Sair', exact: true }).click();
    await page.waitForURL(`${BASE}/`);
    await signInWithPassword();
    await page.waitForURL('**/entrar/verificacao**');
    await page.getByRole('button', { name: 'Entrar com passkey' }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Entrar com passkey' }).click();
    await page.waitForURL('**/painel');
    const [used] = (await devtools.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
    expect(used?.signCount).toBeGreaterThan(0);
    await page.goto(`${BASE}/painel/conta`);
    expect(await page.getByRole('list', { name: 'Suas passkeys' }).getByRole('listitem').first().innerText()).toContain('Último uso em');

    // Without JavaScript a passkey cannot work: the step says so and takes a recovery code instead.
    const noScript = await newContext(browser, BASE, { javaScriptEnabled: false });
    try {
      const plain = await noScript.newPage();
      await plain.goto(`${BASE}/entrar`);
      await plain.getByLabel('E-mail', { exact: true }).fill(email);
      await plain.getByLabel('Senha', { exact: true }).fill(PASSWORD);
      await plain.getByRole('button', { name: 'Entrar', exact: true }).click();
      await plain.waitForURL('**/entrar/verificacao**');
      expect(await plain.getByRole('button', { name: 'Entrar com passkey' }).count()).toBe(0);
      expect(await plain.content()).toContain('A passkey precisa de JavaScript, que está desativado neste navegador.');
      await expectNoAxeViolations(plain, 'segunda etapa sem JavaScript', { javaScriptDisabled: true });
      await plain.getByLabel('Código de verificação').fill(recoveryCodes[0] ?? '');
      await plain.getByRole('button', { name: 'Verificar e entrar' }).click();
      await plain.waitForURL('**/painel/conta?feito=recuperacao');
      await plain.getByText('Códigos de recuperação ainda não usados: 9 de 10').waitFor();
    } finally {
      await noScript.close();
    }

    // Removed, it is gone from the list (a plain form post).
    await page.getByRole('button', { name: 'Remover a passkey Notebook do trabalho' }).click();
    await page.getByText('Passkey removida.').waitFor();
    expect(await page.getByRole('list', { name: 'Suas passkeys' }).count()).toBe(0);
    await expectNoAxeViolations(page);
  });
});
