/**
 * Lighthouse's mobile audit (its default preset: a mid-range phone, simulated slow 4G and 4× CPU slowdown)
 * of the pages a citizen files and follows a demand on, against the production build, with Debian's
 * Chromium headless and no network beyond the app. Prints the performance and accessibility scores and
 * the metrics behind performance, and, for a score under its target, the audits that cost points.
 * Not part of CI (a run takes minutes); the README keeps the figures.
 *
 *   npm run build && npm run bench:lighthouse
 *
 * Starts the standalone server on a fresh embedded database with demo data, as the browser tests do
 * (tests/e2e/harness.ts), or audits E2E_BASE_URL when set. LIGHTHOUSE_RUNS (1) runs each page that many
 * times and prints the median; LIGHTHOUSE_PAGES=/path,/other audits those paths instead.
 */
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { Result } from 'lighthouse';
import { startApp, warmUp } from '../e2e/harness';

const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 1));
/** Where to keep each run's whole Lighthouse report (JSON), to read which element or script costs the points. */
const REPORT_DIR = process.env.LIGHTHOUSE_REPORT_DIR;
const TARGETS = { performance: 90, accessibility: 100 };

const PAGES: { label: string; path: string }[] = process.env.LIGHTHOUSE_PAGES
  ? process.env.LIGHTHOUSE_PAGES.split(',').map((path) => ({ label: path, path }))
  : [
      { label: 'Início', path: '/' },
      { label: 'Ouvidoria: formulário', path: '/ouvidoria/nova?tipo=reclamacao' },
      { label: 'Balcão: tapa-buraco', path: '/balcao/tapa-buraco' },
      { label: 'Acompanhar', path: '/acompanhar' },
    ];

/** The browser tests' flags (tests/e2e/harness.ts launchBrowser), headless: nothing reaches the network on its own. */
const CHROMIUM_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

type Audit = { performance: number; accessibility: number; fcp: number; lcp: number; tbt: number; cls: number; si: number; losses: string[] };

function auditOf(result: Result): Audit {
  const score = (id: string) => Math.round((result.categories[id]?.score ?? 0) * 100);
  const metric = (id: string) => result.audits[id]?.numericValue ?? Number.NaN;
  // What costs points: failed accessibility audits, and the performance opportunities and diagnostics.
  const losses = Object.values(result.categories)
    .flatMap((category) => category.auditRefs.filter((ref) => ref.weight > 0 || category.id === 'performance'))
    .map((ref) => result.audits[ref.id])
    .filter((audit): audit is NonNullable<typeof audit> => !!audit && audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'notApplicable')
    .map((audit) => `${audit.id}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    fcp: metric('first-contentful-paint'),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    si: metric('speed-index'),
    losses: [...new Set(losses)],
  };
}

function median(audits: Audit[]): Audit | undefined {
  const sorted = [...audits].sort((a, b) => a.performance - b.performance);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const app = await startApp();
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  try {
    await warmUp(app.baseUrl, PAGES.map((page) => page.path));
    chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', chromeFlags: CHROMIUM_FLAGS });
    console.log(`Lighthouse mobile, ${RUNS} run(s) per page, load average ${loadavg()[0]?.toFixed(1)} at start`);
    const rows: { label: string; path: string; audit: Audit }[] = [];
    for (const page of PAGES) {
      const audits: Audit[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const outcome = await lighthouse(`${app.baseUrl}${page.path}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
        });
        if (!outcome) throw new Error(`Lighthouse returned nothing for ${page.path}`);
        if (outcome.lhr.runtimeError) throw new Error(`Lighthouse failed on ${page.path}: ${outcome.lhr.runtimeError.message}`);
        audits.push(auditOf(outcome.lhr));
        if (REPORT_DIR) {
          const file = join(REPORT_DIR, `${page.path.replace(/[^a-z0-9]+/gi, '_') || 'home'}-${run + 1}.json`);
          await writeFile(file, typeof outcome.report === 'string' ? outcome.report : JSON.stringify(outcome.lhr));
          console.log(`report: ${file}`);
        }
      }
      const audit = median(audits);
      if (audit) rows.push({ ...page, audit });
    }
    console.log(`load average ${loadavg()[0]?.toFixed(1)} at end\n`);
    console.log('| page | performance | accessibility | FCP | LCP | TBT | CLS | Speed Index |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const { label, path, audit } of rows) {
      const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      console.log(`| ${label} (\`${path}\`) | ${audit.performance} | ${audit.accessibility} | ${seconds(audit.fcp)} | ${seconds(audit.lcp)} | ${Math.round(audit.tbt)} ms | ${audit.cls.toFixed(3)} | ${seconds(audit.si)} |`);
    }
    for (const { path, audit } of rows) {
      if (audit.performance < TARGETS.performance || audit.accessibility < TARGETS.accessibility) {
        console.log(`\n${path}: performance ${audit.performance} (target ${TARGETS.performance}), accessibility ${audit.accessibility} (target ${TARGETS.accessibility}); audits that cost points:\n  ${audit.losses.join('\n  ') || '(none listed)'}`);
      }
    }
  } finally {
    await chrome?.kill();
    await app.stop();
  }
}

await main();
