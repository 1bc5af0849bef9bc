import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext } from './harness';

/**
 * A form post larger than the server reads (52 MB) used to end in Next.js's bare error page, with or
 * without JavaScript. With JavaScript the form now checks the files before sending and keeps everything
 * typed; without it, the server answers at once with a page saying what happened and what to do.
 */
const baseUrl = inject('e2eBaseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a form post over the size limit', () => {
  it('with JavaScript: the form names the files that are too large, sends nothing, and keeps what was typed', async () => {
    const page = await (await newContext(browser, baseUrl)).newPage();
    await page.goto('/ouvidoria/nova?tipo=reclamacao');
    await page.getByLabel('Assunto').fill('Poda de árvore atrasada');
    await page.getByLabel('Descrição').fill('A árvore em frente ao número 120 está com galhos sobre a fiação há dois meses.');
    const big = Buffer.alloc(11 * 1024 * 1024, 0x20);
    await page.locator('input[type="file"][name="files"]').setInputFiles({ name: 'video-da-arvore.jpg', mimeType: 'image/jpeg', buffer: big });
    await page.getByRole('button', { name: 'Enviar manifestação' }).click();

    const summary = page.locator('#resumo-erros');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/"video-da-arvore\.jpg" tem 11 MB; o limite é 10 MB por arquivo/);
    expect(await page.getByLabel('Descrição').inputValue()).toContain('galhos sobre a fiação');
    expect(await page.locator('input[type="file"][name="files"]').evaluate((input) => (input as HTMLInputElement).files?.length)).toBe(1);
    await expectNoAxeViolations(page, 'form refusing a file before sending');
    await page.context().close();
  });

  it('without JavaScript: a 53 MB post gets a Portuguese page saying nothing was registered, not a 500', async () => {
    const form = new FormData();
    form.append('subject', 'Envio grande');
    form.append('files', new Blob([new Uint8Array(53 * 1024 * 1024)], { type: 'image/jpeg' }), 'enorme.jpg');
    const response = await fetch(`${baseUrl}/ouvidoria/nova`, { method: 'POST', body: form });

    expect(response.status).toBe(413);
    const html = await response.text();
    expect(html).toMatch(/nada foi registrado/);
    expect(html).toMatch(/botão <strong>Voltar<\/strong>/);

    const page = await (await newContext(browser, baseUrl)).newPage();
    await page.setContent(html);
    await expectNoAxeViolations(page, 'oversized post page');
    await page.context().close();
  });
});
