import 'server-only';
import { eq, lt, sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { scheduledTaskRuns } from '@/lib/db/schema';
import { rowsOf } from '@/lib/db/migrate';
import { runMessengerMaintenance } from '@/lib/channels/messenger/maintenance';
import { runWhatsappMaintenance } from '@/lib/channels/whatsapp/maintenance';
import { archiveUnansweredInformationRequests } from '@/lib/demands/jobs';
import { refreshStatsRollups } from '@/lib/stats/rollup';
import type { WorkerConfig } from './config';
import type { WorkerLog } from './worker';
import { discardUnlinkedAttachments } from '@/lib/demands/citizen-attachments';
import { pruneExpiredRateLimits } from '@/lib/rate-limit';
import { sweepExpiredPasskeyChallenges } from '@/lib/accounts/passkeys';
import { runScheduledRetention } from '@/lib/privacy/retention';
import { writeDailyDigests, writeDeadlineAlerts } from './deadline-scanner';

/**
 * Work the worker does on a timer rather than per outbox row. All of it is idempotent. Time is cut into
 * ticks of WORKER_SCAN_INTERVAL_MS; every worker tries each tick, and the first to insert the tick's row
 * in scheduled_task_runs runs it (runScheduledTick), so N workers run each tick's tasks once, not N times.
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
 * linked to a reply, the statistics rollups, deleting rate-limit counters whose window ended and passkey
 * challenges nobody came back for, and the LGPD retention rule.
 */
export const SCHEDULED_TASKS: ScheduledTask[] = [
  { name: 'deadline alerts and digests', run: writeAlertsAndDigests },
  { name: 'archive unanswered information requests', run: ({ now }) => archiveUnansweredInformationRequests({ now }) },
  { name: 'whatsapp maintenance', run: ({ now }) => runWhatsappMaintenance(now) },
  { name: 'messenger and instagram maintenance', run: ({ now }) => runMessengerMaintenance(now) },
  { name: 'discard unlinked citizen attachments', run: ({ now }) => discardUnlinkedAttachments({ now }) },
  // Statistics stay exact without it; refreshing changed months keeps the dashboard fast.
  { name: 'statistics rollups', run: ({ now }) => refreshStatsRollups({ now }) },
  { name: 'prune expired rate limits', run: ({ now }) => pruneExpiredRateLimits({ now }) },
  { name: 'sweep expired passkey challenges', run: ({ now }) => sweepExpiredPasskeyChallenges({ now }) },
  { name: 'retention anonymisation', run: retentionTask },
];

/** The retention rule (lib/privacy/retention.ts): once a day, and only after a dry run was recorded. */
async function retentionTask({ now, log }: TaskContext): Promise<void> {
  const outcome = await runScheduledRetention({ now });
  if (typeof outcome !== 'string' && outcome.anonymised > 0) log.info(`retention anonymised ${outcome.anonymised} demand(s) (run ${outcome.runId})`);
}

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

/** The tick `now` falls in: time cut into intervals of `intervalMs` from the epoch, the same for every worker. */
export function tickOf(now: Date, intervalMs: number): Date {
  return new Date(Math.floor(now.getTime() / intervalMs) * intervalMs);
}

const RUNS_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Runs the scheduled tasks for the tick `now` falls in, unless another worker already took that tick.
 * Before this, only the deadline alerts had an advisory lock: with three workers the WhatsApp upkeep,
 * archiving, attachment clean-up, rollups and pruning ran three times per interval, and nothing recorded
 * a run (found for the multi-instance chaos test, tests/chaos, which checks the runs). The claim is a row whose primary key is the tick, inserted before
 * the tasks run: PostgreSQL lets exactly one insert win, whatever the number of workers and their clocks'
 * phases. A worker killed mid-tick leaves its tick unfinished (finished_at null) and the next tick runs
 * as usual; every task is idempotent and catches up. Returns whether this worker ran the tick.
 */
export async function runScheduledTick(
  context: TaskContext & { workerId: string },
  tasks: readonly ScheduledTask[] = SCHEDULED_TASKS,
): Promise<boolean> {
  const { db, now, config, workerId } = context;
  const tickAt = tickOf(now, config.scanIntervalMs);
  const claimed = await db.insert(scheduledTaskRuns).values({ tickAt, workerId, startedAt: new Date() }).onConflictDoNothing().returning({ tickAt: scheduledTaskRuns.tickAt });
  if (claimed.length === 0) return false;
  const failedTasks = await runScheduledTasks(context, tasks);
  await db.update(scheduledTaskRuns).set({ finishedAt: new Date(), failedTasks }).where(eq(scheduledTaskRuns.tickAt, tickAt));
  await db.delete(scheduledTaskRuns).where(lt(scheduledTaskRuns.tickAt, new Date(now.getTime() - RUNS_KEPT_MS)));
  return true;
}
