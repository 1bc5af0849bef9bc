import 'server-only';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { outbox, type OutboxMessage } from '@/lib/db/schema';
import { componentLog, errorKind } from '@/lib/log';
import { workerConfig, type WorkerConfig } from './config';
import { forgetSilentWorkers, recordHeartbeat, removeHeartbeat } from './heartbeat';
import { channelsWithSender, OUTBOX_SENDERS, type OutboxChannel, type OutboxSender } from './senders';
import { runScheduledTick, tickOf } from './scheduled-tasks';
import { startEmailReader } from '@/lib/channels/email/reader';

/**
 * The outbox worker. Any number of them share the table: each claims a few due rows with
 * `FOR UPDATE SKIP LOCKED`, reserving them under a lease (`locked_until`, `locked_by`), sends each with the
 * row's idempotency key, and records the outcome. A worker that dies leaves its claims to expire; the next
 * worker sends them again with the same key, and the provider delivers once.
 */

export type Senders = Partial<Record<OutboxChannel, OutboxSender>>;

export type WorkerLog = { info: (message: string) => void; error: (message: string, error?: unknown) => void };

export type WorkerOptions = {
  workerId?: string;
  config?: Partial<WorkerConfig>;
  senders?: Senders;
  db?: Database;
  /** The clock, so tests can move time; leases and backoff are computed from it. */
  clock?: () => Date;
  random?: () => number;
  log?: WorkerLog;
  /** Whether this worker also runs the deadline scanner and the other scheduled tasks. */
  scheduledTasks?: boolean;
  /**
   * Whether this worker also reads the e-mail mailbox when IMAP_URL is set (lib/channels/email/reader.ts);
   * of all the workers, the one holding the folder's lease reads it.
   */
  emailReader?: boolean;
};

export type DrainResult = { claimed: number; sent: number; retried: number; failed: number; released: number };

/** JSON lines through lib/log.ts; of an error only its kind and SQLSTATE (a message may hold a recipient). */
function structuredLog(workerId: string): WorkerLog {
  const log = componentLog('worker', { workerId });
  return {
    info: (message) => log.info(message),
    error: (message, error) => log.error(error === undefined ? {} : errorKind(error), message),
  };
}

export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** Exponential backoff with jitter: the nth failure waits about base·2ⁿ⁻¹, between half of it and all of it. */
export function backoffDelayMs(attempts: number, config: Pick<WorkerConfig, 'backoffBaseMs' | 'backoffMaxMs'>, random = Math.random): number {
  const ceiling = Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Reserves up to `limit` due rows for this worker. The attempt is counted at claim time, so a row whose
 * send kills its worker still moves toward the limit instead of being retried for ever.
 */
export async function claimDueMessages(
  db: Database,
  input: { workerId: string; limit: number; leaseMs: number; channels: OutboxChannel[]; now: Date },
): Promise<OutboxMessage[]> {
  if (input.channels.length === 0) return [];
  const { now } = input;
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        lte(outbox.nextAttemptAt, now),
        or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, now)),
        inArray(outbox.channel, input.channels),
      ),
    )
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(input.limit)
    .for('update', { skipLocked: true });
  return db
    .update(outbox)
    .set({
      lockedBy: input.workerId,
      lockedUntil: new Date(now.getTime() + input.leaseMs),
      attempts: sql`${outbox.attempts} + 1`,
    })
    .where(inArray(outbox.id, due))
    .returning();
}

/**
 * Rows whose every attempt was claimed and never answered (the worker died each time) give up here, so a
 * message that crashes its sender cannot be retried for ever.
 */
export async function failAbandonedMessages(db: Database, input: { maxAttempts: number; now: Date }): Promise<number> {
  const rows = await db
    .update(outbox)
    .set({
      status: 'failed',
      lockedBy: null,
      lockedUntil: null,
      lastError: sql`coalesce(${outbox.lastError} || ' — ', '') || 'a última tentativa não terminou (o processo de envio parou)'`,
    })
    .where(and(eq(outbox.status, 'pending'), gte(outbox.attempts, input.maxAttempts), lte(outbox.lockedUntil, input.now)))
    .returning({ id: outbox.id });
  return rows.length;
}

function isPermanent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'retryable' in error && error.retryable === false;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 1000);
}

type Outcome = 'sent' | 'retried' | 'failed';

/** Sends one claimed row and records what happened; the update only lands while this worker holds it. */
export async function deliverMessage(
  db: Database,
  message: OutboxMessage,
  context: { workerId: string; sender: OutboxSender; config: WorkerConfig; clock: () => Date; random: () => number },
): Promise<Outcome> {
  const heldByMe = and(eq(outbox.id, message.id), eq(outbox.lockedBy, context.workerId), eq(outbox.status, 'pending'));
  try {
    const receipt = await context.sender(message);
    await db
      .update(outbox)
      .set({
        status: 'sent',
        sentAt: context.clock(),
        providerMessageId: receipt.providerMessageId,
        ...(receipt.emailMessageId ? { emailMessageId: receipt.emailMessageId } : {}),
        lastError: null,
        lockedBy: null,
        lockedUntil: null,
        // A receipt's access code is a secret: once delivered, the outbox need not keep it.
        payload: sql`${outbox.payload} - 'accessCode'`,
      })
      .where(heldByMe);
    return 'sent';
  } catch (error) {
    const lastError = describe(error);
    if (isPermanent(error) || message.attempts >= context.config.maxAttempts) {
      await db.update(outbox).set({ status: 'failed', lastError, lockedBy: null, lockedUntil: null }).where(heldByMe);
      return 'failed';
    }
    const nextAttemptAt = new Date(context.clock().getTime() + backoffDelayMs(message.attempts, context.config, context.random));
    await db.update(outbox).set({ lastError, nextAttemptAt, lockedBy: null, lockedUntil: null }).where(heldByMe);
    return 'retried';
  }
}

