import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';

/**
 * The browser tests' harness:
 * - `startApp()`: the app under test. With E2E_BASE_URL, that running app. Otherwise the standalone server
 *   that `npm run build` makes — what the production image runs (see `standaloneServer`) — or `next dev`
 *   with E2E_SERVER=dev, on a free port (or E2E_PORT) with a fresh temporary DATA_DIR: an embedded
 *   database migrated and seeded (with demo data) at start, nothing shared with a developer's own `.data`.
 * - `launchBrowser()`: Debian's Chromium (or CHROMIUM_PATH) through playwright-core.
 * - `expectNoAxeViolations(page)`: axe-core with the WCAG 2.1 A and AA rules.
 */

/** `logFile`: the server's stdout and stderr, for tests that check what it logged (absent for E2E_BASE_URL). */
export type RunningApp = { baseUrl: string; stop: () => Promise<void>; logFile?: string };

const ROOT = path.resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = Number(process.env.E2E_START_TIMEOUT_MS ?? 300_000);

/**
 * `databaseUrl`: serve from that PostgreSQL database instead of a fresh embedded one (the workspace journeys
 * share it with the test process, which sets up demands and checks what was written).
 */
export async function startApp(options: { databaseUrl?: string; port?: number } = {}): Promise<RunningApp> {
  const given = process.env.E2E_BASE_URL;
  if (given && !options.databaseUrl) return { baseUrl: given.replace(/\/$/, ''), stop: async () => {} };

  const mode = process.env.E2E_SERVER === 'dev' ? 'dev' : 'start';
  const port = options.port ?? (Number(process.env.E2E_PORT) || (await freePort()));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-e2e-'));
  const logFile = path.join(dataDir, 'server.log');
  const log = fs.openSync(logFile, 'a');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...productionConfigForTests(`http://localhost:${port}`),
    // What each command has on a server; vitest's own NODE_ENV=test would otherwise pass on to the app.
    NODE_ENV: mode === 'start' ? 'production' : 'development',
    DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  // Unless asked for, the suite's data lives in the embedded database: a DATABASE_URL left over from
  // `npm test` would point the app at an unseeded server.
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  delete env.PORT;
  delete env.HOSTNAME;

  const server =
    mode === 'dev'
      ? { args: [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'dev', '--port', String(port)], cwd: ROOT }
      : standaloneServer(dataDir, port, env);
  // Its own process group, so stopping it also stops the workers Next starts.
  const child = spawn(process.execPath, server.args, { cwd: server.cwd, env, stdio: ['ignore', log, log], detached: true });
  const baseUrl = `http://localhost:${port}`;
  const stop = async () => {
    await stopProcessGroup(child);
    fs.closeSync(log);
    if (process.env.E2E_KEEP_DATA) console.info(`E2E data and server log kept in ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(baseUrl, child);
  } catch (error) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    await stop();
    throw new Error(`${(error as Error).message}\n--- server log (last lines) ---\n${tail}`);
  }
  return { baseUrl, stop, logFile };
}

/**
 * The production server as the image holds it: `.next/standalone` (made by `npm run build`) copied into
 * `into/app`, outside the repository, so that a module the build left out fails here as it would in the
 * container instead of being found in the repository's node_modules. Returns the copy's folder.
 */
export function copyStandaloneBuild(into: string): string {
  const built = path.join(ROOT, '.next', 'standalone');
  if (!fs.existsSync(path.join(built, 'server.js'))) {
    throw new Error('No standalone build: run `npm run build` first, or set E2E_SERVER=dev, or E2E_BASE_URL=<running app>.');
  }
  const app = path.join(into, 'app');
  fs.cpSync(built, app, { recursive: true });
  return app;
}

/**
 * How to start that copy's `server.js` on `port`, listening on every address (IPv4 and IPv6, like
 * `next start`); sets PORT and HOSTNAME in `env`.
 */
export function standaloneServer(into: string, port: number, env: NodeJS.ProcessEnv): { args: string[]; cwd: string } {
  const app = copyStandaloneBuild(into);
  env.PORT = String(port);
  env.HOSTNAME = '::';
  return { args: [path.join(app, 'server.js')], cwd: app };
}

/**
 * What the production server requires before it serves (lib/startup/production-config.ts), for a test server:
 * fresh secrets, links on the server's own address, no real e-mail (kept in the development mailbox,
 * which the journeys read), the demo data the journeys sign in with, and no scheduled retention run.
 */
export function productionConfigForTests(appUrl: string): Record<string, string> {
  return {
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString('base64url'),
    STATUS_LINK_SECRET: randomBytes(32).toString('base64url'),
    AUTH_TRUST_HOST: 'true',
    APP_URL: appUrl,
    EMAIL_DELIVERY: 'off',
    RESEND_API_KEY: '',
    DEV_MAILBOX: 'on',
    DEMO_DATA: 'on',
    // A dry run on the encarregado's page arms the worker's daily real run, which would anonymise old demo
    // demands in the middle of other tests (and list a "Real" run the privacy test says is not there).
    RETENTION_WORKER: 'off',
  };
}

async function waitUntilServing(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited with code ${child.exitCode} before serving`);
    try {
      // The first page opens (and seeds) the database and, under `next dev`, compiles: it can take a while.
      const response = await fetch(baseUrl, { signal: AbortSignal.timeout(START_TIMEOUT_MS) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The app did not answer at ${baseUrl} within ${START_TIMEOUT_MS / 1000}s`);
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && child.exitCode === null && process.kill(-child.pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port'))));
    });
  });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Under `next dev` a route compiles on its first visit, and CI machines are small: waits are generous. */
const ACTION_TIMEOUT_MS = Number(process.env.E2E_ACTION_TIMEOUT_MS ?? 90_000);

/**
 * A fresh browser context (own cookies), pt-BR, in São Paulo, with the base URL set, whose pages report
 * every Content-Security-Policy violation (tests/e2e/csp-guard.ts fails the test that caused one).
 */
export async function newContext(browser: Browser, baseUrl: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo', ...options });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  await watchForCspViolations(context);
  return context;
}

const cspViolations: string[] = [];

/** The CSP violations seen since the last call (and forgets them). */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

/**
 * Chromium logs a blocked script, style or frame as a console error naming the Content Security Policy;
 * the `securitypolicyviolation` event (listened to in every frame, the dev mailbox's e-mail included)
 * reports the same with the directive. A context with JavaScript off reports through the console only.
 */
async function watchForCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`securitypolicyviolation: ${event.violatedDirective} blocked ${event.blockedURI || 'an inline resource'} on ${location.pathname}`);
    });
  });
  context.on('page', (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|securitypolicyviolation/.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`);
    });
  });
}

