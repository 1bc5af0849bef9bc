import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext, openMailLinks } from './harness';

/**
 * The pre-registered account, in the browser: an attacker signs up with the victim's e-mail and a
 * password of their own. The password does not open the account; the victim signs in with an e-mailed
 * link and links her confidential complaint; the attacker's password is then dead, and the attacker never
 * sees the complaint.
 */

const baseUrl = inject('e2eBaseUrl');
const victimEmail = `vitima.${Date.now()}@exemplo.com.br`;
const attackerPassword = 'senha-do-atacante-1';
const secretSubject = 'Assédio moral na secretaria de obras';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signInWithPassword(page: Page, password: string): Promise<void> {
  await page.goto('/entrar');
  await page.getByLabel('E-mail', { exact: true }).fill(victimEmail);
  await page.getByLabel('Senha', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
}

describe('a pre-registered account', () => {
  it('gives the attacker nothing once the owner signs in by link', async () => {
    const victim: BrowserContext = await newContext(browser, baseUrl);
    const victimPage = await victim.newPage();
    // Before any account, she files a confidential complaint with her e-mail.
    await victimPage.goto('/ouvidoria/nova?tipo=reclamacao');
    await victimPage.getByLabel('Assunto').fill(secretSubject);
    await victimPage.getByLabel('Descrição').fill('Meu chefe me humilha na frente dos colegas todos os dias e ameaça me transferir.');
    await victimPage.getByLabel('Sigilosa', { exact: true }).check();
    await victimPage.getByLabel('Nome completo').fill('Vítima da Silva');
    await victimPage.getByLabel('E-mail').fill(victimEmail);
    await victimPage.getByRole('button', { name: 'Enviar manifestação' }).click();
    await victimPage.getByRole('heading', { name: 'Manifestação registrada' }).waitFor();

    // The attacker signs up with her e-mail.
    const attacker = await (await newContext(browser, baseUrl)).newPage();
    await attacker.goto('/cadastro');
    await attacker.getByLabel('Nome completo').fill('Vítima da Silva');
    await attacker.getByLabel('E-mail', { exact: true }).fill(victimEmail);
    await attacker.getByLabel('Celular').fill('(14) 99700-1122');
    await attacker.getByLabel('Senha', { exact: true }).fill(attackerPassword);
    await attacker.getByLabel('Repita a senha').fill(attackerPassword);
    await attacker.getByRole('button', { name: 'Criar conta' }).click();
    await attacker.waitForURL('**/cadastro/confirme-seu-email');
    await expectNoAxeViolations(attacker, 'confirm your e-mail');
    await signInWithPassword(attacker, attackerPassword);
    await attacker.getByText('Confirme seu e-mail antes de entrar com senha').waitFor();

    // The confirmation e-mail reaches her; its page asks for a password she does not know.
    const [confirmationLink] = await openMailLinks(victimPage, victimEmail, /Confirme seu e-mail/);
    await victimPage.goto(new URL(confirmationLink ?? '').pathname + new URL(confirmationLink ?? '').search);
    await victimPage.getByLabel('Senha que você criou no cadastro').waitFor();
    await expectNoAxeViolations(victimPage, 'confirm e-mail page');

    // She signs in by link instead, and links her complaint.
    await victimPage.goto('/entrar');
    await victimPage.getByLabel('E-mail da sua conta').fill(victimEmail);
    await victimPage.getByRole('button', { name: 'Enviar link de acesso' }).click();
    await victimPage.waitForURL('**/entrar/link-enviado');
    const signInLink = (await openMailLinks(victimPage, victimEmail, /link de acesso/)).find((href) => href.includes('/api/auth/callback/email')) ?? '';
    await victimPage.goto(new URL(signInLink).pathname + new URL(signInLink).search);
    await victimPage.waitForURL('**/minhas-manifestacoes');
    await victimPage.getByRole('button', { name: 'Vincular à minha conta' }).click();
    await victimPage.getByRole('link', { name: /^\d{4}-\d{6}-\d$/ }).first().waitFor();
    expect(await victimPage.getByText(secretSubject).count()).toBeGreaterThan(0);

    await victimPage.goto('/minha-conta');
    await victimPage.getByRole('heading', { name: 'Criar uma senha' }).waitFor();
    await expectNoAxeViolations(victimPage, 'Minha conta');

    // The attacker's password is dead; the attacker never sees her complaint.
    await signInWithPassword(attacker, attackerPassword);
    await attacker.getByText('E-mail ou senha incorretos').waitFor();
    await attacker.goto('/minhas-manifestacoes');
    expect(new URL(attacker.url()).pathname).toBe('/entrar');
    expect(await attacker.getByText(secretSubject).count()).toBe(0);
    await attacker.context().close();
    await victim.close();
  });
});
