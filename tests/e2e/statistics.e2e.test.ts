import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The statistics dashboard and the transparency panel in a real browser, against `next dev` on a fresh
 * embedded database (migrated and loaded with the demo data on first start). Staff sign in through
 * Auth.js's credentials callback, as the sign-in page's form does.
 */

const PORT = Number(process.env.E2E_STATS_PORT ?? 3106);
const BASE = `http://localhost:${PORT}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-stats-e2e-'));
let server: ChildProcess;
let browser: Browser;

async function waitForServer() {
  for (let i = 0; i < 600; i++) {
    try {
      const response = await fetch(`${BASE}/transparencia/dados-abertos`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('next dev did not answer in 10 minutes');
}

beforeAll(async () => {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  server = spawn('npx', ['next', 'dev', '-p', String(PORT)], {
    env: { ...env, DATA_DIR: dataDir, AUTH_SECRET: 'e2e-stats-secret', AUTH_TRUST_HOST: 'true', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  await waitForServer();
  // next dev compiles each route on its first request: do it here, not inside a test's timeout.
  for (const route of ['/transparencia', '/painel/estatisticas', '/api/auth/csrf', '/transparencia/csv/secretarias', '/painel/estatisticas/csv/canais', '/transparencia/dados-abertos/manifestacoes.csv?ano=1999']) {
    await fetch(`${BASE}${route}`, { redirect: 'manual' }).then((r) => r.arrayBuffer());
  }
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  context.setDefaultTimeout(120_000);
  return context;
}

async function signIn(context: BrowserContext, email: string) {
  const { csrfToken } = (await (await context.request.get(`${BASE}/api/auth/csrf`)).json()) as { csrfToken: string };
  const response = await context.request.post(`${BASE}/api/auth/callback/credentials`, {
    form: { csrfToken, email, password: 'demo12345', callbackUrl: `${BASE}/painel/estatisticas` },
  });
  expect(response.ok()).toBe(true);
  const cookies = await context.cookies();
  expect(cookies.some((c) => c.name.includes('session-token'))).toBe(true);
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function downloadCsv(page: Page, linkName: RegExp): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
  const file = await download.path();
  return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}

describe('transparency panel', () => {
  it('shows the indicators per month and per secretaria to anyone, accessibly, with CSV downloads', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${BASE}/transparencia`);
    await expect(page.getByRole('heading', { level: 1, name: 'Transparência' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: 'Ranking das secretarias por reclamações recebidas' }).isVisible()).resolves.toBe(true);
    const monthly = page.getByRole('table', { name: 'Indicadores por mês' });
    expect(await monthly.getByRole('row').count()).toBeGreaterThan(1);
    await expectNoAxeViolations(page);

    const csv = await downloadCsv(page, /Baixar CSV de Indicadores por secretaria/);
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    expect(header?.split(';').slice(0, 3)).toEqual(['Secretaria', 'Recebidas', 'Respondidas']);
    expect(rows.length).toBeGreaterThan(3);

    await page.goto(`${BASE}/transparencia/dados-abertos`);
    await expectNoAxeViolations(page);
    const openData = await downloadCsv(page, /^CSV de todos os anos$/);
    expect(openData.split('\r\n')[0]).toContain('protocolo;servico;tipo');
    expect(openData).not.toMatch(/@/);
    await context.close();
  });
});

describe('statistics dashboard', () => {
  it('sends a visitor who is not signed in to the sign-in page', async () => {
    const response = await fetch(`${BASE}/painel/estatisticas`, { redirect: 'manual' });
    expect([302, 303, 307, 308]).toContain(response.status);
    expect(response.headers.get('location')).toContain('/entrar');
    expect((await fetch(`${BASE}/painel/estatisticas/csv/indicadores`)).status).toBe(401);
  });

  it('shows a manager every indicator, linked to the demands behind it, filters without JavaScript and exports CSV', async () => {
    const context = await newContext();
    await signIn(context, 'gestor@demo.gov.br');
    const page = await context.newPage();
    await page.goto(`${BASE}/painel/estatisticas`);
    await expect(page.getByRole('heading', { level: 1, name: 'Estatísticas' }).isVisible()).resolves.toBe(true);
    for (const title of ['Pendentes agora, por secretaria', 'Respostas no prazo e com atraso', 'Canais de entrada', 'Assuntos recorrentes (serviço ou assunto no mesmo bairro)']) {
      await expect(page.getByRole('heading', { name: title }).isVisible()).resolves.toBe(true);
    }
    const received = page.getByRole('table', { name: 'Indicadores do período' }).getByRole('row', { name: /Manifestações recebidas/ }).getByRole('link');
    expect(await received.getAttribute('href')).toMatch(/^\/painel\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    const overdue = page.getByRole('table', { name: 'Pendentes agora, por secretaria' }).getByRole('row', { name: /^Total/ }).getByRole('link').nth(1);
    expect(await overdue.getAttribute('href')).toBe('/painel?overdue=1');
    await expectNoAxeViolations(page);

    await page.getByLabel('Canal').selectOption('whatsapp');
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.waitForURL(/channel=whatsapp/);
    const channels = page.getByRole('table', { name: 'Canais de entrada' });
    expect(await channels.getByRole('row').count()).toBe(2);

    const csv = await downloadCsv(page, /Baixar CSV de Canais de entrada/);
    expect(csv.trimEnd().split('\r\n')).toEqual([expect.stringMatching(/^Canal;Recebidas;% do total$/), expect.stringMatching(/^WhatsApp;\d+;/)]);
    await context.close();
  });

  it('shows a department user only their own departments', async () => {
    const context = await newContext();
    await signIn(context, 'infraestrutura@demo.gov.br');
    const page = await context.newPage();
    await page.goto(`${BASE}/painel/estatisticas`);
    const departments = page.getByRole('table', { name: 'Indicadores por secretaria' }).getByRole('rowheader');
    expect(await departments.allTextContents()).toEqual(['Secretaria Municipal de Infraestrutura']);
    await context.close();
  });
});
