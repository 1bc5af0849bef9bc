import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext } from './harness';

/**
 * The site as an app on a 390 px phone: its install manifest (name from the municipality, icons drawn
 * from the emblem), the service worker, and a manifestação filled where there is no signal — kept on the
 * phone, sent when the connection returns, filed once, its protocol shown once.
 */

const baseUrl = inject('e2eBaseUrl');
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newContext(browser, baseUrl, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

type Manifest = { name: string; short_name: string; start_url: string; display: string; theme_color: string; icons: { src: string; sizes: string; purpose: string }[] };

describe('the installable app', () => {
  it('serves a manifest named after the municipality whose icons are PNGs of their sizes, and an Apple icon', async () => {
    await page.goto('/');
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(manifestHref).toBeTruthy();
    const manifest = (await (await page.request.get(manifestHref ?? '')).json()) as Manifest;
    expect(manifest).toMatchObject({ name: 'Ouvidoria Digital de Botucatu', start_url: '/', display: 'standalone', theme_color: '#0b4f8a' });
    expect(manifest.icons.map((icon) => icon.purpose).sort()).toEqual(['any', 'any', 'maskable']);
    const appleHref = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
    for (const [src, sizes] of [...manifest.icons.map((icon) => [icon.src, icon.sizes]), [appleHref ?? '', '180x180']]) {
      const response = await page.request.get(src ?? '');
      expect(response.status(), src).toBe(200);
      const bytes = await response.body();
      expect(bytes.subarray(1, 4).toString('latin1'), src).toBe('PNG');
      // The PNG header's width and height.
      expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`, src).toBe(sizes);
    }
    expect(await page.locator('meta[name="apple-mobile-web-app-capable"], meta[name="mobile-web-app-capable"]').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'home page, 390 px');
  });

  it('keeps a manifestação filled offline, sends it when the connection returns, and shows its protocol once', async () => {
    await page.goto('/ouvidoria/nova?tipo=reclamacao');
    // The service worker installs once the page is idle, and takes the page over (clients.claim).
    await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.getRegistration())?.active), undefined, { timeout: 30_000 });
    const sends: { status: number; protocol?: string }[] = [];
    page.on('response', async (response) => {
      if (!response.url().endsWith('/api/envio-guardado') || response.request().method() !== 'POST') return;
      const body = (await response.json().catch(() => ({}))) as { receipt?: { protocol: string } };
      sends.push({ status: response.status(), protocol: body.receipt?.protocol });
    });

    const pageLog: string[] = [];
    page.on('console', (message) => pageLog.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => pageLog.push(`pageerror: ${error.message}`));
    await context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine), 'navigator.onLine under setOffline(true)').toBe(false);
    await page.getByLabel('Assunto').fill('Poste apagado na Rua Amando de Barros');
    await page.getByLabel('Descrição').fill('O poste em frente ao número 900 está apagado há duas semanas; a rua fica escura à noite.');
    await page.getByLabel('Anônima').check();
    await page.getByRole('button', { name: 'Enviar manifestação' }).click();
    await page
      .getByText('Guardado no seu telefone: será enviado quando houver conexão')
      .waitFor({ timeout: 20_000 })
      .catch(async (error: Error) => {
        await context.setOffline(false);
        throw new Error(`${error.message}\nmain: ${(await page.locator('main').innerText()).slice(0, 600)}\nlog:\n${pageLog.join('\n')}`);
      });
    expect(sends).toEqual([]);
    await expectNoAxeViolations(page, 'form kept offline, 390 px');

    await context.setOffline(false);
    await page.getByRole('heading', { name: 'Manifestação registrada' }).waitFor();
    const protocol = (await page.getByTestId('protocolo').textContent())?.trim() ?? '';
    expect(protocol).toMatch(/^\d{4}-\d{6}-\d$/);
    await expect.poll(() => sends.length).toBeGreaterThan(0);
    expect(new Set(sends.map((send) => send.protocol))).toEqual(new Set([protocol]));
    expect(await page.getByTestId('protocolo').count()).toBe(1);
    await expectNoAxeViolations(page, 'receipt of the form kept offline, 390 px');

    // Nothing is left waiting: opening the form again shows an empty form, not the receipt or a second send.
    await page.goto('/ouvidoria/nova');
    await page.getByLabel('Assunto').waitFor();
    expect(await page.getByText('Guardado no seu telefone').count()).toBe(0);
    expect(new Set(sends.map((send) => send.protocol))).toEqual(new Set([protocol]));
  });

  it('opens a public page it has seen while offline, from the service worker', async () => {
    await context.setOffline(false);
    await page.goto('/balcao');
    await context.setOffline(true);
    try {
      await page.goto('/balcao');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBeGreaterThan(0);
    } finally {
      await context.setOffline(false);
    }
  });
});
