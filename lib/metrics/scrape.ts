import 'server-only';
import { outboxBacklog } from '@/lib/delivery/outbox-admin';
import { getDb } from '@/lib/db/client';
import { countDeadlineBacklog, countUnprocessedWhatsappMessages } from '@/lib/db/queries/operations';
import { heartbeatMaxAgeSeconds, heartbeatSummary } from '@/lib/delivery/heartbeat';
import { componentLog, errorKind } from '@/lib/log';
import { instruments } from './instruments';

/**
 * The text Prometheus scrapes: this process's counters and histograms, and the figures read from the
 * database now (outbox, deadlines, WhatsApp inbound, worker heartbeats). When the database does not
 * answer, those figures are left out (not shown stale) and `ouvidoria_database_up` says 0.
 */
export async function scrapeMetrics(now = new Date()): Promise<{ contentType: string; body: string }> {
  const metrics = instruments();
  const databaseGauges = [
    metrics.outboxBacklog,
    metrics.outboxOldestDueAge,
    metrics.outboxFailed,
    metrics.demandsDueSoon,
    metrics.demandsOverdue,
    metrics.whatsappInboundUnprocessed,
    metrics.whatsappInboundOldestUnprocessedAge,
    metrics.workerHeartbeatAge,
    metrics.workersLive,
  ];
  try {
    const maxAgeSeconds = heartbeatMaxAgeSeconds();
    const [outbox, deadlines, whatsapp, heartbeats] = await Promise.all([
      outboxBacklog(now),
      countDeadlineBacklog(now),
      countUnprocessedWhatsappMessages(now),
      getDb().then((db) => heartbeatSummary(db, { now, withinSeconds: maxAgeSeconds || 120 })),
    ]);
    for (const gauge of databaseGauges) gauge.reset();
    for (const row of outbox) {
      metrics.outboxBacklog.set({ channel: row.channel }, row.backlog);
      metrics.outboxOldestDueAge.set({ channel: row.channel }, row.oldestDueAgeSeconds);
      metrics.outboxFailed.set({ channel: row.channel }, row.failed);
    }
    for (const row of deadlines) {
      metrics.demandsDueSoon.set({ service: row.service }, row.dueSoon);
      metrics.demandsOverdue.set({ service: row.service }, row.overdue);
    }
    metrics.whatsappInboundUnprocessed.set(whatsapp.unprocessed);
    metrics.whatsappInboundOldestUnprocessedAge.set(whatsapp.oldestAgeSeconds);
    metrics.workerHeartbeatAge.set(heartbeats.latestBeatAgeSeconds === null ? -1 : Math.round(heartbeats.latestBeatAgeSeconds));
    metrics.workersLive.set(heartbeats.liveWorkers);
    metrics.databaseUp.set(1);
  } catch (error) {
    componentLog('metrics').warn(errorKind(error), 'the database figures could not be read for this scrape');
    for (const gauge of databaseGauges) gauge.reset();
    metrics.databaseUp.set(0);
  }
  return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
}
