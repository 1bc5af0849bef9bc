import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The development WhatsApp page, in Chromium: a citizen's whole Balcão request played from the page —
 * typed numbers, tapped buttons and list rows, a photo, a shared location — with axe on the way.
 * Uses E2E_BASE_URL when set; otherwise starts `next dev -p 3105` on an empty scratch DATA_DIR.
 */

const PORT = Number(process.env.WHATSAPP_E2E_PORT ?? 3105);
let baseUrl = process.env.E2E_BASE_URL ?? `http://localhost:${PORT}`;
let server: ChildProcess | undefined;
let dataDir: string | undefined;
let browser: Browser;

async function waitForApp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      // The first request compiles the page and seeds the embedded database; it can take minutes.
      const response = await fetch(url, { signal: AbortSignal.timeout(240_000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`${url} did not answer in time`);
}

beforeAll(async () => {
  if (!process.env.E2E_BASE_URL) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-whatsapp-e2e-'));
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1' };
    for (const key of ['DATABASE_URL', 'WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID']) delete env[key];
    server = spawn('npx', ['next', 'dev', '-p', String(PORT)], { env, stdio: 'ignore', detached: true });
    baseUrl = `http://localhost:${PORT}`;
  }
  await waitForApp(`${baseUrl}/dev/whatsapp`, 540_000);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  if (server?.pid) {
    // The dev server runs as its own process group (npx → next → workers): stop all of it.
    process.kill(-server.pid, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const thread = (page: Page) => page.getByRole('list', { name: 'Mensagens da conversa' });
const citizenMessages = (page: Page) => thread(page).getByRole('article', { name: 'Mensagem do cidadão' });
const lastReply = (page: Page) => thread(page).getByRole('article', { name: 'Mensagem da Prefeitura' }).last();

/** The dev server answers slowly while it compiles; every wait is generous. */
const eventually = <T,>(read: () => Promise<T>) => expect.poll(read, { timeout: 90_000, interval: 250 });

/** Submits one of the page's forms and waits until the conversation shows the citizen's new message. */
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

describe('the development WhatsApp page', () => {
  it('plays a citizen filing a Balcão request with a photo and a shared location', async () => {
    const context = await browser.newContext({ locale: 'pt-BR' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/dev/whatsapp`);
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Simulador do WhatsApp');
    await expectNoAxeViolations(page);

    await submitted(page, async () => {
      await page.getByLabel('Nome no perfil').fill('Joana Cidadã');
      // A new number each run: a reused server still holds earlier conversations.
      await page.getByLabel('Celular (com DDD)').fill(`(14) 99${String(Date.now()).slice(-7)}`);
      await page.getByLabel('Primeira mensagem').fill('Oi');
      await page.getByRole('button', { name: 'Começar conversa' }).click();
    });
    await eventually(() => thread(page).textContent()).toContain('Olá, Joana!');
    await expectNoAxeViolations(page);

    await tap(page, /2\. Balcão da Cidadania/);
    await eventually(() => lastReply(page).textContent()).toContain('Qual serviço você quer pedir?');
    // Paging through the list until the service shows, as on a phone.
    for (let i = 0; i < 3 && !(await lastReply(page).getByRole('button', { name: /Tapa-buraco/ }).count()); i++) {
      await tap(page, 'Mais opções ›');
    }
    await tap(page, /Tapa-buraco/);
    await eventually(() => lastReply(page).textContent()).toContain('Ponto de referência');
    await tap(page, 'Pular');
    await say(page, 'Buraco fundo no asfalto, perto do ponto de ônibus.');
    await eventually(() => lastReply(page).textContent()).toContain('Quer enviar fotos');

    await page.getByText('Enviar foto ou PDF').click();
    const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 120, g: 80, b: 40 } } }).jpeg().toBuffer();
    await page.getByLabel('Arquivo').setInputFiles({ name: 'buraco.jpg', mimeType: 'image/jpeg', buffer: photo });
    await submitted(page, () => page.getByRole('button', { name: 'Enviar arquivo' }).click());
    await eventually(() => lastReply(page).textContent()).toContain('Recebi 1 arquivo.');
    await tap(page, 'Continuar');

    await page.getByText('Compartilhar localização').click();
    await submitted(page, () => page.getByRole('button', { name: 'Enviar localização' }).click());
    await eventually(() => lastReply(page).textContent()).toContain('Em qual bairro?');
    await say(page, 'centro');
    await tap(page, 'Identificada');
    await tap(page, 'Usar este nome');
    await eventually(() => lastReply(page).textContent()).toContain('• Anexos: 1 arquivo');
    await expectNoAxeViolations(page);
    await tap(page, 'Confirmar');

    await eventually(() => thread(page).textContent()).toMatch(/Protocolo: \*\d{4}-\d{6}-\d\*/);
    const text = (await thread(page).textContent()) ?? '';
    const protocol = text.match(/Protocolo: \*(\d{4}-\d{6}-\d)\*/)?.[1] ?? '';

    // Following it right away, by typing the number.
    await say(page, protocol);
    await eventually(() => thread(page).textContent()).toContain(`Protocolo *${protocol}* — Balcão da Cidadania`);
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('answers the webhook handshake with the development verify token', async () => {
    const response = await fetch(`${baseUrl}/api/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=dev-whatsapp-verify-token&hub.challenge=987`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('987');
  });
});
