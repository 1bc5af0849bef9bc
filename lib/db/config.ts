import path from 'node:path';

// The turbopackIgnore comments keep Next's file tracing from pulling the whole project into the server
// bundle: these folders are read at run time, not shipped.

/** Where the embedded database, its lock and local files live. */
export function dataDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.env.DATA_DIR ?? '.data');
}

export function embeddedDatabaseDir(): string {
  return path.join(/* turbopackIgnore: true */ dataDir(), 'pglite');
}

export function migrationsFolder(): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), 'drizzle');
}
