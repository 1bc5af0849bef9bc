import 'server-only';
import { eq, lt, max, count, gte } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { workerHeartbeats } from '@/lib/db/schema';

/**
 * Each worker says it is alive by touching its row in `worker_heartbeats`. A killed worker cannot remove
 * its row; rows silent for a day are removed by the next worker that starts, so the table holds the
 * workers of about one day.
 */

const FORGET_AFTER_MS = 24 * 60 * 60_000;

export async function recordHeartbeat(db: Database, workerId: string, now: Date): Promise<void> {
  await db
    .insert(workerHeartbeats)
    .values({ workerId, startedAt: now, beatAt: now })
    .onConflictDoUpdate({ target: workerHeartbeats.workerId, set: { beatAt: now } });
}

export async function forgetSilentWorkers(db: Database, now: Date): Promise<void> {
  await db.delete(workerHeartbeats).where(lt(workerHeartbeats.beatAt, new Date(now.getTime() - FORGET_AFTER_MS)));
}

/** A worker that stops on purpose leaves at once, so readiness does not count it for its last minutes. */
export async function removeHeartbeat(db: Database, workerId: string): Promise<void> {
  await db.delete(workerHeartbeats).where(eq(workerHeartbeats.workerId, workerId));
}

export type HeartbeatSummary = {
  /** Seconds since the most recent beat of any worker; null when no worker ever beat. */
  latestBeatAgeSeconds: number | null;
  /** Workers that beat within `withinSeconds`. */
  liveWorkers: number;
};

export async function heartbeatSummary(db: Database, input: { now: Date; withinSeconds: number }): Promise<HeartbeatSummary> {
  const since = new Date(input.now.getTime() - input.withinSeconds * 1000);
  const [[latest], [live]] = await Promise.all([
    db.select({ beatAt: max(workerHeartbeats.beatAt) }).from(workerHeartbeats),
    db.select({ total: count() }).from(workerHeartbeats).where(gte(workerHeartbeats.beatAt, since)),
  ]);
  const beatAt = latest?.beatAt ? new Date(latest.beatAt) : null;
  return {
    latestBeatAgeSeconds: beatAt ? Math.max(0, (input.now.getTime() - beatAt.getTime()) / 1000) : null,
    liveWorkers: live?.total ?? 0,
  };
}

/**
 * How old the latest heartbeat may be for the delivery to count as running
 * (WORKER_HEARTBEAT_MAX_AGE_SECONDS, 120 by default: a worker's loop beats every few seconds, a round of
 * slow sends may hold it for a minute). 0 leaves the worker out of readiness, for deployments that watch
 * their workers separately.
 */
export function heartbeatMaxAgeSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.WORKER_HEARTBEAT_MAX_AGE_SECONDS?.trim();
  if (!raw) return 120;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`WORKER_HEARTBEAT_MAX_AGE_SECONDS must be a number of seconds ≥ 0, got "${raw}"`);
  return value;
}
