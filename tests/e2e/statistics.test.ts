import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext as harnessContext, warmUp } from './harness';

/**
 * The statistics dashboard and the transparency panel in a real browser, against the suite's app (a fresh
 * embedded database loaded with the demo data on first start). Staff sign in through Auth.js's
 * credentials callback, as the sign-in page's form does.
 */

const BASE = inject('e2eBaseUrl');
let browser: Browser;

beforeAll(async () => {
  // Under `next dev` each route compiles on its first request: do it here, not inside a test's timeout.
  await warmUp(BASE, ['/transparencia', '/painel/estatisticas', '/api/auth/csrf', '/transparencia/csv/secretarias', '/painel/estatisticas/csv/canais', '/transparencia/dados-abertos/manifestacoes.csv?ano=1999'], {
    redirect: 'manual',
    anyStatus: true,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const newContext = (): Promise<BrowserContext> => harnessContext(browser, BASE);

async function signIn(context: BrowserContext, email: string) {
  const { csrfToken } = (await (await context.request.get(`${BASE}/api/auth/csrf`)).json()) as { csrfToken: string };
  const response = await context.request.post(`${BASE}/api/auth/callback/credentials`, {
    form: { csrfToken, email, password: 'demo12345', callbackUrl: `${BASE}/painel/estatisticas` },
  });
  expect(response.ok()).toBe(true);
  const cookies = await context.cookies();
  expect(cookies.some((c) => c.name.includes('session-token'))).toBe(true);
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
    // The CSV too: the proxy sends the visitor to sign in (the route's own guard answers 401 behind it).
    const csv = await fetch(`${BASE}/painel/estatisticas/csv/indicadores`, { redirect: 'manual' });
    expect(csv.headers.get('location')).toContain('/entrar?callbackUrl=%2Fpainel%2Festatisticas%2Fcsv%2Findicadores');
  });

  it('shows a manager every indicator, linked to the demands behind it, filters without JavaScript and exports CSV', async () => {
    const context = await newContext();
    await signIn(context, 'gestor@demo.example.org');
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
    await signIn(context, 'infraestrutura@demo.example.org');
    const page = await context.newPage();
    await page.goto(`${BASE}/painel/estatisticas`);
    const departments = page.getByRole('table', { name: 'Indicadores por secretaria' }).getByRole('rowheader');
    expect(await departments.allTextContents()).toEqual(['Secretaria Municipal de Infraestrutura']);
    await context.close();
  });
});
