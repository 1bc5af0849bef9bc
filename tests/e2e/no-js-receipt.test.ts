import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext } from './harness';

/**
 * A citizen with scripts blocked (a cheap phone, a data saver) files an anonymous manifestação: the post
 * is answered with a redirect to the receipt page (not the form page drawn again), whose address carries
 * neither the protocol nor the access code, and which a reload shows again without posting anything.
 * Another browser at the same address sees no receipt.
 */

const baseUrl = inject('e2eBaseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the receipt of a form posted without JavaScript', () => {
  it('comes from a redirect to an address without secrets, reloads without posting again, and stays in that browser', async () => {
    const context = await newContext(browser, baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    const posts: { status: number; location: string | undefined }[] = [];
    page.on('response', (response) => {
      if (response.request().method() === 'POST') posts.push({ status: response.status(), location: response.headers().location });
    });

    await page.goto('/ouvidoria/nova?tipo=reclamacao');
    await page.getByLabel('Assunto').fill('Calçada quebrada na Rua das Flores');
    await page.getByLabel('Descrição').fill('A calçada está quebrada há meses e uma idosa caiu ali na semana passada.');
    await page.getByLabel('Anônima').check();
    await page.getByRole('button', { name: 'Enviar manifestação' }).click();
    await page.getByRole('heading', { name: 'Manifestação registrada' }).waitFor();

    expect(posts).toEqual([{ status: 303, location: '/recibo' }]);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/recibo');
    const protocol = (await page.getByTestId('protocolo').textContent())?.trim() ?? '';
    const code = (await page.getByTestId('codigo-de-acesso').textContent())?.trim() ?? '';
    expect(protocol).toMatch(/^\d{4}-\d{6}-\d$/);
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'recibo');
    expect(cookie).toMatchObject({ path: '/recibo', httpOnly: true, sameSite: 'Lax' });
    expect(cookie?.value).not.toContain(code);
    await expectNoAxeViolations(page, 'receipt page, no JavaScript', { javaScriptDisabled: true });

    await page.reload();
    await page.getByRole('heading', { name: 'Manifestação registrada' }).waitFor();
    expect((await page.getByTestId('protocolo').textContent())?.trim()).toBe(protocol);
    expect((await page.getByTestId('codigo-de-acesso').textContent())?.trim()).toBe(code);
    expect(posts).toHaveLength(1);
    await context.close();

    const someoneElse = await (await newContext(browser, baseUrl, { javaScriptEnabled: false })).newPage();
    await someoneElse.goto('/recibo');
    await someoneElse.getByRole('heading', { name: 'Nenhum recibo para mostrar' }).waitFor();
    expect(await someoneElse.locator('main').textContent()).not.toContain(protocol);
    await expectNoAxeViolations(someoneElse, 'receipt page without a receipt', { javaScriptDisabled: true });
    await someoneElse.context().close();
  });
});
