import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { launchBrowser, startApp, type RunningApp } from './harness';

/**
 * What the chat simulators' browser tests share. The pages exist only in development: when the suite's
 * app is a production build (`next start`, the default), a test plays the simulator on a `next dev` of
 * its own (fresh DATA_DIR; E2E_DEV_PORT to pin its port). With E2E_SERVER=dev it uses the suite's app.
 */

/** The harness's own start-up, asked for `next dev` whatever the suite was started with. */
async function startDevApp(): Promise<RunningApp> {
  const saved = { server: process.env.E2E_SERVER, port: process.env.E2E_PORT, base: process.env.E2E_BASE_URL };
  process.env.E2E_SERVER = 'dev';
  delete process.env.E2E_BASE_URL;
  if (process.env.E2E_DEV_PORT) process.env.E2E_PORT = process.env.E2E_DEV_PORT;
  else delete process.env.E2E_PORT;
  try {
    return await startApp();
  } finally {
    for (const [key, value] of [['E2E_SERVER', saved.server], ['E2E_PORT', saved.port], ['E2E_BASE_URL', saved.base]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

export type SimulatorSession = { sharedUrl: string; simulatorUrl: string; sharedIsProduction: boolean; browser(): Browser };

/** Registers the file's hooks: finds where the page at `path` runs (starting `next dev` if needed) and a browser. */
export function simulatorSession(path: string): SimulatorSession {
  let browser: Browser | undefined;
  let devApp: RunningApp | undefined;
  const session: SimulatorSession = {
    sharedUrl: inject('e2eBaseUrl'),
    simulatorUrl: inject('e2eBaseUrl'),
    sharedIsProduction: false,
    browser: () => {
      if (!browser) throw new Error('The browser starts in beforeAll');
      return browser;
    },
  };
  beforeAll(async () => {
    const shared = await fetch(`${session.sharedUrl}${path}`, { signal: AbortSignal.timeout(300_000) });
    session.sharedIsProduction = shared.status === 404;
    if (session.sharedIsProduction) {
      devApp = await startDevApp();
      session.simulatorUrl = devApp.baseUrl;
    }
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await devApp?.stop();
  });
  return session;
}

/** The dev server answers slowly while it compiles; every wait is generous. */
export const eventually = <T,>(read: () => Promise<T>) => expect.poll(read, { timeout: 90_000, interval: 250 });

/** Playing the citizen on a simulator page whose thread is the list named `threadName`. */
export function citizenOn(threadName: string) {
  const thread = (page: Page) => page.getByRole('list', { name: threadName });
  const citizenMessages = (page: Page) => thread(page).getByRole('article', { name: 'Mensagem do cidadão' });
  const lastReply = (page: Page) => thread(page).getByRole('article', { name: 'Mensagem da Prefeitura' }).last();

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

  return { thread, lastReply, submitted, say, tap };
}
