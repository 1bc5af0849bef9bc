import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext } from './harness';

/**
 * "Entrar com gov.br" on a 390 px phone, against the local OpenID provider the global setup started
 * (tests/support/govbr-provider.ts): a citizen files at the Ouvidoria with her CPF and another e-mail,
 * without an account; later she enters with gov.br — the provider asks her CPF — and lands signed in on
 * "Minhas manifestações", where the demand filed with her CPF is listed. axe checks every page of ours.
 */

const baseUrl = inject('e2eBaseUrl');
const issuer = inject('e2eGovbrIssuer');
const CPF = '52998224725';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  const registered = await fetch(`${issuer}/__test/people`, {
    method: 'POST',
    body: JSON.stringify({ cpf: CPF, name: 'Helena Verificada Prado', email: `helena.${Date.now()}@exemplo.com.br`, level: 'prata' }),
  });
  expect(registered.status).toBe(204);
});
afterAll(async () => {
  await browser?.close();
});

describe('gov.br sign-in on a phone', () => {
  it('signs a citizen in through gov.br and shows the demand she filed with her CPF', async () => {
    const context = await newContext(browser, baseUrl, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();

    await page.goto('/ouvidoria/nova?tipo=reclamacao');
    await page.getByLabel('Assunto').fill('Poste apagado na praça');
    await page.getByLabel('Descrição').fill('O poste da praça central está apagado há duas semanas e a praça fica escura à noite.');
    await page.getByRole('radio', { name: /^Identificada/ }).check();
    await page.getByLabel('Nome completo').fill('Helena P.');
    await page.getByLabel('E-mail', { exact: true }).fill('helena.outro.email@exemplo.com.br');
    await page.getByLabel(/^CPF/).fill('529.982.247-25');
    await page.getByRole('button', { name: 'Enviar manifestação' }).click();
    await page.getByRole('heading', { name: 'Manifestação registrada' }).waitFor();
    const protocol = (await page.getByTestId('protocolo').textContent())?.trim() ?? '';
    expect(protocol).toMatch(/^\d{4}-\d{6}-\d$/);

    await page.goto('/entrar');
    const button = page.getByRole('button', { name: 'Entrar com gov.br' });
    await button.waitFor();
    await expectNoAxeViolations(page, 'sign-in page with gov.br, 390 px');
    await button.click();

    await page.getByLabel('CPF').fill(CPF);
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.waitForURL(`${baseUrl}/minhas-manifestacoes`);
    await page.getByRole('heading', { level: 1, name: 'Minhas manifestações' }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain('Helena Verificada Prado');
    await page.getByRole('link', { name: new RegExp(protocol) }).first().waitFor();
    await expectNoAxeViolations(page, 'Minhas manifestações after gov.br, 390 px');

    await page.getByRole('link', { name: new RegExp(protocol) }).first().click();
    await page.waitForURL(`${baseUrl}/minhas-manifestacoes/${protocol}`);
    await expect.poll(() => page.locator('main').textContent()).toContain('Poste apagado na praça');
    await expectNoAxeViolations(page, 'the demand filed with her CPF, 390 px');
    await context.close();
  });
});
