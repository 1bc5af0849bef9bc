import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyStandaloneBuild, expectNoAxeViolations, freePort, launchBrowser, newContext, productionConfigForTests, standaloneServer } from './harness';

/**
 * The production server on a fresh data folder, as a city's IT team would start it. It came up without a
 * session secret (pages served, filings taken, sign-in answering 500), with `admin@demo.gov.br / demo12345`
 * and 300 fake demands in the open data, and a second server on the same folder reported "Ready" and
 * answered 500. Each server here is a copy of the standalone build (what the image runs, tests/e2e/harness.ts),
 * with its own data folder.
 */

const run = promisify(execFile);

type Server = { child: ChildProcess; output: () => string; exited: Promise<number | null>; baseUrl: string };

const folders: string[] = [];
const servers: Server[] = [];
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map(stop));
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function dataFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-e2e-production-'));
  folders.push(folder);
  return folder;
}

/**
 * The environment of the suite without anything production asks for, nor demo data. NODE_ENV is what
 * the server has in production (vitest's own "test" would otherwise pass on to it).
 */
function bareEnvironment(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1', AUTH_TRUST_HOST: 'true' };
  for (const name of ['DATABASE_URL', 'AUTH_SECRET', 'AUTH_URL', 'APP_URL', 'STATUS_LINK_SECRET', 'RESEND_API_KEY', 'EMAIL_DELIVERY', 'DEMO_DATA', 'DEMO_ACCOUNTS', 'DEV_MAILBOX', 'PORT', 'HOSTNAME']) {
    delete env[name];
  }
  return env;
}

/** A complete production configuration, without demo data. */
function productionEnvironment(dataDir: string, baseUrl: string): NodeJS.ProcessEnv {
  const { DEMO_DATA: _demo, DEV_MAILBOX: _mailbox, ...config } = productionConfigForTests(baseUrl);
  return { ...bareEnvironment(dataDir), ...config };
}

function startServer(env: NodeJS.ProcessEnv, port: number): Server {
  let output = '';
  const { args, cwd } = standaloneServer(dataFolder(), port, env);
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const server = { child, output: () => output, exited, baseUrl: `http://localhost:${port}` };
  servers.push(server);
  return server;
}

async function stop(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null || !server.child.pid) return;
  process.kill(-server.child.pid, 'SIGTERM');
  const timer = setTimeout(() => server.child.pid && server.child.exitCode === null && process.kill(-server.child.pid, 'SIGKILL'), 10_000);
  await server.exited;
  clearTimeout(timer);
}

/** The exit code, or 'serving' if the server answered a page first. */
async function exitOrServe(server: Server, timeoutMs = 120_000): Promise<number | null | 'serving'> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const exited = await Promise.race([server.exited, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 500))]);
    if (exited !== 'running') return exited;
    try {
      const response = await fetch(`${server.baseUrl}/`, { signal: AbortSignal.timeout(30_000) });
      if (response.ok) return 'serving';
    } catch {
      // Not listening yet, or stopped while answering.
    }
  }
  throw new Error(`Neither exited nor served within ${timeoutMs / 1000}s:\n${server.output()}`);
}

