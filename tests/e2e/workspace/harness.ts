import { AxeBuilder } from '@axe-core/playwright';
import postgres from 'postgres';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { closeDb, getDb, postgresDatabase, setDatabase } from '@/lib/db/client';
import { categories } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { migrateDatabase } from '@/lib/db/migrate';
import { seedDatabase } from '@/lib/db/seed';
import { withDatabase } from '../../setup/global-database';
import { signIn, startApp, warmUp } from '../harness';

export { launchBrowser, openDemandAction, signIn } from '../harness';

/**
 * The workspace journeys: a fresh PostgreSQL database (migrated, reference data and demo accounts) that
 * the app under test (the standalone server after `npm run build`, or `next dev` with E2E_SERVER=dev,
 * through the shared harness) and the test process both open. The test process sets up demands, plays
 * the citizen's side where another feature's page would, and checks what was written.
 */

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
  await seedDatabase(database, { demo: true, demoDemands: 0 });
  setDatabase(database, close);

  const dropDatabase = async () => {
    await closeDb();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  let app;
  try {
    app = await startApp({ databaseUrl: url });
    // Open the workspace's pages once, before the journeys' timeouts start counting.
    await warmUp(app.baseUrl, ['/entrar'], { redirect: 'manual' });
    await warmUp(app.baseUrl, ['/painel', '/painel/registrar', '/painel/demandas/2000-000000-0'], { redirect: 'manual', anyStatus: true });
  } catch (error) {
    await app?.stop();
    await dropDatabase();
    throw error;
  }
  const running = app;
  return {
    baseUrl: running.baseUrl,
    stop: async () => {
      await running.stop();
      await dropDatabase();
    },
  };
}

/** axe-core with the WCAG 2.1 A and AA rules; the violations, summarised, must be none. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** A signed-in staff member's page at 1366 × 900 (or the given viewport), in its own browser context. */
export async function staffPage(
  browser: Browser,
  baseUrl: string,
  email: string,
  options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number }; stepTimeoutMs?: number } = {},
): Promise<Page> {
  const { stepTimeoutMs = 45_000, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'pt-BR', ...contextOptions });
  context.setDefaultTimeout(stepTimeoutMs);
  context.setDefaultNavigationTimeout(stepTimeoutMs);
  await signIn(context, baseUrl, email);
  return context.newPage();
}

/** Files an identified Ouvidoria complaint about public works (subject "Obras públicas") on the web channel; returns its protocol. */
export async function fileWorksComplaint(subject: string, requester: { name: string; email: string } = { name: 'Rui Morador', email: 'rui@exemplo.com.br' }): Promise<string> {
  const db = await getDb();
  const [works] = await db.select().from(categories).where(eq(categories.slug, 'obras'));
  if (!works) throw new Error('seed missing: no "obras" subject');
  const filed = await fileDemand(
    {
      service: 'ouvidoria',
      kind: 'complaint',
      categoryId: works.id,
      subject,
      description: `${subject}: o problema continua há semanas e ninguém apareceu para resolver.`,
      identity: 'identified',
      ...requester,
    },
    { channel: 'web' },
  );
  if (!filed.ok) throw new Error(JSON.stringify(filed.fieldErrors));
  return filed.demand.protocol;
}
