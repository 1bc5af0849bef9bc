import { AxeBuilder } from '@axe-core/playwright';
import postgres from 'postgres';
import type { Page } from 'playwright-core';
import { closeDb, postgresDatabase, setDatabase } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { seedDatabase } from '@/lib/db/seed';
import { withDatabase } from '../../setup/global-database';
import { startApp, warmUp } from '../harness';

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
