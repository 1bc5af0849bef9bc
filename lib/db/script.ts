import { drizzle } from 'drizzle-orm/pglite';
import * as schema from './schema';
import { postgresDatabase, setDatabase, type Database } from './client';
import { openEmbeddedDatabase } from './embedded';

/**
 * Opens the configured database for a command-line script. The embedded folder is locked first, so a
 * script started while the app runs is refused instead of corrupting the data.
 */
export async function withScriptDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  const opened = url
    ? postgresDatabase(url)
    : await openEmbeddedDatabase().then((embedded) => ({
        database: drizzle(embedded.client, { schema }) as unknown as Database,
        close: embedded.release,
      }));
  setDatabase(opened.database, opened.close);
  try {
    return await work(opened.database);
  } finally {
    await opened.close();
  }
}

export async function runScript(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    console.error(error instanceof Error && (error.name === 'EmbeddedDatabaseBusyError' || error.name === 'BackupError') ? error.message : error);
    process.exitCode = 1;
  }
}
