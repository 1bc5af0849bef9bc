import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import * as schema from '@/lib/db/schema';
import { PGLITE_EXTENSIONS } from '@/lib/db/pglite-extensions';
import { postgresDatabase, type Database } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { seedDatabase } from '@/lib/db/seed';

/**
 * Migrates and seeds one database before the run; each test file then starts from a copy of it:
 * on PostgreSQL a `CREATE DATABASE … TEMPLATE`, on PGlite a load of the dumped data directory.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `ouvidoria_test_template_${process.pid}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${template}`);
    await admin.unsafe(`create database ${template}`);
    const templateUrl = withDatabase(url, template);
    const { database, close } = postgresDatabase(templateUrl, { max: 1 });
    await prepare(database);
    await close();
    project.provide('testDatabase', { kind: 'postgres', url, template });
    return async () => {
      await admin.unsafe(`drop database if exists ${template}`);
      await admin.end();
    };
  }
  const client = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  await prepare(drizzle(client, { schema }) as unknown as Database);
  const dump = await client.dumpDataDir('none');
  const file = path.join(os.tmpdir(), `ouvidoria-test-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await client.close();
  project.provide('testDatabase', { kind: 'pglite', file });
  return () => fs.rmSync(file, { force: true });
}

async function prepare(database: Database) {
  await migrateDatabase(database);
  await seedDatabase(database, { demo: false });
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { kind: 'postgres'; url: string; template: string } | { kind: 'pglite'; file: string };
  }
}
