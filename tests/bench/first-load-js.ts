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
 * (tests/e2e/harness.ts), or measures E2E_BASE_URL when set. JS_BUDGET_KB changes the budget (120);
 * JS_DETAIL=1 also lists each page's scripts with their gzipped size.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, Response } from 'playwright-core';
import { launchBrowser, startApp, warmUp } from '../e2e/harness';
import { PUBLIC_PAGES } from './public-pages';

const BUDGET_KB = Number(process.env.JS_BUDGET_KB ?? 120);


const kB = (bytes: number) => (bytes / 1000).toFixed(1);

type PageFigures = { label: string; path: string; status: number; scripts: number; rawBytes: number; gzipBytes: number };

async function measure(browser: Browser, baseUrl: string, page: { label: string; path: string }): Promise<PageFigures> {
  // A phone's viewport, as Lighthouse's mobile preset and the issue's citizen use.
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'pt-BR', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  // Generous: the machine may be busy, and only the bytes are measured, not the time.
  context.setDefaultTimeout(180_000);
  const tab = await context.newPage();
  const scripts = new Map<string, Promise<Buffer | null>>();
  tab.on('response', (response: Response) => {
    if (response.request().resourceType() !== 'script' || scripts.has(response.url())) return;
    scripts.set(response.url(), response.body().catch(() => null));
  });
  const response = await tab.goto(page.path, { waitUntil: 'load' });
  await tab.waitForLoadState('networkidle');
  // A chunk asked for after hydration (the map page's Leaflet) may start after the first quiet moment.
  await tab.waitForTimeout(2_000);
  await tab.waitForLoadState('networkidle');
  const loaded = await Promise.all([...scripts].map(async ([url, body]) => ({ url, body: await body })));
  const bodies = loaded.flatMap((script) => (script.body ? [script.body] : []));
  await context.close();
  if (process.env.JS_DETAIL) {
    for (const script of loaded) console.log(`${page.path}\t${script.body ? kB(gzipSync(script.body, { level: 6 }).length) : '?'} kB\t${new URL(script.url).pathname}`);
  }
  return {
    ...page,
    status: response?.status() ?? 0,
    scripts: bodies.length,
    rawBytes: bodies.reduce((sum, body) => sum + body.length, 0),
    gzipBytes: bodies.reduce((sum, body) => sum + gzipSync(body, { level: 6 }).length, 0),
  };
}

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
  // The first pages wait for the new database's seed; then only bytes are measured.
  await warmUp(app.baseUrl, PUBLIC_PAGES.map((page) => page.path)).catch(async (error: unknown) => {
    await app.stop();
    throw error;
  });
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
