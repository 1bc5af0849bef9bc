import { DrizzleQueryError } from 'drizzle-orm/errors';
import { PgPreparedQuery } from 'drizzle-orm/pg-core';

/**
 * A database failure as it may be logged: the SQL state and where it happened, never the query's
 * parameters. Drizzle's `DrizzleQueryError` spells every parameter into its message (the name, e-mail and
 * CPF of a confidential denunciante, during intake), PGlite adds `query` and `params` to its errors, and
 * PostgreSQL's own `detail` quotes row values ("Key (email)=(…) already exists"). Next.js, the worker and
 * every `console.error` print an error with its message, properties and cause, so none of those may travel.
 */
export class DatabaseError extends Error {
  /** The SQLSTATE (`23505` unique violation, `22021` invalid byte sequence…), when the server gave one. */
  readonly code: string | undefined;
  readonly table: string | undefined;
  readonly constraint: string | undefined;
  readonly column: string | undefined;

  constructor(fields: { code?: string; table?: string; constraint?: string; column?: string; reason: string }) {
    const where = [fields.table && `table ${fields.table}`, fields.column && `column ${fields.column}`, fields.constraint && `constraint ${fields.constraint}`]
      .filter(Boolean)
      .join(', ');
    super(`Database error${fields.code ? ` ${fields.code}` : ''}${where ? ` (${where})` : ''}: ${fields.reason}`);
    this.name = 'DatabaseError';
    this.code = fields.code;
    this.table = fields.table;
    this.constraint = fields.constraint;
    this.column = fields.column;
  }
}

/**
 * Server messages worth keeping say what kind of failure it was; a few of them quote the offending value
 * (`invalid input syntax for type uuid: "…"`, `value too long…` is safe, `Key (…)=(…)` is not), so the
 * message is kept only up to its first quote or colon-introduced value.
 */
function safeReason(message: string): string {
  const firstLine = message.split('\n')[0] ?? '';
  const unquoted = firstLine.split(/["'(]|: /)[0]?.trim() ?? '';
  return unquoted || 'query failed';
}

function stringField(source: object, key: string): string | undefined {
  const value = (source as Record<string, unknown>)[key];
  return typeof value === 'string' && value ? value : undefined;
}

/** True for what the drivers throw (PostgreSQL and PGlite errors carry a five-character SQLSTATE). */
function isDriverError(error: unknown): error is Error {
  return error instanceof Error && /^[0-9A-Z]{5}$/.test(stringField(error, 'code') ?? '');
}

/**
 * Turns whatever a query threw into an error safe to log. Anything that is not a database error (a
 * connection refused, a bug in our code) passes unchanged, since it carries no query parameters.
 */
export function redactDatabaseError(error: unknown): unknown {
  if (error instanceof DatabaseError) return error;
  if (error instanceof DrizzleQueryError) {
    const cause: unknown = error.cause;
    if (isDriverError(cause)) return fromDriverError(cause);
    // A failure before the server answered (a closed connection, a serialisation bug): the cause's own
    // message does not quote the parameters, the Drizzle wrapper's does.
    return new DatabaseError({ reason: cause instanceof Error ? safeReason(cause.message) : 'query failed' });
  }
  if (isDriverError(error)) return fromDriverError(error);
  return error;
}

function fromDriverError(error: Error): DatabaseError {
  // postgres.js names them `table_name`, `constraint_name`, `column_name`; PGlite (pg-protocol) `table`…
  return new DatabaseError({
    code: stringField(error, 'code'),
    table: stringField(error, 'table_name') ?? stringField(error, 'table'),
    constraint: stringField(error, 'constraint_name') ?? stringField(error, 'constraint'),
    column: stringField(error, 'column_name') ?? stringField(error, 'column'),
    reason: safeReason(error.message),
  });
}

type QueryRunner = (this: PgPreparedQuery<never>, queryString: string, params: unknown[], query: () => Promise<unknown>) => Promise<unknown>;

const patched = Symbol.for('ouvidoria.redactedDatabaseErrors');

/**
 * Every query of every Drizzle database in the process — PGlite or postgres.js, inside a transaction or
 * not, migrations included — runs through `PgPreparedQuery.queryWithCache`, the one place Drizzle turns a
 * driver failure into a `DrizzleQueryError`. Drizzle offers no error hook, and wrapping each use case would
 * miss pages, route handlers, Auth.js's adapter and the worker; so the redaction sits here, once, before
 * any of them can see the error. Transaction `BEGIN`/`COMMIT` failures reach `transaction()` directly from
 * the driver; `redactTransactionErrors` covers those for the databases this app opens.
 */
export function redactQueryErrorsOnce(): void {
  const prototype = PgPreparedQuery.prototype as unknown as Record<PropertyKey, unknown>;
  if (prototype[patched]) return;
  const original = prototype.queryWithCache;
  if (typeof original !== 'function') {
    throw new Error('drizzle-orm changed: PgPreparedQuery.queryWithCache is gone, database errors would be logged with their parameters.');
  }
  const runQuery = original as QueryRunner;
  const redacted: QueryRunner = async function (this: PgPreparedQuery<never>, queryString, params, query) {
    try {
      return await runQuery.call(this, queryString, params, query);
    } catch (error) {
      throw redactDatabaseError(error);
    }
  };
  prototype.queryWithCache = redacted;
  prototype[patched] = true;
}

/** A database whose `transaction()` also redacts what the driver throws at `BEGIN` or `COMMIT`. */
export function redactTransactionErrors<T extends { transaction: (...args: never[]) => Promise<unknown> }>(database: T): T {
  const transaction = database.transaction.bind(database) as (...args: unknown[]) => Promise<unknown>;
  const redacted = (...args: unknown[]) =>
    transaction(...args).catch((error: unknown) => {
      throw redactDatabaseError(error);
    });
  Object.defineProperty(database, 'transaction', { value: redacted, configurable: true, writable: true });
  return database;
}