/** Visits pages once so that the tests do not pay for first compiles and caches. */
export async function warmUp(baseUrl: string, paths: string[], options: { redirect?: RequestRedirect; anyStatus?: boolean } = {}): Promise<void> {
  for (const path of paths) {
    const response = await fetch(`${baseUrl}${path}`, { redirect: options.redirect ?? 'follow', signal: AbortSignal.timeout(START_TIMEOUT_MS) });
    if (!options.anyStatus && response.status >= 400) throw new Error(`Warming up ${path} answered ${response.status}`);
  }
}

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe on the page. A page from a context with JavaScript turned off cannot run axe's script, so pass
 * `{ javaScriptDisabled: true }`: the rendered HTML, scripts removed, is audited in a scratch page instead.
 */
export async function expectNoAxeViolations(page: Page, label = page.url(), options: { javaScriptDisabled?: boolean; targetSize?: boolean } = {}): Promise<void> {
  const audited = options.javaScriptDisabled ? await scriptFreeCopy(page) : page;
  if (!options.javaScriptDisabled) {
    // After a client-side navigation (a server action's redirect), React puts the new page's <title> in
    // place a moment after the URL changes; every page has one, so wait for it before judging the page
    // (if it never comes, axe reports it).
    await page.waitForFunction(() => document.title.trim() !== '', undefined, { timeout: 5_000 }).catch(() => {});
  }
  try {
    await auditWithAxe(audited, label, options.targetSize ? [...WCAG_21_AA, 'wcag22aa'] : WCAG_21_AA);
  } finally {
    if (audited !== page) await audited.context().close();
  }
}