async function signsIn(baseUrl: string, email: string, password: string): Promise<boolean> {
  const context = await newContext(browser, baseUrl);
  try {
    const { csrfToken } = (await (await context.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    await context.request.post('/api/auth/callback/credentials', { form: { csrfToken, email, password, callbackUrl: `${baseUrl}/painel` }, maxRedirects: 0 });
    return (await context.cookies(baseUrl)).some((cookie) => cookie.name.includes('session-token'));
  } finally {
    await context.close();
  }
}

describe('the production server', () => {
  it('refuses to start without AUTH_SECRET, APP_URL, STATUS_LINK_SECRET and an e-mail transport, naming each', async () => {
    const server = startServer(bareEnvironment(dataFolder()), await freePort());
    expect(await exitOrServe(server)).toBe(1);
    for (const variable of ['AUTH_SECRET', 'APP_URL', 'STATUS_LINK_SECRET', 'RESEND_API_KEY', 'EMAIL_DELIVERY=off']) {
      expect(server.output()).toContain(variable);
    }
  });

  it('refuses a STATUS_LINK_SECRET that is the AUTH_SECRET', async () => {
    const port = await freePort();
    const env = productionEnvironment(dataFolder(), `http://localhost:${port}`);
    const server = startServer({ ...env, STATUS_LINK_SECRET: env.AUTH_SECRET }, port);
    expect(await exitOrServe(server)).toBe(1);
    expect(server.output()).toContain('STATUS_LINK_SECRET: precisa ser diferente de AUTH_SECRET');
  });

  it('starts with no demo account and no demo demand; a second server on its data folder exits with the lock error', async () => {
    const dataDir = dataFolder();
    const port = await freePort();
    const first = startServer(productionEnvironment(dataDir, `http://localhost:${port}`), port);
    expect(await exitOrServe(first)).toBe('serving');

    expect(await signsIn(first.baseUrl, 'admin@demo.example.org', 'demo12345')).toBe(false);
    expect(await signsIn(first.baseUrl, 'admin@demo.gov.br', 'demo12345')).toBe(false);
    const openData = await fetch(`${first.baseUrl}/transparencia/dados-abertos/manifestacoes.json`);
    expect(await openData.json()).toEqual([]);

    const secondPort = await freePort();
    const second = startServer(productionEnvironment(dataDir, `http://localhost:${secondPort}`), secondPort);
    expect(await exitOrServe(second)).toBe(1);
    expect(second.output()).toContain('está em uso por outro processo');
    expect((await fetch(`${first.baseUrl}/`)).status).toBe(200);
    await stop(first);
  });

  it('gets its first administrator from the admin:create command: a one-time link, a page without JavaScript, the e-mail warning', async () => {
    const dataDir = dataFolder();
    const port = await freePort();
    const env = productionEnvironment(dataDir, `http://localhost:${port}`);
    // The command as the image runs it (bundled by npm run build), from a copy of the standalone folder.
    const image = copyStandaloneBuild(dataFolder());
    const command = [path.join(image, 'scripts', 'admin-create.mjs'), '--email', 'ti@prefeitura.example.org', '--name', 'Equipe de TI'];
    const created = await run(process.execPath, command, { cwd: image, env });
    const link = created.stdout.match(/http:\/\/\S+/)?.[0] ?? '';
    expect(link.startsWith(`http://localhost:${port}/definir-senha/`)).toBe(true);

    const server = startServer(env, port);
    expect(await exitOrServe(server)).toBe('serving');
    const context = await newContext(browser, server.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Definir senha' }).waitFor();
    await expectNoAxeViolations(page, 'password link page', { javaScriptDisabled: true });

    await page.getByLabel('Nova senha', { exact: true }).fill('uma senha longa da TI');
    await page.getByLabel('Repita a nova senha').fill('outra senha');
    await page.getByRole('button', { name: 'Definir senha' }).click();
    await page.getByRole('alert').filter({ hasText: 'A senha não foi definida.' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('As duas senhas não são iguais.');
    await expectNoAxeViolations(page, 'password link page with errors', { javaScriptDisabled: true });

    await page.getByLabel('Nova senha', { exact: true }).fill('uma senha longa da TI');
    await page.getByLabel('Repita a nova senha').fill('uma senha longa da TI');
    await page.getByRole('button', { name: 'Definir senha' }).click();
    await page.getByRole('heading', { level: 1, name: 'Senha definida' }).waitFor();
    await expectNoAxeViolations(page, 'password set', { javaScriptDisabled: true });

    await page.goto(link);
    await page.getByText('Este link para definir a senha não vale mais.').waitFor();
    expect(await page.getByLabel('Nova senha', { exact: true }).count()).toBe(0);
    await context.close();

    expect(await signsIn(server.baseUrl, 'ti@prefeitura.example.org', 'uma senha longa da TI')).toBe(true);
    const admin = await newContext(browser, server.baseUrl);
    const { csrfToken } = (await (await admin.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    await admin.request.post('/api/auth/callback/credentials', {
      form: { csrfToken, email: 'ti@prefeitura.example.org', password: 'uma senha longa da TI', callbackUrl: `${server.baseUrl}/painel` },
      maxRedirects: 0,
    });
    const adminPage = await admin.newPage();
    await adminPage.goto('/painel/admin');
    await adminPage.getByText('O envio de e-mails está desligado (EMAIL_DELIVERY=off).').waitFor();
    await expectNoAxeViolations(adminPage, 'admin page with the e-mail warning');
    await admin.close();
    await stop(server);
  });
});
