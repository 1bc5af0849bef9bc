import 'server-only';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { getDb, type Database } from '@/lib/db/client';
import { migrationsFolder } from '@/lib/db/config';
import { rowsOf } from '@/lib/db/migrate';
import { heartbeatMaxAgeSeconds, heartbeatSummary } from '@/lib/delivery/heartbeat';
import { componentLog, errorKind } from '@/lib/log';

/**
 * Whether this instance should be sent traffic (/api/health/ready): the database answers, every
 * migration this code expects is applied, and an outbox worker beat recently (somewhere: workers may run
 * in other processes). The details are for operators only; the public sees ready or not.
 */

export type Readiness = {
  ready: boolean;
  database: 'ok' | 'unreachable';
  migrations: { status: 'ok' | 'behind' | 'unknown'; applied: number | null; expected: number };
  worker: { status: 'ok' | 'stale' | 'absent' | 'not_checked' | 'unknown'; latestBeatAgeSeconds: number | null; liveWorkers: number; maxAgeSeconds: number };
};

/** A database that does not answer within this time counts as unreachable; a probe must not hang. */
const DATABASE_TIMEOUT_MS = 3_000;

let expectedMigration: number | undefined;

/** The newest migration shipped with this code (drizzle's `folderMillis`, what the migrator records). */
function newestMigration(): number {
  expectedMigration ??= Math.max(0, ...readMigrationFiles({ migrationsFolder: migrationsFolder() }).map((migration) => migration.folderMillis));
  return expectedMigration;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function checkReadiness(options: { now?: Date; database?: () => Promise<Database>; env?: NodeJS.ProcessEnv } = {}): Promise<Readiness> {
  const now = options.now ?? new Date();
  const maxAgeSeconds = heartbeatMaxAgeSeconds(options.env);
  const expected = newestMigration();
  const unreachable: Readiness = {
    ready: false,
    database: 'unreachable',
    migrations: { status: 'unknown', applied: null, expected },
    worker: { status: 'unknown', latestBeatAgeSeconds: null, liveWorkers: 0, maxAgeSeconds },
  };
  try {
    return await withTimeout(
      (async () => {
        const db = await (options.database ?? getDb)();
        const applied = await lastAppliedMigration(db);
        const migrations = { status: applied !== null && applied >= expected ? 'ok' : 'behind', applied, expected } as const;
        const beats = await heartbeatSummary(db, { now, withinSeconds: maxAgeSeconds || 1 });
        const workerStatus =
          maxAgeSeconds === 0 ? 'not_checked' : beats.latestBeatAgeSeconds === null ? 'absent' : beats.latestBeatAgeSeconds <= maxAgeSeconds ? 'ok' : 'stale';
        const worker = { status: workerStatus, latestBeatAgeSeconds: beats.latestBeatAgeSeconds, liveWorkers: beats.liveWorkers, maxAgeSeconds } as const;
        return { ready: migrations.status === 'ok' && (workerStatus === 'ok' || workerStatus === 'not_checked'), database: 'ok', migrations, worker } as const;
      })(),
      DATABASE_TIMEOUT_MS,
    );
  } catch (error) {
    componentLog('health').warn(errorKind(error), 'readiness: the database did not answer');
    return unreachable;
  }
}

async function lastAppliedMigration(db: Database): Promise<number | null> {
  try {
    const result = await db.execute(sql`select max(created_at) as created_at from drizzle.__drizzle_migrations`);
    const value = rowsOf<{ created_at: string | number | null }>(result)[0]?.created_at;
    return value === null || value === undefined ? null : Number(value);
  } catch (error) {
    // A database with no migration table at all answers, but has none applied.
    if (errorKind(error).code === '42P01' || errorKind(error).code === '3F000') return null;
    throw error;
  }
}
