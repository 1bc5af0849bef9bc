import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Database } from './client';
import { migrationsFolder } from './config';
import { applyProtocolRoutines } from './protocol-routines';
import { applyStatsRoutines } from './stats-routines';
import { applyMapRoutines } from './map-routines';
import { applyLiveRoutines } from './live-routines';

/**
 * Applies drizzle-kit's migrations through whichever driver is open. Drizzle's per-driver migrators do
 * the same with different types; doing it once here keeps one path for PGlite and PostgreSQL.
 * `log` hears how many migrations were pending and how long they took (nothing when none was).
 */
export async function migrateDatabase(database: Database, log?: (line: string) => void): Promise<void> {
  const started = performance.now();
  const migrations = readMigrationFiles({ migrationsFolder: migrationsFolder() });
  // Several app instances may start at once against one PostgreSQL: one migrates, the others wait.
  await database.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727274)`);
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`);
    const applied = await tx.execute(sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`);
    const lastAppliedAt = Number(rowsOf<{ created_at: string }>(applied)[0]?.created_at ?? 0);
    const pending = migrations.filter((migration) => migration.folderMillis > lastAppliedAt);
    if (pending.length) log?.(`Aplicando ${pending.length} ${pending.length === 1 ? 'migração' : 'migrações'} ao banco…`);
    for (const migration of pending) {
      for (const statement of migration.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`,
      );
    }
    await applyStatsRoutines(tx);
    await applyMapRoutines(tx);
    await applyProtocolRoutines(tx);
    await applyLiveRoutines(tx);
    if (pending.length) log?.(`Migrações aplicadas em ${seconds(performance.now() - started)}.`);
  });
}

/** "1,5 s", as the start-up lines say it. */
export function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toLocaleString('pt-BR', { maximumFractionDigits: 1 })} s`;
}

/** postgres.js returns rows as the result itself; PGlite wraps them in `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
