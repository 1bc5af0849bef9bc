import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pdfDocument, pngImage } from '../support/files';
import { pdfText } from '../support/pdf-text';
import { expectNoAxeViolations, launchBrowser, newContext } from './harness';

/**
 * A citizen on a 390 px phone: the header is one line with a "Menu" button that opens by keyboard and by
 * tap, the skip link is reachable, a Balcão request keeps its photos through an error round, its receipt
 * names the files and downloads as a PDF that names them too, and the tracking page confirms them. axe
 * runs with WCAG 2.2's target-size rule on every page visited.
 */
const baseUrl = inject('e2eBaseUrl');
const PHONE = { width: 390, height: 844 };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await newContext(browser, baseUrl, { viewport: PHONE, isMobile: true, hasTouch: true, acceptDownloads: true });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

/** With E2E_SCREENSHOTS_DIR set, each step is also saved at 390×844 and 1366×900 (to look at, not compared). */
async function shoot(name: string): Promise<void> {
  const folder = process.env.E2E_SCREENSHOTS_DIR;
  if (!folder) return;
  fs.mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: `${folder}/${name}-390.png` });
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.screenshot({ path: `${folder}/${name}-1366.png` });
  await page.setViewportSize(PHONE);
}

const axe = (label: string) => expectNoAxeViolations(page, `${label} at 390 px`, { targetSize: true });

describe('the site on a phone', () => {
  it('folds the menu behind one button that opens by keyboard and by tap, and keeps the skip link reachable', async () => {
    await page.goto('/');
    const menuButton = page.locator('header summary', { hasText: 'Menu' });
    const mainMenu = page.getByRole('navigation', { name: 'Menu principal' });
    expect(await menuButton.isVisible()).toBe(true);
    expect(await mainMenu.getByRole('link', { name: 'Ouvidoria' }).isVisible()).toBe(false);
    const header = await page.locator('header').boundingBox();
    expect(header?.height ?? 999).toBeLessThanOrEqual(72);
    await axe('home, menu closed');
    await shoot('home');

    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Ir para o conteúdo [1]' });
    expect(await skip.evaluate((element) => element === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(24);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('conteudo');

    await menuButton.focus();
    await page.keyboard.press('Enter');
    await mainMenu.getByRole('link', { name: 'Ouvidoria' }).waitFor({ state: 'visible' });
    expect(await page.locator('header details').evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
    expect(await page.locator('[role="search"]').count()).toBe(1);
    await axe('home, menu open');
    if (process.env.E2E_SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS_DIR}/home-menu-open-390.png` });
    await menuButton.click();
    await mainMenu.getByRole('link', { name: 'Ouvidoria' }).waitFor({ state: 'hidden' });
    await menuButton.click();
    await mainMenu.getByRole('link', { name: 'Balcão da Cidadania' }).click();
    await page.waitForURL('**/balcao');
    // The page's own service search is a plain form: one search landmark per page, the header's.
    expect(await page.locator('[role="search"]').count()).toBe(1);
    await mainMenu.getByRole('link', { name: 'Ouvidoria' }).waitFor({ state: 'hidden' });
  });

  it('keeps the photos through an error, then the receipt, its PDF and the tracking page name the files', async () => {
    await page.goto('/balcao/tapa-buraco');
    await shoot('balcao-form');
    const files = [
      { name: 'buraco-na-esquina.png', mimeType: 'image/png', buffer: Buffer.from(await pngImage()) },
      { name: 'croqui do local.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdfDocument('Croqui')) },
    ];
    const description = 'Buraco de meio metro na esquina da padaria, motos caem à noite. Teste de celular.';
    await page.getByLabel('Descreva o pedido').fill(description);
    await expect.poll(() => page.getByText(`${description.length} de 8.000 caracteres`).count()).toBe(1);
    await page.getByLabel('Endereço').fill('Rua Curuzu, 450');
    await page.getByLabel('Anexos').setInputFiles(files);
    await page.getByRole('button', { name: 'Enviar pedido' }).click();
    await page.locator('#resumo-erros').waitFor();
    // React empties the form after the post; the field puts the files back.
    await expect.poll(() => page.getByLabel('Anexos').evaluate((input) => [...((input as HTMLInputElement).files ?? [])].map((file) => file.name))).toEqual(files.map((file) => file.name));
    expect(await page.getByText('escolha os arquivos de novo').count()).toBe(0);
    await axe('Balcão form with errors');

    await page.getByLabel('Bairro').selectOption({ label: 'Centro' });
    await page.getByLabel('Nome completo').fill('Rita Celular');
    await page.getByLabel('Celular com DDD').fill('(14) 99711-2233');
    await page.getByRole('button', { name: 'Enviar pedido' }).click();
    // The demo data has potholes nearby: if the form offers them first, this is a new problem.
    const filed = page.getByRole('heading', { name: 'Pedido registrado' });
    const notTheSame = page.getByRole('button', { name: 'Não é o mesmo problema: enviar meu pedido' });
    await filed.or(notTheSame).first().waitFor();
    if (await notTheSame.isVisible()) await notTheSame.click();
    await filed.waitFor();
    const protocol = (await page.getByTestId('protocolo').textContent())?.trim() ?? '';
    const receiptFiles = page.getByTestId('anexos-do-recibo');
    expect(await receiptFiles.textContent()).toContain('2 arquivos recebidos');
    for (const file of files) expect(await receiptFiles.textContent()).toContain(file.name);
    await axe('Balcão receipt');
    await shoot('receipt');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Baixar recibo em PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(`recibo-${protocol}.pdf`);
    const text = pdfText(fs.readFileSync(await download.path()));
    expect(text).toContain(protocol);
    for (const file of files) expect(text).toContain(file.name);

    await page.goto(`/acompanhar?protocolo=${protocol}`);
    await expect.poll(() => page.getByLabel('Número do protocolo').inputValue()).toBe(protocol);
    await page.getByLabel('Código de acesso, e-mail ou celular').fill('14997112233');
    await page.getByRole('button', { name: 'Consultar' }).click();
    await page.getByRole('heading', { name: `Protocolo ${protocol}` }).waitFor();
    const tracked = page.getByTestId('anexos-do-protocolo');
    expect(await tracked.textContent()).toContain('2 arquivos recebidos');
    for (const file of files) expect(await tracked.textContent()).toContain(file.name);
    await axe('tracking page');
  });
});
