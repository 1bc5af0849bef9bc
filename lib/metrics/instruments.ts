import { requestLog } from '@/lib/log';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus instruments (prom-client). Counters and histograms count what this process
 * did, so each instance is scraped on its own, as Prometheus expects; the figures read from the database
 * at scrape time (lib/metrics/scrape.ts) are the same from every instance.
 *
 * Labels are closed sets (channels, outcomes, rate-limit scopes), never a protocol, an address or a name:
 * a label value is a time series of its own, and a person's data has no place in one.
 */

const PREFIX = 'ouvidoria_';

function createInstruments() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  return {
    registry,
    intakes: new Counter({
      name: `${PREFIX}intake_total`,
      help: 'Demands that reached the intake, by channel and outcome (filed, replayed, invalid, failed).',
      labelNames: ['channel', 'outcome'] as const,
      registers: [registry],
    }),
    intakeSeconds: new Histogram({
      name: `${PREFIX}intake_duration_seconds`,
      help: 'Time the intake took (validation, files, the transaction), by channel.',
      labelNames: ['channel'] as const,
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    rateLimitRefusals: new Counter({
      name: `${PREFIX}rate_limit_refusals_total`,
      help: 'Rate-limit checks that found the limit reached, by scope (web-intake, sign-in, track, …).',
      labelNames: ['scope'] as const,
      registers: [registry],
    }),
    whatsappInboundLag: new Histogram({
      name: `${PREFIX}whatsapp_inbound_lag_seconds`,
      help: "Seconds from a WhatsApp message's timestamp (Meta's) to its arrival at the webhook.",
      buckets: [1, 2, 5, 10, 30, 60, 300, 900, 3600],
      registers: [registry],
    }),
    outboxBacklog: new Gauge({
      name: `${PREFIX}outbox_backlog`,
      help: 'Notifications waiting to be sent (pending, due now or later), by channel.',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    outboxOldestDueAge: new Gauge({
      name: `${PREFIX}outbox_oldest_due_age_seconds`,
      help: 'How long the oldest due notification has been waiting for a worker, by channel (0 when none is due).',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    outboxFailed: new Gauge({
      name: `${PREFIX}outbox_failed`,
      help: 'Notifications that gave up and wait for an admin (Envios page), by channel.',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    demandsDueSoon: new Gauge({
      name: `${PREFIX}demands_due_soon`,
      help: 'Demands with the deadline running that fall due within 5 days, by service.',
      labelNames: ['service'] as const,
      registers: [registry],
    }),
    demandsOverdue: new Gauge({
      name: `${PREFIX}demands_overdue`,
      help: 'Demands with the deadline running past their due date, by service.',
      labelNames: ['service'] as const,
      registers: [registry],
    }),
    whatsappInboundUnprocessed: new Gauge({
      name: `${PREFIX}whatsapp_inbound_unprocessed`,
      help: 'WhatsApp messages stored by the webhook and not yet acted on.',
      registers: [registry],
    }),
    whatsappInboundOldestUnprocessedAge: new Gauge({
      name: `${PREFIX}whatsapp_inbound_oldest_unprocessed_age_seconds`,
      help: 'Seconds since the oldest unprocessed WhatsApp message arrived (0 when none waits).',
      registers: [registry],
    }),
    workerHeartbeatAge: new Gauge({
      name: `${PREFIX}worker_heartbeat_age_seconds`,
      help: "Seconds since any outbox worker's last heartbeat (-1 when no worker ever beat).",
      registers: [registry],
    }),
    databaseUp: new Gauge({
      name: `${PREFIX}database_up`,
      help: 'Whether the figures read from the database at this scrape could be read (1) or not (0).',
      registers: [registry],
    }),
    workersLive: new Gauge({
      name: `${PREFIX}workers_live`,
      help: 'Outbox workers whose heartbeat is within WORKER_HEARTBEAT_MAX_AGE_SECONDS.',
      registers: [registry],
    }),
  };
}

export type Instruments = ReturnType<typeof createInstruments>;

// On globalThis: Next may load this module more than once (development reloads, server bundles), and
// every copy must count into the same registry.
const holder = globalThis as { __ouvidoriaMetrics?: Instruments };

export function instruments(): Instruments {
  holder.__ouvidoriaMetrics ??= createInstruments();
  return holder.__ouvidoriaMetrics;
}

type IntakeOutcome = { ok: true; demand: { id: string; protocol: string; replayed?: true } } | { ok: false };

/**
 * Counts, times and logs one intake. Kept around the call to `fileDemand` (not inside its transaction),
 * so the figure is what the channel waited for. The log line names the demand by id and protocol only.
 */
export async function meteredIntake<T extends IntakeOutcome>(channel: string, run: () => Promise<T>): Promise<T> {
  const { intakes, intakeSeconds } = instruments();
  const stopTimer = intakeSeconds.startTimer({ channel });
  let outcome = 'failed';
  try {
    const result = await run();
    outcome = result.ok ? (result.demand.replayed ? 'replayed' : 'filed') : 'invalid';
    if (result.ok) (await requestLog('intake')).info({ channel, outcome, demandId: result.demand.id, protocol: result.demand.protocol }, outcome === 'filed' ? 'demand filed' : 'filing replayed');
    return result;
  } finally {
    intakes.inc({ channel, outcome });
    stopTimer();
  }
}

/** The part of a rate-limit key before its first colon: `web-intake`, `sign-in`, `track`… never the address. */
export function countRateLimitRefusal(key: string): void {
  instruments().rateLimitRefusals.inc({ scope: key.split(':')[0] || 'unknown' });
}
