import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext } from './harness';

/**
 * What a citizen sees when things fail, in Chromium against `next start`:
 * - a lost response (the demand was filed, the answer never arrived) and the form sent again shows the
 *   same protocol and access code, with JavaScript (the form comes back with what was typed) and without
 *   it (the browser sends the same post again on reload);
 * - a page that does not exist answers in Portuguese with the phones, and passes axe.
 */

const baseUrl = inject('e2eBaseUrl');
const PROTOCOL = /\d{4}-\d{6}-\d/;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function fillAnonymousComplaint(page: Page, subject: string) {
  await page.getByLabel('Assunto').fill(subject);
  await page.getByLabel('Descrição').fill('A iluminação da rua está apagada há três semanas e os moradores voltam a pé no escuro.');
  await page.getByLabel('Anônima').check();
}

/** The protocol in the answer the citizen never got: the receipt's HTML, or the action's RSC payload. */
function filedProtocolIn(body: string): string {
  const found = /data-testid="protocolo"[^>]*>(\d{4}-\d{6}-\d)</.exec(body) ?? /"protocol":"(\d{4}-\d{6}-\d)"/.exec(body);
  return found?.[1] ?? 'none';
}

/** The first post of the form reaches the server (which files it) but its answer is lost on the way back. */
function loseFirstAnswer(page: Page, lose: (route: Route, body: string) => Promise<void>) {
  let filedBody: string | null = null;
  const handler = async (route: Route) => {
    if (route.request().method() !== 'POST' || filedBody !== null) return route.continue();
    const response = await route.fetch();
    filedBody = await response.text();
    await lose(route, filedBody);
  };
  return { handler, filedBody: () => filedBody ?? '' };
}

describe('a lost response does not lose the demand', () => {
  it('with JavaScript: the form comes back with what was typed, and sending again shows the same protocol and code', async () => {
    const page = await (await newContext(browser, baseUrl)).newPage();
    await page.goto('/ouvidoria/nova?tipo=reclamacao');
    await fillAnonymousComplaint(page, 'Rua escura no Jardim Paraíso');

    const lost = loseFirstAnswer(page, (route) => route.abort('connectionreset'));
    await page.route('**/ouvidoria/nova**', lost.handler);
    await page.getByRole('button', { name: 'Enviar manifestação' }).click();

    // The failed post ends on the error page, in Portuguese, with the phones and no error text.
    await page.getByRole('heading', { level: 1, name: 'Não foi possível abrir esta página' }).waitFor();
    expect(await page.getByText('Prefere falar com alguém?').count()).toBe(1);
    expect(await page.locator('main').textContent()).not.toMatch(/TypeError|fetch|Error/);
    await expectNoAxeViolations(page, 'error page');
    await page.getByRole('button', { name: 'Tentar de novo' }).click();

    await page.getByRole('heading', { name: 'Não recebemos a confirmação do envio' }).waitFor();
    const filedProtocol = filedProtocolIn(lost.filedBody());
    expect(filedProtocol).toMatch(PROTOCOL);
    expect(await page.getByLabel('Assunto').inputValue()).toBe('Rua escura no Jardim Paraíso');
    expect(await page.getByLabel('Anônima').isChecked()).toBe(true);
    await expectNoAxeViolations(page, 'form after a lost response');

    await page.getByRole('button', { name: 'Enviar manifestação' }).click();
    await page.getByRole('heading', { name: 'Manifestação registrada' }).waitFor();
    expect((await page.getByTestId('protocolo').textContent())?.trim()).toBe(filedProtocol);
    const code = (await page.getByTestId('codigo-de-acesso').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(lost.filedBody()).toContain(code);
    await page.context().close();
  });

  it('without JavaScript: the post times out, the citizen reloads, and the same protocol and code come back', async () => {
    const page = await (await newContext(browser, baseUrl, { javaScriptEnabled: false })).newPage();
    await page.goto('/ouvidoria/nova?tipo=reclamacao');
    await fillAnonymousComplaint(page, 'Poste apagado na Vila Real');

    const lost = loseFirstAnswer(page, (route) => route.fulfill({ status: 504, contentType: 'text/html', body: '<html lang="pt-BR"><title>Tempo esgotado</title><h1>504 Gateway Timeout</h1></html>' }));
    await page.route('**/ouvidoria/nova**', lost.handler);
    await page.getByRole('button', { name: 'Enviar manifestação' }).click();
    await page.getByRole('heading', { name: '504 Gateway Timeout' }).waitFor();
    const filedProtocol = filedProtocolIn(lost.filedBody());
    expect(filedProtocol).toMatch(PROTOCOL);

    // Reloading the timed-out page sends the very same post again, idempotency key included.
    await page.reload();
    await page.getByRole('heading', { name: 'Manifestação registrada' }).waitFor();
    expect((await page.getByTestId('protocolo').textContent())?.trim()).toBe(filedProtocol);
    const code = (await page.getByTestId('codigo-de-acesso').textContent())?.trim() ?? '';
    expect(lost.filedBody()).toContain(code);

    // And once more, as an impatient citizen would: still the same demand.
    await page.reload();
    await page.getByRole('heading', { name: 'Manifestação registrada' }).waitFor();
    expect((await page.getByTestId('protocolo').textContent())?.trim()).toBe(filedProtocol);
    await page.context().close();
  });
});

describe('error pages in Portuguese', () => {
  it('answers an address that does not exist with a 404 page that gives the phones and passes axe', async () => {
    const page = await (await newContext(browser, baseUrl)).newPage();
    const response = await page.goto('/pagina-que-nao-existe');
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'Página não encontrada' }).waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Prefere falar com alguém?');
    expect(text).toMatch(/0800-773-3090/);
    expect(text).toMatch(/Segunda a sexta/);
    await expectNoAxeViolations(page, '404 page');
    await page.context().close();
  });
});
