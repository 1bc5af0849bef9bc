import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';
import { embeddedDatabaseDir } from './config';
import { openEmbeddedDatabase } from './embedded';
import { migrateDatabase } from './migrate';
import { seedNewDatabase } from './seed';
import { redactQueryErrorsOnce, redactTransactionErrors } from './errors';

// Before any database exists: no error that carries a query's parameters may leave the database layer.
redactQueryErrorsOnce();

export type Schema = typeof schema;
/** The same Drizzle API over PGlite and over postgres.js. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a query can run on: the database or an open transaction. */
export type Executor = Database | Transaction;

type Holder = { database?: Promise<Database>; folderLocked?: Promise<void>; close?: () => Promise<void> };

// Kept on globalThis so that Next's module reloading in development does not open the folder twice.
const holder: Holder = ((globalThis as { __ouvidoriaDb?: Holder }).__ouvidoriaDb ??= {});

export function postgresDatabase(url: string, options: { max?: number } = {}) {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const database = redactTransactionErrors(drizzlePostgres(client, { schema }) as unknown as Database);
  return { database, close: () => client.end() };
}

async function openDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { database, close } = postgresDatabase(url);
    holder.close = close;
    await migrateDatabase(database);
    return database;
  }
  const dir = embeddedDatabaseDir();
  // A new folder is created by initdb, then migrated and seeded: seconds the first page waits for.
  const isNew = !fs.existsSync(path.join(/* turbopackIgnore: true */ dir, 'PG_VERSION'));
  let locked = () => {};
  holder.folderLocked = new Promise((resolve) => (locked = resolve));
  const embedded = await openEmbeddedDatabase(dir, {
    onLocked: () => {
      if (isNew) console.log(`Criando o banco embutido em ${dir}…`);
      locked();
    },
  });
  holder.close = embedded.release;
  const database = redactTransactionErrors(drizzlePglite(embedded.client, { schema }) as unknown as Database);
  await migrateDatabase(database);
  await seedNewDatabase(database);
  return database;
}

/** The process's database: embedded PGlite in DATA_DIR unless DATABASE_URL names a PostgreSQL server. */
export function getDb(): Promise<Database> {
  holder.database ??= openDatabase().catch((error) => {
    holder.database = undefined;
    throw error;
  });
  return holder.database;
}

/**
 * Starts opening the process's database (as getDb) and resolves once the embedded folder's lock is
 * this process's, before the database is created, migrated and seeded; rejects as getDb does.
 */
export function openingDatabase(): Promise<void> {
  const database = getDb();
  return Promise.race([database.then(() => {}), holder.folderLocked ?? database.then(() => {})]);
}

/** Tests and scripts hand the process a database they opened themselves. */
export function setDatabase(database: Database, close?: () => Promise<void>): void {
  holder.database = Promise.resolve(redactTransactionErrors(database));
  holder.close = close;
}

export async function closeDb(): Promise<void> {
  const close = holder.close;
  holder.database = undefined;
  holder.close = undefined;
  await close?.();
}

export function isEmbedded(): boolean {
  return !process.env.DATABASE_URL;
}
