import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/migrate';
import { runWhatsappMaintenance } from '@/lib/channels/whatsapp/maintenance';
import { archiveUnansweredInformationRequests } from '@/lib/demands/jobs';
import { refreshStatsRollups } from '@/lib/stats/rollup';
import type { WorkerConfig } from './config';
import { discardUnlinkedAttachments } from '@/lib/demands/citizen-attachments';
import { pruneExpiredRateLimits } from '@/lib/rate-limit';
import { writeDailyDigests, writeDeadlineAlerts } from './deadline-scanner';

/**
 * Work the worker does on a timer rather than per outbox row. All of it is idempotent, and a
 * transaction-scoped advisory lock lets one worker at a time do it, so N workers do not repeat the scan.
 */

type TaskContext = { db: Database; now: Date; config: WorkerConfig; log: { info: (message: string) => void } };

/**
 * Use cases from other modules that run on the same timer: archiving demands that waited more than 20
 * days for the citizen, the WhatsApp channel's upkeep (unfinished inbound messages, idle conversations),
 * removing citizen uploads never linked to a reply, and deleting rate-limit counters whose window ended.
 */
export const PERIODIC_USE_CASES: ((input: { now: Date }) => Promise<unknown>)[] = [
  ({ now }) => archiveUnansweredInformationRequests({ now }),
  ({ now }) => runWhatsappMaintenance(now),
  discardUnlinkedAttachments,
  // Statistics stay exact without it; refreshing changed months keeps the dashboard fast.
  ({ now }) => refreshStatsRollups({ now }),
  pruneExpiredRateLimits,
];

const SCAN_LOCK = 727_275;

export async function runScheduledTasks({ db, now, config, log }: TaskContext): Promise<void> {
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
  for (const task of PERIODIC_USE_CASES) await task({ now });
}
