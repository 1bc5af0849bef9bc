import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/migrate';
import { runWhatsappMaintenance } from '@/lib/channels/whatsapp/maintenance';
import { archiveUnansweredInformationRequests } from '@/lib/demands/jobs';
import { refreshStatsRollups } from '@/lib/stats/rollup';
import type { WorkerConfig } from './config';
import type { WorkerLog } from './worker';
import { discardUnlinkedAttachments } from '@/lib/demands/citizen-attachments';
import { pruneExpiredRateLimits } from '@/lib/rate-limit';
import { writeDailyDigests, writeDeadlineAlerts } from './deadline-scanner';

/**
 * Work the worker does on a timer rather than per outbox row. All of it is idempotent, and a
 * transaction-scoped advisory lock lets one worker at a time do it, so N workers do not repeat the scan.
 */

type TaskContext = { db: Database; now: Date; config: WorkerConfig; log: WorkerLog };

/** One piece of timed work, named for the log. */
export type ScheduledTask = { name: string; run: (context: TaskContext) => Promise<unknown> };

const SCAN_LOCK = 727_275;

/** Deadline alerts and daily digests, written by one worker at a time under the advisory lock. */
async function writeAlertsAndDigests({ db, now, config, log }: TaskContext): Promise<void> {
  const written = await db.transaction(async (tx) => {
    const [lock] = rowsOf<{ acquired: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${SCAN_LOCK}) as acquired`));
    if (!lock?.acquired) return null;
    const alerts = await writeDeadlineAlerts(tx, now);
    const digests = await writeDailyDigests(tx, now, config.digestHour);
    return { alerts, digests };
  });
  if (written && written.alerts + written.digests > 0) {
    log.info(`scheduled tasks wrote ${written.alerts} deadline alert(s) and ${written.digests} digest(s)`);
  }
}

/**
 * The worker's timed work: deadline alerts and digests, then use cases from other modules that run on
 * the same timer: archiving demands that waited more than 20 days for the citizen, the WhatsApp
 * channel's upkeep (unfinished inbound messages, idle conversations), removing citizen uploads never
 * linked to a reply, the statistics rollups, and deleting rate-limit counters whose window ended.
 */
export const SCHEDULED_TASKS: ScheduledTask[] = [
  { name: 'deadline alerts and digests', run: writeAlertsAndDigests },
  { name: 'archive unanswered information requests', run: ({ now }) => archiveUnansweredInformationRequests({ now }) },
  { name: 'whatsapp maintenance', run: ({ now }) => runWhatsappMaintenance(now) },
  { name: 'discard unlinked citizen attachments', run: ({ now }) => discardUnlinkedAttachments({ now }) },
  // Statistics stay exact without it; refreshing changed months keeps the dashboard fast.
  { name: 'statistics rollups', run: ({ now }) => refreshStatsRollups({ now }) },
  { name: 'prune expired rate limits', run: ({ now }) => pruneExpiredRateLimits({ now }) },
];

/**
 * Runs every task, each on its own: one that fails is logged and the next still runs (a broken WhatsApp
 * upkeep must not stop deadline alerts or archiving). The log names the task and the kind of failure
 * only: a database error's message carries the query's parameters, which may be a requester's
 * name, e-mail or CPF. Returns the names of the tasks that failed.
 */
export async function runScheduledTasks(context: TaskContext, tasks: readonly ScheduledTask[] = SCHEDULED_TASKS): Promise<string[]> {
  const failed: string[] = [];
  for (const task of tasks) {
    try {
      await task.run(context);
    } catch (error) {
      failed.push(task.name);
      context.log.error(`scheduled task "${task.name}" failed (${failureKind(error)}); the other tasks ran`);
    }
  }
  return failed;
}

/** The error's class and, for a database error, its SQLSTATE: enough to look into, nothing personal. */
function failureKind(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const codeOf = (value: unknown) => (typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'string' ? value.code : undefined);
  const code = codeOf(error) ?? codeOf(error.cause);
  return code ? `${error.name} ${code}` : error.name;
}
