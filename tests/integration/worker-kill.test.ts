import { spawn, type ChildProcess } from 'node:child_process';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { outbox, type NewOutboxMessage } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { FAKE_RESEND_API_KEY, startFakeResend, type FakeResend } from '../support/fake-resend';
import { ouvidoriaInput } from '../factories';

/**
 * "Nothing lost": worker processes drain a few thousand e-mails while the test kills them with SIGKILL,
 * again and again, mid-batch. Every row must end sent, delivered exactly once at the provider (a row
 * interrupted after the provider accepted it is re-sent with the same idempotency key and deduplicated).
 * PGlite cannot be shared by a second process, so this runs on PostgreSQL only.
 */

const ROWS = 3_000;
const WORKERS = 3;
const MIN_KILLS = 6;
const STALL_MS = 150_000;
const database = inject('testDatabase');

type Worker = { process: ChildProcess; pid: number; output: string[]; exited: Promise<number | null> };

describe.skipIf(database.kind !== 'postgres')('nothing lost when workers are killed', () => {
  let resend: FakeResend;
  const workers = new Set<Worker>();

  beforeAll(async () => {
    resend = await startFakeResend({ delayMs: () => 2 + Math.random() * 20 });
  });
  afterAll(async () => {
    for (const worker of workers) worker.process.kill('SIGKILL');
    await resend.close();
  });

  function spawnWorker(): Worker {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', './lib/delivery/node-hooks/register.mjs', 'lib/delivery/worker-main.ts'],
      {
        cwd: process.cwd(),
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          DATABASE_URL: process.env.TEST_DATABASE_URL,
          RESEND_API_KEY: FAKE_RESEND_API_KEY,
          RESEND_BASE_URL: resend.url,
          WORKER_POLL_MS: '50',
          WORKER_BATCH_SIZE: '25',
          WORKER_CONCURRENCY: '5',
          WORKER_LEASE_MS: '4000',
          WORKER_BACKOFF_BASE_MS: '100',
          WORKER_MAX_ATTEMPTS: '1000',
        },
      },
    );
    if (!child.pid) throw new Error('worker did not start');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const worker: Worker = { process: child, pid: child.pid, output: [], exited };
    child.stdout?.on('data', (chunk: Buffer) => worker.output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => worker.output.push(chunk.toString()));
    workers.add(worker);
    return worker;
  }

  async function pendingRows(): Promise<number> {
    const db = await getDb();
    const [row] = await db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending'));
    return row?.n ?? 0;
  }

  async function claimsHeldBy(pid: number): Promise<number> {
    const db = await getDb();
    const rows = await db.select({ lockedBy: outbox.lockedBy }).from(outbox).where(eq(outbox.status, 'pending'));
    return rows.filter((row) => row.lockedBy?.includes(`:${pid}:`)).length;
  }

  it('delivers every row exactly once while workers are killed mid-batch', { timeout: 900_000 }, async () => {
    const db = await getDb();
    const filed = await fileDemand(ouvidoriaInput(), { channel: 'web' });
    if (!filed.ok) throw new Error('intake failed');
    const rows: NewOutboxMessage[] = Array.from({ length: ROWS }, (_, i) => ({
      demandId: filed.demand.id,
      channel: 'email',
      template: 'demand_received',
      recipient: `cidadao-${i}@exemplo.com.br`,
      payload: { protocol: filed.demand.protocol, service: 'ouvidoria', dueOn: filed.demand.dueOn },
      idempotencyKey: `nothing-lost:${i}`,
    }));
    for (let i = 0; i < rows.length; i += 500) await db.insert(outbox).values(rows.slice(i, i + 500));
    const total = ROWS + 1; // and the demand's own receipt

    for (let i = 0; i < WORKERS; i++) spawnWorker();
    let kills = 0;
    // Progress, not wall time, decides when to give up: on a loaded machine a worker takes many seconds
    // just to start.
    let lastPending = Number.POSITIVE_INFINITY;
    let lastProgressAt = Date.now();
    for (let pending = await pendingRows(); pending > 0; pending = await pendingRows()) {
      if (pending < lastPending) [lastPending, lastProgressAt] = [pending, Date.now()];
      if (Date.now() - lastProgressAt > STALL_MS) {
        throw new Error(`no progress for ${STALL_MS} ms after ${kills} kills; worker output:\n${[...workers].flatMap((w) => w.output).join('')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 800));
      const crashed = [...workers].find((worker) => worker.process.exitCode !== null);
      if (crashed) throw new Error(`a worker exited on its own (code ${crashed.process.exitCode}):\n${crashed.output.join('')}`);
      if (kills >= MIN_KILLS) continue;
      // Kill a worker that is up and holds claims: one in the middle of a batch.
      const running = [...workers].filter((worker) => worker.output.join('').includes('started'));
      const victim = running[Math.floor(Math.random() * running.length)];
      if (!victim || (await claimsHeldBy(victim.pid)) === 0) continue;
      victim.process.kill('SIGKILL');
      workers.delete(victim);
      kills++;
      spawnWorker();
    }

    // A graceful stop of the survivors: SIGTERM, exit code 0.
    for (const worker of workers) worker.process.kill('SIGTERM');
    const exitCodes = await Promise.all([...workers].map((worker) => worker.exited));
    expect(exitCodes, [...workers].flatMap((w) => w.output).join('')).toEqual([...workers].map(() => 0));
    workers.clear();

    const all = await db.select().from(outbox);
    expect(all).toHaveLength(total);
    expect(all.filter((row) => row.status !== 'sent')).toEqual([]);
    const deliveredKeys = resend.delivered.map((email) => email.idempotencyKey);
    expect(new Set(deliveredKeys).size).toBe(deliveredKeys.length);
    expect(new Set(deliveredKeys)).toEqual(new Set(all.map((row) => row.idempotencyKey)));
    const idByKey = new Map(resend.delivered.map((email) => [email.idempotencyKey, email.id]));
    expect(all.filter((row) => row.providerMessageId !== idByKey.get(row.idempotencyKey))).toEqual([]);
    const replays = resend.replays();
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    console.log(`nothing lost: ${total} rows, ${kills} workers killed mid-batch, ${resend.requests()} requests, ${replays} re-sent with the same key`);
  });
});
