/**
 * How much JavaScript each public page makes a citizen's phone download on its first visit: every page is
 * opened in Debian's Chromium (a fresh context, so an empty cache) against the production build, and
 * every script the page loads until the network is quiet is summed — the HTML's own chunks and the ones
 * loaded after hydration (a map's Leaflet, a lazy form part). Sizes are each script's body gzipped at
 * level 6 (what Next's server and most proxies send), so the figure does not depend on the server's
 * compression settings; 1 kB = 1,000 bytes. Exits with 1 when a page is over the budget.
 *
 *   npm run build && npm run bench:js
 *
 * Starts the standalone server on a fresh embedded database with demo data, as the browser tests do
 * (tests/e2e/harness.ts), or measures E2E_BASE_URL when set. JS_BUDGET_KB changes the budget (120).
 */
import { gzipSync } from 'node:zlib';
import type { Browser, Response } from 'playwright-core';
import { launchBrowser, startApp } from '../e2e/harness';

const BUDGET_KB = Number(process.env.JS_BUDGET_KB ?? 120);

/** The public pages, as a citizen reaches them (the Balcão form with a map, the Ouvidoria form as the home links it). */
export const PUBLIC_PAGES: { label: string; path: string }[] = [
  { label: 'Início', path: '/' },
  { label: 'Ouvidoria', path: '/ouvidoria' },
  { label: 'Ouvidoria: formulário', path: '/ouvidoria/nova?tipo=reclamacao' },
  { label: 'Ouvidoria: denúncia', path: '/ouvidoria/nova?tipo=denuncia' },
  { label: 'Balcão', path: '/balcao' },
  { label: 'Balcão: tapa-buraco', path: '/balcao/tapa-buraco' },
  { label: 'Acompanhar', path: '/acompanhar' },
  { label: 'Entrar', path: '/entrar' },
  { label: 'Cadastro', path: '/cadastro' },
  { label: 'Carta de Serviços', path: '/carta-de-servicos' },
  { label: 'Transparência', path: '/transparencia' },
  { label: 'Dados abertos', path: '/transparencia/dados-abertos' },
  { label: 'Mapa', path: '/mapa' },
  { label: 'Privacidade', path: '/privacidade' },
  { label: 'Desenvolvedores', path: '/desenvolvedores' },
];

type PageFigures = { label: string; path: string; status: number; scripts: number; rawBytes: number; gzipBytes: number };

async function measure(browser: Browser, baseUrl: string, page: { label: string; path: string }): Promise<PageFigures> {
  // A phone's viewport, as Lighthouse's mobile preset and the issue's citizen use.
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'pt-BR', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const tab = await context.newPage();
  const scripts = new Map<string, Promise<Buffer | null>>();
  tab.on('response', (response: Response) => {
    if (response.request().resourceType() !== 'script' || scripts.has(response.url())) return;
    scripts.set(response.url(), response.body().catch(() => null));
  });
  const response = await tab.goto(page.path, { waitUntil: 'load' });
  await tab.waitForLoadState('networkidle');
  const bodies = (await Promise.all(scripts.values())).filter((body): body is Buffer => body !== null);
  await context.close();
  return {
    ...page,
    status: response?.status() ?? 0,
    scripts: bodies.length,
    rawBytes: bodies.reduce((sum, body) => sum + body.length, 0),
    gzipBytes: bodies.reduce((sum, body) => sum + gzipSync(body, { level: 6 }).length, 0),
  };
}

const kB = (bytes: number) => (bytes / 1000).toFixed(1);

function printTable(rows: PageFigures[]): void {
  const header = ['page', 'path', 'HTTP', 'scripts', 'raw kB', 'gzip kB', `≤ ${BUDGET_KB} kB`];
  const lines = rows.map((row) => [
    row.label,
    row.path,
    String(row.status),
    String(row.scripts),
    kB(row.rawBytes),
    kB(row.gzipBytes),
    row.gzipBytes <= BUDGET_KB * 1000 ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)));
  const format = (cells: string[]) => `| ${cells.map((cell, column) => (column >= 2 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join(' | ')} |`;
  console.log(format(header));
  console.log(`|${widths.map((width, column) => (column >= 2 ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`);
  for (const line of lines) console.log(format(line));
}

async function main() {
  const app = await startApp();
  const browser = await launchBrowser();
  try {
    const rows: PageFigures[] = [];
    for (const page of PUBLIC_PAGES) rows.push(await measure(browser, app.baseUrl, page));
    printTable(rows);
    const over = rows.filter((row) => row.gzipBytes > BUDGET_KB * 1000 || row.status >= 400);
    if (over.length) {
      console.error(`\nOVER BUDGET or failed: ${over.map((row) => `${row.path} (${kB(row.gzipBytes)} kB, HTTP ${row.status})`).join(', ')}`);
      process.exitCode = 1;
    } else {
      console.log(`\nEvery public page loads at most ${BUDGET_KB} kB of JavaScript (gzip).`);
    }
  } finally {
    await browser.close();
    await app.stop();
  }
}

await main();
