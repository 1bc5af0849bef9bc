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
import { migrateDatabase, seconds } from './migrate';
import { preparedStatementsEnabled } from './prepared';
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

type Holder = {
  database?: Promise<Database>;
  folderLocked?: Promise<void>;
  close?: () => Promise<void>;
  replica?: { url: string; database: Database; close: () => Promise<void> };
};

// Kept on globalThis so that Next's module reloading in development does not open the folder twice.
const holder: Holder = ((globalThis as { __ouvidoriaDb?: Holder }).__ouvidoriaDb ??= {});

export function postgresDatabase(url: string, options: { max?: number } = {}) {
  // Named statements (lib/db/prepared.ts) unless DATABASE_PREPARE=off, for a pooler in transaction mode.
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {}, prepare: preparedStatementsEnabled() });
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
  const started = performance.now();
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
  // A first start takes a while (initdb, every migration, the demo data): the console says what it is doing.
  await migrateDatabase(database, console.log);
  await seedNewDatabase(database);
  if (isNew) console.log(`Banco embutido criado, migrado e carregado em ${seconds(performance.now() - started)}.`);
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

/**
 * Where read-only reports go: statistics, open data and the transparency pages. With DATABASE_REPLICA_URL
 * (a streaming replica of DATABASE_URL's server) they read from it and leave the primary to intake and
 * the workspace; without it, or on the embedded database, they read from the process's database. A
 * replica trails the primary by its replication lag (normally under a second), which figures published
 * per month can bear; nothing that a person has just written and expects to see again (a demand, a queue)
 * reads from here.
 */
export async function getReadDb(): Promise<Database> {
  const url = process.env.DATABASE_REPLICA_URL;
  if (!url || isEmbedded()) return getDb();
  if (holder.replica?.url !== url) {
    const previous = holder.replica;
    // No migration on a replica: it is read-only and follows the primary's schema.
    holder.replica = { url, ...postgresDatabase(url) };
    await previous?.close();
  }
  return holder.replica.database;
}

export async function closeDb(): Promise<void> {
  const close = holder.close;
  const replica = holder.replica;
  holder.database = undefined;
  holder.close = undefined;
  holder.replica = undefined;
  await Promise.all([close?.(), replica?.close()]);
}

export function isEmbedded(): boolean {
  return !process.env.DATABASE_URL;
}
