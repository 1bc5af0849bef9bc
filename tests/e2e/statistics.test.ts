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
  await warmUp(BASE, ['/transparencia', '/painel/estatisticas', '/painel/estatisticas/tabelas', '/api/auth/csrf', '/transparencia/csv/secretarias', '/painel/estatisticas/csv/canais', '/transparencia/dados-abertos/manifestacoes.csv?ano=1999'], {
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

  it('opens on the key figures and SVG charts with text alternatives, filters without JavaScript, keeps every table one click away and exports CSV', async () => {
    const context = await harnessContext(browser, BASE, { viewport: { width: 1366, height: 900 } });
    await signIn(context, 'gestor@demo.example.org');
    const page = await context.newPage();
    await page.goto(`${BASE}/painel/estatisticas`);
    await expect(page.getByRole('heading', { level: 1, name: 'Estatísticas' }).isVisible()).resolves.toBe(true);
    // The key figures fill the first screen, each compared with the previous period.
    const figures = page.getByRole('region', { name: 'Números do período' });
    for (const label of ['Manifestações recebidas', 'Problemas distintos', 'Respondidas no prazo', 'Em atraso agora', 'Mediana até a resposta', 'Satisfação média (1 a 5)']) {
      await expect(figures.getByText(label, { exact: true }).isVisible()).resolves.toBe(true);
    }
    expect(await figures.getByText(/antes: /).count()).toBeGreaterThanOrEqual(3);
    const box = await page.locator('[data-figure="satisfaction"]').boundingBox();
    expect((box?.y ?? 9999) + (box?.height ?? 0)).toBeLessThanOrEqual(900);
    const received = figures.getByRole('link').first();
    expect(await received.getAttribute('href')).toMatch(/^\/painel\?fila=todas&de=\d{4}-\d{2}-\d{2}&ate=\d{4}-\d{2}-\d{2}$/);
    expect(await page.locator('[data-figure="overdue"] a').getAttribute('href')).toBe('/painel?fila=atrasadas');
    // Charts: SVG drawn on the server, each with a caption that says what it shows and its table a click away.
    for (const title of ['Manifestações recebidas por mês', 'Manifestações por secretaria', 'Serviços e assuntos mais demandados', 'Canais de entrada', 'Bairros com mais pedidos', 'Manifestações por prioridade']) {
      const chart = page.getByRole('figure', { name: title });
      await expect(chart.locator('svg').first().isVisible()).resolves.toBe(true);
      expect(await chart.locator('figcaption p').textContent()).toMatch(/maior/);
    }
    expect(await page.getByRole('img', { name: /^Manifestações recebidas por mês: / }).count()).toBe(1);
    // Per secretaria: share on time, the worst overdue (a manager may open it) and the trend in words.
    const compliance = page.getByRole('table', { name: 'Prazo legal por secretaria' });
    expect(await compliance.getByRole('row').count()).toBeGreaterThan(2);
    expect(await compliance.getByRole('img', { name: /^No prazo por mês: / }).count()).toBeGreaterThan(1);
    await expectNoAxeViolations(page);

    await page.getByText('Mudar o período e os filtros').click();
    expect(await page.getByLabel('Prioridade').locator('option').allTextContents()).toEqual([
      'Todas as prioridades',
      'Normal',
      'Alta',
      'Pessoa idosa',
      'Pessoa idosa 80+',
      'Prioridade legal (Lei 10.048)',
    ]);
    await page.getByLabel('Canal').selectOption('whatsapp');
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.waitForURL(/channel=whatsapp/);
    const channels = page.getByRole('figure', { name: 'Canais de entrada' });
    expect(await channels.getByRole('listitem').count()).toBe(1);

    await page.getByRole('link', { name: 'Tabela completa de Canais de entrada' }).click();
    await page.waitForURL(/\/painel\/estatisticas\/tabelas\?.*channel=whatsapp/);
    for (const title of ['Pendentes agora, por secretaria', 'Respostas no prazo e com atraso', 'Canais de entrada', 'Indicadores por prioridade', 'Indicadores por etiqueta', 'Assuntos recorrentes (serviço ou assunto no mesmo bairro)']) {
      await expect(page.getByRole('heading', { name: title }).isVisible()).resolves.toBe(true);
    }
    // The demo data has no etiquetas: the table says so, and how it counts.
    const tagged = page.getByRole('region', { name: 'Indicadores por etiqueta' });
    await expect(tagged.getByText('Uma manifestação com duas etiquetas conta nas duas', { exact: false }).isVisible()).resolves.toBe(true);
    await expect(tagged.getByText('Nenhuma manifestação com etiqueta no período e filtros escolhidos.').isVisible()).resolves.toBe(true);
    expect(await page.getByRole('table', { name: 'Canais de entrada' }).getByRole('row').count()).toBe(2);
    await expectNoAxeViolations(page);
    const csv = await downloadCsv(page, /Baixar CSV de Canais de entrada/);
    expect(csv.trimEnd().split('\r\n')).toEqual([expect.stringMatching(/^Canal;Recebidas;% do total;Problemas distintos$/), expect.stringMatching(/^WhatsApp;\d+;[^;]+;\d+$/)]);
    // A number opens the queue of the demands behind it, with the same filters set in the queue's form.
    await page.getByRole('table', { name: 'Canais de entrada' }).getByRole('link').first().click();
    await page.waitForURL(/\/painel\?fila=todas&de=.*canal=whatsapp/);
    expect(await page.getByLabel('Canal').inputValue()).toBe('whatsapp');
    expect(await page.getByLabel('Registrada de').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.getByRole('table', { name: /^Todas — página 1/ }).getByRole('row').count()).toBeGreaterThan(1);
    await context.close();
  });

  it('shows a department user only their own departments', async () => {
    const context = await newContext();
    await signIn(context, 'infraestrutura@demo.example.org');
    const page = await context.newPage();
    await page.goto(`${BASE}/painel/estatisticas`);
    const compliance = page.getByRole('table', { name: 'Prazo legal por secretaria' }).getByRole('rowheader');
    expect(await compliance.allTextContents()).toEqual(['Secretaria Municipal de Infraestrutura']);
    await page.goto(`${BASE}/painel/estatisticas/tabelas`);
    const departments = page.getByRole('table', { name: 'Indicadores por secretaria' }).getByRole('rowheader');
    expect(await departments.allTextContents()).toEqual(['Secretaria Municipal de Infraestrutura']);
    await context.close();
  });
});
