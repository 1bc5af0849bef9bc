import path from 'node:path';

/** Where the embedded database, its lock and local files live. */
export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? '.data');
}

export function embeddedDatabaseDir(): string {
  return path.join(dataDir(), 'pglite');
}

export function migrationsFolder(): string {
  return path.join(process.cwd(), 'drizzle');
}
