import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext, signIn as signInThroughApi, warmUp } from './harness';

/**
 * Two-factor sign-in in a real browser: an admin creates a staff account; its owner turns on the
 * authenticator app (the code computed here with otplib, as a phone would), signs out, signs in with the
 * password and a code, signs in on a second browser with a recovery code, and ends the first browser's
 * session from the list. A fresh account, so the demo accounts other journeys use keep signing in with
 * the password alone. axe finds no WCAG 2.1 AA violation on any page visited.
 */

const BASE = inject('e2eBaseUrl');
const PASSWORD = 'senha-inicial-9';
let browser: Browser;

beforeAll(async () => {
  await warmUp(BASE, ['/entrar', '/entrar/verificacao', '/painel/conta', '/painel/conta/verificacao-em-duas-etapas', '/painel/admin/verificacao-em-duas-etapas'], {
    redirect: 'manual',
    anyStatus: true,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function signInWithPassword(page: Page, email: string) {
  await page.goto(`${BASE}/entrar`);
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Senha', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
}

async function createStaffAccount(): Promise<string> {
  const context = await newContext(browser, BASE);
  await signInThroughApi(context, BASE, 'admin@demo.example.org');
  const page = await context.newPage();
  await page.goto(`${BASE}/painel/admin/usuarios/novo`);
  const email = `dois.fatores.${Date.now()}@demo.example.org`;
  await page.getByLabel('Nome', { exact: true }).fill('Dora Dois Fatores');
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Perfil').selectOption({ label: 'Gestor(a)' });
  await page.getByLabel('Senha inicial').fill(PASSWORD);
  await page.getByLabel('Repita a senha').fill(PASSWORD);
  await page.getByRole('button', { name: 'Criar conta' }).click();
  await page.getByText('Conta criada.').waitFor();
  // The admin's page: the policy per role (left off, as the demo keeps it) and the security log.
  await page.goto(`${BASE}/painel/admin/verificacao-em-duas-etapas`);
  await page.getByRole('heading', { level: 1, name: 'Verificação em duas etapas' }).waitFor();
  expect(await page.getByLabel('Gestor(a)').isChecked()).toBe(false);
  await expectNoAxeViolations(page);
  await context.close();
  return email;
}

describe('two-factor sign-in', () => {
  let first: BrowserContext;
  let second: BrowserContext;

  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('enrols an authenticator, asks for its code after the password, and lets sessions be ended one by one', async () => {
    const email = await createStaffAccount();
    first = await newContext(browser, BASE);
    const page = await first.newPage();
    await signInWithPassword(page, email);
    await page.waitForURL('**/painel');

    // Enrolment, from the staff account page.
    await page.goto(`${BASE}/painel/conta`);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Ativar a verificação em duas etapas' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    await expectNoAxeViolations(page);
    const secret = (await page.locator('#chave-secreta').innerText()).trim();
    await page.getByLabel('Código de 6 dígitos do aplicativo').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Confirmar e ativar' }).click();
    const codes = page.getByRole('list', { name: 'Códigos de recuperação' }).getByRole('listitem');
    await codes.first().waitFor();
    const recoveryCodes = await codes.allInnerTexts();
    expect(recoveryCodes).toHaveLength(10);
    await expectNoAxeViolations(page);

    // Sign out; the password alone now stops at the code step.
    await page.goto(`${BASE}/painel/conta`);
    await page.getByRole('button', { name: 'Sair', exact: true }).click();
    await page.waitForURL(`${BASE}/`);
    await signInWithPassword(page, email);
    await page.waitForURL('**/entrar/verificacao**');
    await expectNoAxeViolations(page);
    const blocked = await page.request.get(`${BASE}/painel`, { maxRedirects: 0 });
    expect(blocked.status()).toBeGreaterThanOrEqual(300);
    expect(blocked.status()).toBeLessThan(400);
    // The enrolment took this step's code: the app's next code (accepted one step ahead) is a new one.
    await page.getByLabel('Código de verificação').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.getByRole('button', { name: 'Verificar e entrar' }).click();
    await page.waitForURL('**/painel');

    // A second browser signs in with a recovery code and ends the first browser's session.
    second = await newContext(browser, BASE, { userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/140.0' });
    const other = await second.newPage();
    await signInWithPassword(other, email);
    await other.waitForURL('**/entrar/verificacao**');
    await other.getByLabel('Código de verificação').fill(recoveryCodes[0] ?? '');
    await other.getByRole('button', { name: 'Verificar e entrar' }).click();
    await other.waitForURL('**/painel/conta?feito=recuperacao');
    await other.getByText('Códigos de recuperação ainda não usados: 9 de 10').waitFor();
    const sessions = other.getByRole('region', { name: 'Sessões abertas' }).getByRole('listitem');
    expect(await sessions.count()).toBe(2);
    expect(await sessions.first().innerText()).toContain('Firefox no Windows');
    await expectNoAxeViolations(other);
    await other.getByRole('button', { name: /^Encerrar Chrome/ }).click();
    await other.getByText('Sessão encerrada.').waitFor();
    expect(await sessions.count()).toBe(1);

    // The first browser's cookie no longer opens the workspace.
    await page.goto(`${BASE}/painel`);
    await page.waitForURL('**/entrar?**');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Entrar');

    // Without JavaScript the code step works the same (a plain form post).
    const noScript = await newContext(browser, BASE, { javaScriptEnabled: false });
    try {
      const plain = await noScript.newPage();
      await signInWithPassword(plain, email);
      await plain.waitForURL('**/entrar/verificacao**');
      await plain.getByLabel('Código de verificação').fill('000000');
      await plain.getByRole('button', { name: 'Verificar e entrar' }).click();
      await plain.getByText('Código incorreto ou já usado.').first().waitFor();
      await expectNoAxeViolations(plain, 'verificação sem JavaScript', { javaScriptDisabled: true });
      await plain.getByLabel('Código de verificação').fill(recoveryCodes[1] ?? '');
      await plain.getByRole('button', { name: 'Verificar e entrar' }).click();
      await plain.waitForURL('**/painel/conta?feito=recuperacao');
      await plain.getByText('Códigos de recuperação ainda não usados: 8 de 10').waitFor();
    } finally {
      await noScript.close();
    }
  });
});