async function scriptFreeCopy(page: Page): Promise<Page> {
  const browser = page.context().browser();
  if (!browser) throw new Error('The page has no browser to open a scratch page in');
  const html = (await page.content())
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<head>/i, `<head><base href="${page.url()}">`);
  const copy = await (await browser.newContext({ locale: 'pt-BR' })).newPage();
  await copy.setContent(html, { waitUntil: 'load' });
  return copy;
}

/** `tags`: WCAG 2.1 AA, plus 2.2 AA (target-size: 24 × 24 px targets) where a test asks for it (phone pages). */
async function auditWithAxe(page: Page, label: string, tags: string[]): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(tags).analyze();
  if (!violations.length) return;
  const report = violations
    .map((violation) => {
      const targets = violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\n/g, ' ')}`).join('\n');
      return `- ${violation.id} (${violation.impact}): ${violation.help}\n${targets}`;
    })
    .join('\n');
  throw new Error(`axe found ${violations.length} WCAG 2.1 AA violation(s) on ${label}:\n${report}`);
}

/**
 * Signs a context in through Auth.js's credentials endpoint, as the sign-in page's form would (the
 * accounts journeys test the page itself).
 */
export async function signIn(context: BrowserContext, baseUrl: string, email: string): Promise<void> {
  const { csrfToken } = (await (await context.request.get(`${baseUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  const response = await context.request.post(`${baseUrl}/api/auth/callback/credentials`, {
    form: { csrfToken, email, password: 'demo12345', callbackUrl: `${baseUrl}/painel` },
    maxRedirects: 0,
  });
  const cookies = await context.cookies(baseUrl);
  if (!cookies.some((cookie) => cookie.name.includes('session-token'))) throw new Error(`Sign-in as ${email} failed (${response.status()})`);
}

/**
 * Opens the newest e-mail to `recipient` whose subject matches in the development mailbox (waiting for the
 * worker to deliver it) and returns the addresses its "Links desta mensagem" list shows.
 */
export async function openMailLinks(page: Page, recipient: string, subject: RegExp, timeoutMs = 60_000): Promise<string[]> {
  await page.goto(`/dev/caixa-de-entrada?para=${encodeURIComponent(recipient)}`);
  const deadline = Date.now() + timeoutMs;
  while ((await page.getByRole('link', { name: subject }).count()) === 0) {
    if (Date.now() > deadline) throw new Error(`No e-mail to ${recipient} matching ${subject} within ${timeoutMs} ms`);
    await page.waitForTimeout(1_000);
    await page.reload();
  }
  await page.getByRole('link', { name: subject }).first().click();
  await page.getByRole('heading', { level: 1, name: subject }).waitFor();
  const links = page.getByRole('region', { name: 'Links desta mensagem' }).getByRole('link');
  await links.first().waitFor();
  return links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
}

/** The demand page's composer tabs; every other action sits under its own summary in the action menu. */
const COMPOSER_TITLES = ['Resposta ao cidadão', 'Nota interna', 'Resposta conclusiva'];

/**
 * The form of one action on a staff demand page, ready to fill: a composer tab chosen (with JavaScript),
 * the composer's section of that name (without), or the action menu's entry opened.
 */
export async function openDemandAction(page: Page, title: string, options: { javaScript?: boolean } = {}): Promise<Locator> {
  if (COMPOSER_TITLES.includes(title)) {
    if (options.javaScript === false) return page.getByRole('region', { name: title, exact: true });
    await page.getByRole('tab', { name: title, exact: true }).click();
    return page.getByRole('tabpanel', { name: title, exact: true });
  }
  const panel = page.locator('details').filter({ has: page.locator('summary', { hasText: new RegExp(`^${title}$`) }) });
  if (!(await panel.evaluate((element) => (element as HTMLDetailsElement).open))) await panel.locator('summary').click();
  return panel;
}
