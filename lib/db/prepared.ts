import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Executor } from './client';
import { rowsOf } from './migrate';

/**
 * Named (prepared) statements. Drizzle sends every query unnamed unless it is given a name
 * (`.prepare(name)`), and postgres.js then describes each one before binding it: two round trips per
 * query, and nothing pipelined behind it. A named query is parsed once per connection, and every later
 * run is one round trip (postgres.js keeps the statements per connection, keyed by their SQL text, and
 * names them itself). PGlite ignores the name. `DATABASE_PREPARE=off` turns them off for the whole
 * process, for a pooler in transaction mode that cannot keep a statement on one server connection
 * (see postgresDatabase in client.ts).
 *
 * Only queries whose SQL text does not grow with their input belong here: each distinct text stays
 * prepared on each connection for the connection's life.
 */

const dialect = new PgDialect();

/** Runs a hand-written statement as a named one; `name` says which (postgres.js keys it by its text). */
export async function executePrepared<Row>(db: Executor, name: string, query: SQL): Promise<Row[]> {
  const prepared = db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false);
  return rowsOf<Row>(await prepared.execute());
}

/** Whether postgres.js may keep named statements on its connections (`DATABASE_PREPARE`, default on). */
export function preparedStatementsEnabled(env: Record<string, string | undefined> = process.env): boolean {
  const setting = (env.DATABASE_PREPARE ?? 'on').trim().toLowerCase();
  if (setting === 'on') return true;
  if (setting === 'off') return false;
  throw new Error(`DATABASE_PREPARE must be "on" or "off", not "${env.DATABASE_PREPARE}".`);
}
