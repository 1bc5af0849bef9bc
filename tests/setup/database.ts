import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import { afterAll, inject } from 'vitest';
import * as schema from '@/lib/db/schema';
import { PGLITE_EXTENSIONS } from '@/lib/db/pglite-extensions';
import { closeDb, postgresDatabase, setDatabase, type Database } from '@/lib/db/client';
import { withDatabase } from './global-database';

/** Each test file gets its own database, copied from the one the global setup prepared. */
const config = inject('testDatabase');

if (config.kind === 'postgres') {
  const name = `ouvidoria_test_${randomUUID().replaceAll('-', '')}`;
  const admin = postgres(config.url, { max: 1, onnotice: () => {} });
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database ${name} template ${config.template}`);
      break;
    } catch (error) {
      // Two files copying the template at the same instant: PostgreSQL refuses one; it tries again.
      if (attempt > 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
  const url = withDatabase(config.url, name);
  process.env.TEST_DATABASE_URL = url;
  const { database, close } = postgresDatabase(url, { max: 20 });
  setDatabase(database, close);
  afterAll(async () => {
    await closeDb();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
} else {
  const client = await PGlite.create({ extensions: PGLITE_EXTENSIONS, loadDataDir: new Blob([fs.readFileSync(config.file)]) });
  setDatabase(drizzle(client, { schema }) as unknown as Database, () => client.close());
  afterAll(() => closeDb());
}
