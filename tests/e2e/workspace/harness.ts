import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import postgres from 'postgres';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { closeDb, postgresDatabase, setDatabase } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { seedDatabase } from '@/lib/db/seed';
import { withDatabase } from '../../setup/global-database';

/**
 * The workspace journeys' own harness (self-contained until it joins the shared one in tests/e2e):
 * a fresh PostgreSQL database (migrated, reference data and demo accounts), `next dev` on E2E_PORT
 * (3103) with a temporary DATA_DIR pointed at it, and Debian's Chromium. The test process opens the same
 * database, to set up demands and to play the citizen's side (status page and WhatsApp are other
 * features), and to check what the citizen would see.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const PORT = Number(process.env.E2E_PORT ?? 3103);
const START_TIMEOUT_MS = Number(process.env.E2E_START_TIMEOUT_MS ?? 600_000);

export type WorkspaceApp = { baseUrl: string; stop: () => Promise<void> };

export async function startWorkspaceApp(): Promise<WorkspaceApp> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('The workspace journeys need DATABASE_URL (a PostgreSQL server they may create a database on).');
  const name = `workspace_e2e_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(adminUrl, name);
  const { database, close } = postgresDatabase(url, { max: 5 });
  await migrateDatabase(database);
  await seedDatabase(database, { demoDemands: 0, demoAccounts: true });
  setDatabase(database, close);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workspace-e2e-'));
  const logFile = path.join(dataDir, 'server.log');
  const log = fs.openSync(logFile, 'a');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    AUTH_TRUST_HOST: 'true',
    NEXT_TELEMETRY_DISABLED: '1',
    // Vitest sets NODE_ENV=test, which `next dev` does not expect (it then builds into another folder).
    NODE_ENV: 'development',
  };
  delete env.PORT;
  const nextBin = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
  // Its own process group, so that stopping it stops Next's workers too.
  const child = spawn(process.execPath, [nextBin, 'dev', '--port', String(PORT)], { cwd: ROOT, env, stdio: ['ignore', log, log], detached: true });
  const baseUrl = `http://localhost:${PORT}`;
  const stop = async () => {
    await stopProcessGroup(child);
    fs.closeSync(log);
    await closeDb();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
    if (process.env.E2E_KEEP_DATA) console.info(`Server log kept in ${logFile}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(baseUrl, child);
    // Compile the workspace's pages once, before the journeys' timeouts start counting.
    for (const route of ['/painel', '/painel/registrar', '/painel/demandas/2000-000000-0']) {
      await fetch(`${baseUrl}${route}`, { redirect: 'manual', signal: AbortSignal.timeout(START_TIMEOUT_MS) });
    }
  } catch (error) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    await stop();
    throw new Error(`${(error as Error).message}\n--- server log ---\n${tail}`);
  }
  return { baseUrl, stop };
}

async function waitUntilServing(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next dev exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/auth/csrf`, { signal: AbortSignal.timeout(START_TIMEOUT_MS) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`next dev did not answer within ${START_TIMEOUT_MS} ms`);
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  const timeout = setTimeout(() => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  }, 10_000);
  await exited;
  clearTimeout(timeout);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Signs a context in through Auth.js's credentials endpoint, as the sign-in page's form would (the page
 * itself belongs to the accounts feature).
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

/** axe-core with the WCAG 2.1 A and AA rules; the violations, summarised, must be none. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
