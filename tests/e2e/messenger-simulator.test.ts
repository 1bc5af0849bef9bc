import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext, startApp, type RunningApp } from './harness';

/**
 * The development Messenger/Instagram page, in Chromium: a citizen files an Ouvidoria complaint with a
 * photo by tapping quick replies and typing, with axe on the way. As the WhatsApp simulator's test, it
 * plays on a `next dev` of its own when the suite's app is a production build (E2E_SERVER=dev uses the
 * suite's app), and checks the page is absent from that build.
 */

const sharedUrl = inject('e2eBaseUrl');
let simulatorUrl = sharedUrl;
let sharedIsProduction = false;
let devApp: RunningApp | undefined;
let browser: Browser;

async function startDevApp(): Promise<RunningApp> {
  const saved = { server: process.env.E2E_SERVER, port: process.env.E2E_PORT, base: process.env.E2E_BASE_URL };
  process.env.E2E_SERVER = 'dev';
  delete process.env.E2E_BASE_URL;
  if (process.env.E2E_DEV_PORT) process.env.E2E_PORT = process.env.E2E_DEV_PORT;
  else delete process.env.E2E_PORT;
  try {
    return await startApp();
  } finally {
    for (const [key, value] of [['E2E_SERVER', saved.server], ['E2E_PORT', saved.port], ['E2E_BASE_URL', saved.base]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

beforeAll(async () => {
  const shared = await fetch(`${sharedUrl}/dev/messenger`, { signal: AbortSignal.timeout(300_000) });
  sharedIsProduction = shared.status === 404;
  if (sharedIsProduction) {
    devApp = await startDevApp();
    simulatorUrl = devApp.baseUrl;
  }
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await devApp?.stop();
});

const thread = (page: Page) => page.getByRole('list', { name: 'Mensagens do Messenger' });
const citizenMessages = (page: Page) => thread(page).getByRole('article', { name: 'Mensagem do cidadão' });
const lastReply = (page: Page) => thread(page).getByRole('article', { name: 'Mensagem da Prefeitura' }).last();
const eventually = <T,>(read: () => Promise<T>) => expect.poll(read, { timeout: 90_000, interval: 250 });

async function submitted(page: Page, submit: () => Promise<void>) {
  const before = page.url().includes('contato=') ? await citizenMessages(page).count() : 0;
  await submit();
  await page.waitForURL(/contato=/, { timeout: 90_000 });
  await eventually(() => citizenMessages(page).count()).toBeGreaterThan(before);
}

async function say(page: Page, text: string) {
  await submitted(page, async () => {
    await page.getByLabel('Mensagem', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
  });
}

async function tap(page: Page, option: string | RegExp) {
  await submitted(page, () => lastReply(page).getByRole('button', { name: option }).click());
}

describe('the development Messenger page', () => {
  it('plays a citizen filing an Ouvidoria complaint with a photo through quick replies', async () => {
    const context = await newContext(browser, simulatorUrl);
    const page = await context.newPage();
    await page.goto('/dev/messenger');
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Simulador do Messenger');
    await expectNoAxeViolations(page);

    await submitted(page, () => page.getByRole('button', { name: 'Começar conversa' }).click());
    await eventually(() => thread(page).textContent()).toContain('Aqui é a Ouvidoria Digital');
    await tap(page, /1\. Ouvidoria/);
    await tap(page, /Reclamação/);
    await say(page, 'A calçada da Rua Curuzu está quebrada e um idoso caiu ontem.');
    await eventually(() => lastReply(page).textContent()).toContain('Quer enviar fotos');

    await page.getByText('Enviar foto ou PDF').click();
    const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 60, g: 60, b: 160 } } }).jpeg().toBuffer();
    await page.getByLabel('Arquivo').setInputFiles({ name: 'calcada.jpg', mimeType: 'image/jpeg', buffer: photo });
    await submitted(page, () => page.getByRole('button', { name: 'Enviar arquivo' }).click());
    await eventually(() => lastReply(page).textContent()).toContain('Recebi 1 arquivo.');
    await tap(page, 'Continuar');
    await tap(page, 'Identificada');
    await say(page, 'Joana Cidadã');
    await eventually(() => lastReply(page).textContent()).toContain('Informe um e-mail');
    await say(page, 'joana@cidadaos.example.org');
    await eventually(() => lastReply(page).textContent()).toContain('• Anexos: 1 arquivo');
    await expectNoAxeViolations(page);
    await tap(page, 'Confirmar');

    const receipt = thread(page).getByRole('article', { name: 'Mensagem da Prefeitura' }).filter({ hasText: 'Registramos' });
    await eventually(() => receipt.locator('strong').first().textContent()).toMatch(/^\d{4}-\d{6}-\d$/);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Instagram' }).click();
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Simulador do Instagram');
    await expectNoAxeViolations(page);
    await context.close();
  }, 600_000);

  it('is absent from a production build, and so is the development verify token', async (context) => {
    if (!sharedIsProduction) context.skip();
    expect((await fetch(`${sharedUrl}/dev/messenger`)).status).toBe(404);
    const handshake = await fetch(`${sharedUrl}/api/messenger/webhook?hub.mode=subscribe&hub.verify_token=dev-messenger-verify-token&hub.challenge=987`);
    expect(handshake.status).toBe(403);
  });
});
