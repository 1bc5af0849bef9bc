/**
 * Delivery settings read from the environment. Every knob has a default that suits one small prefeitura;
 * the tests turn the timings down.
 */

/**
 * The absolute base of every link in an e-mail or WhatsApp message (the status page, the workspace,
 * sign-in links). Production requires APP_URL (the server refuses to start without it): a fallback to
 * localhost would send every citizen a link that opens nothing.
 */
export function appUrl(): string {
  const configured = process.env.APP_URL?.trim() || process.env.AUTH_URL?.trim();
  if (!configured && process.env.NODE_ENV === 'production') {
    throw new Error('Set APP_URL to the public address of the site: every link in e-mails and WhatsApp messages starts with it.');
  }
  const base = configured || `http://localhost:${process.env.PORT ?? 3000}`;
  return base.replace(/\/+$/, '');
}

/** E-mail delivery turned off on purpose (EMAIL_DELIVERY=off): messages are kept, never sent. */
export function emailDeliveryOff(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.EMAIL_DELIVERY === 'off';
}

export type WorkerConfig = {
  /** Pause between polls when no message was due. */
  pollMs: number;
  /** Messages claimed per round trip. */
  batchSize: number;
  /** Messages sent at the same time by one worker. */
  concurrency: number;
  /** How long a claimed message stays reserved for its worker; a dead worker's claims expire after it. */
  leaseMs: number;
  /** Attempts before a message is marked failed and shown to admins. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How often the deadline scanner and the other scheduled tasks run. */
  scanIntervalMs: number;
  /** Hour of the day (São Paulo) from which the daily digest is written. */
  digestHour: number;
  /** Least time between two writes of this worker's heartbeat row (lib/delivery/heartbeat.ts). */
  heartbeatMs: number;
};

function numberFromEnv(name: string, fallback: number, { min = 0 }: { min?: number } = {}): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
  return value;
}

export function workerConfig(): WorkerConfig {
  return {
    pollMs: numberFromEnv('WORKER_POLL_MS', 1_000, { min: 10 }),
    batchSize: numberFromEnv('WORKER_BATCH_SIZE', 20, { min: 1 }),
    concurrency: numberFromEnv('WORKER_CONCURRENCY', 4, { min: 1 }),
    leaseMs: numberFromEnv('WORKER_LEASE_MS', 120_000, { min: 100 }),
    maxAttempts: numberFromEnv('WORKER_MAX_ATTEMPTS', 8, { min: 1 }),
    backoffBaseMs: numberFromEnv('WORKER_BACKOFF_BASE_MS', 30_000),
    backoffMaxMs: numberFromEnv('WORKER_BACKOFF_MAX_MS', 6 * 60 * 60_000),
    scanIntervalMs: numberFromEnv('WORKER_SCAN_INTERVAL_MS', 60_000, { min: 100 }),
    digestHour: numberFromEnv('WORKER_DIGEST_HOUR', 7),
    heartbeatMs: numberFromEnv('WORKER_HEARTBEAT_MS', 10_000, { min: 0 }),
  };
}