/** Gives back rows this worker claimed but did not start (it is stopping); the attempt did not happen. */
async function releaseClaims(db: Database, workerId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(outbox)
    .set({ lockedBy: null, lockedUntil: null, attempts: sql`greatest(${outbox.attempts} - 1, 0)` })
    .where(and(inArray(outbox.id, ids), eq(outbox.lockedBy, workerId), eq(outbox.status, 'pending')));
}

function resolveOptions(options: WorkerOptions) {
  const senders = options.senders ?? OUTBOX_SENDERS;
  const workerId = options.workerId ?? newWorkerId();
  return {
    workerId,
    config: { ...workerConfig(), ...options.config },
    senders,
    channels: channelsWithSender(senders),
    clock: options.clock ?? (() => new Date()),
    random: options.random ?? Math.random,
    log: options.log ?? structuredLog(workerId),
  };
}

/**
 * One round: claim a batch and send it with limited concurrency. `shouldStop` is checked before each
 * send; rows not started by then are released.
 */
export async function drainOnce(options: WorkerOptions = {}, shouldStop: () => boolean = () => false): Promise<DrainResult> {
  const { workerId, config, senders, channels, clock, random } = resolveOptions(options);
  const db = options.db ?? (await getDb());
  const result: DrainResult = { claimed: 0, sent: 0, retried: 0, failed: 0, released: 0 };
  await failAbandonedMessages(db, { maxAttempts: config.maxAttempts, now: clock() });
  const batch = await claimDueMessages(db, {
    workerId,
    limit: config.batchSize,
    leaseMs: config.leaseMs,
    channels,
    now: clock(),
  });
  result.claimed = batch.length;
  const queue = [...batch];
  const lane = async () => {
    for (let message = queue.shift(); message; message = queue.shift()) {
      if (shouldStop()) {
        queue.unshift(message);
        return;
      }
      const sender = senders[message.channel];
      if (!sender) throw new Error(`Claimed a ${message.channel} message with no sender`);
      result[await deliverMessage(db, message, { workerId, sender, config, clock, random })]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(config.concurrency, batch.length) }, lane));
  result.released = queue.length;
  await releaseClaims(
    db,
    workerId,
    queue.map((message) => message.id),
  );
  return result;
}

export type WorkerHandle = { workerId: string; stop: () => Promise<void>; stopped: Promise<void> };

/**
 * Runs until stopped: drains the outbox, sleeping `pollMs` when nothing is due, and offers to run the
 * scheduled tasks (deadline alerts, digests) once per tick of `scanIntervalMs`; of all the workers, one
 * runs each tick. `stop()` lets sends in flight finish and gives back the rest of the batch.
 */
export function startWorker(options: WorkerOptions = {}): WorkerHandle {
  const workerId = options.workerId ?? newWorkerId();
  const resolved = resolveOptions({ ...options, workerId });
  const { config, clock, log } = resolved;
  const runTasks = options.scheduledTasks ?? true;
  let stopping = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = async () => {
    // The last tick this worker tried: each worker tries every tick, one of them runs it.
    let lastTick = 0;
    let lastBeatAt = Number.NEGATIVE_INFINITY;
    let failures = 0;
    log.info(`${workerId} started (channels: ${resolved.channels.join(', ') || 'none'})`);
    while (!stopping) {
      try {
        const db = options.db ?? (await getDb());
        // Beating inside the loop (not on a timer) means a stuck loop goes silent, which is the point.
        if (clock().getTime() - lastBeatAt >= config.heartbeatMs) {
          if (lastBeatAt === Number.NEGATIVE_INFINITY) await forgetSilentWorkers(db, clock());
          lastBeatAt = clock().getTime();
          await recordHeartbeat(db, workerId, clock());
        }
        const tick = tickOf(clock(), config.scanIntervalMs).getTime();
        if (runTasks && tick > lastTick) {
          lastTick = tick;
          await runScheduledTick({ db, now: clock(), config, log, workerId });
        }
        const round = await drainOnce({ ...options, workerId, config, log }, () => stopping);
        failures = 0;
        if (round.claimed === 0) await sleep(config.pollMs);
      } catch (error) {
        failures++;
        log.error('round failed; trying again shortly', error);
        await sleep(Math.min(30_000, config.pollMs * 2 ** Math.min(failures, 6)));
      }
    }
    try {
      await removeHeartbeat(options.db ?? (await getDb()), workerId);
    } catch (error) {
      log.error('could not remove the heartbeat row; it goes stale by itself', error);
    }
    log.info(`${workerId} stopped`);
  };

  const reader = options.emailReader === false ? null : startEmailReader({ holder: workerId, ...(options.db ? { db: options.db } : {}) });
  const stopped = Promise.all([loop(), reader?.stopped]).then(() => undefined);
  return {
    workerId,
    stopped,
    stop: async () => {
      stopping = true;
      wake?.();
      await reader?.stop();
      await stopped;
    },
  };
}
