import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { devMailbox, outbox, whatsappOutboundMessages, type NewOutboxMessage } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { backoffDelayMs, claimDueMessages, drainOnce, type WorkerLog } from '@/lib/delivery/worker';
import type { WorkerConfig } from '@/lib/delivery/config';
import { OUTBOX_SENDERS } from '@/lib/delivery/senders';
import { listFailedMessages, maskRecipient, retryFailedMessage } from '@/lib/delivery/outbox-admin';
import { FAKE_RESEND_API_KEY, startFakeResend, type FakeResend } from '../support/fake-resend';
import { ouvidoriaInput } from '../factories';

const quiet: WorkerLog = { info: () => {}, error: () => {} };
const config: Partial<WorkerConfig> = { batchSize: 10, concurrency: 3, leaseMs: 60_000, maxAttempts: 3, backoffBaseMs: 1_000, backoffMaxMs: 60_000 };

let resend: FakeResend;
const savedEnv = { key: process.env.RESEND_API_KEY, url: process.env.RESEND_BASE_URL };

beforeAll(async () => {
  resend = await startFakeResend();
});
afterAll(async () => {
  await resend.close();
});
afterEach(() => {
  process.env.RESEND_API_KEY = savedEnv.key;
  process.env.RESEND_BASE_URL = savedEnv.url;
  if (savedEnv.key === undefined) delete process.env.RESEND_API_KEY;
  if (savedEnv.url === undefined) delete process.env.RESEND_BASE_URL;
});

function useFakeResend() {
  process.env.RESEND_API_KEY = FAKE_RESEND_API_KEY;
  process.env.RESEND_BASE_URL = resend.url;
}

/** A demand filed on the web: its receipt is the outbox row under test. */
async function receiptRow(email = `pessoa-${crypto.randomUUID().slice(0, 8)}@exemplo.com.br`) {
  const filed = await fileDemand(ouvidoriaInput({ email }), { channel: 'web' });
  if (!filed.ok) throw new Error(JSON.stringify(filed.fieldErrors));
  const db = await getDb();
  const [row] = await db.select().from(outbox).where(eq(outbox.demandId, filed.demand.id));
  if (!row) throw new Error('no receipt queued');
  return { row, demand: filed.demand };
}

async function rowById(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  if (!row) throw new Error('row vanished');
  return row;
}

describe('outbox worker', () => {
  it('sends a due e-mail once, with the row idempotency key, and records the provider id', async () => {
    useFakeResend();
    const { row, demand } = await receiptRow();
    const result = await drainOnce({ config, log: quiet });
    expect(result).toMatchObject({ claimed: 1, sent: 1, failed: 0 });
    const sent = await rowById(row.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lockedBy: null, lockedUntil: null, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
    const delivered = resend.delivered.find((email) => email.idempotencyKey === row.idempotencyKey);
    expect(delivered).toMatchObject({ id: sent.providerMessageId, to: row.recipient });
    expect(delivered?.subject).toContain(demand.protocol);
    expect(await drainOnce({ config, log: quiet })).toMatchObject({ claimed: 0 });
  });

  it('retries a failing send with growing delays, then gives up and keeps the last error', async () => {
    useFakeResend();
    const { row } = await receiptRow();
    const start = new Date('2030-01-01T12:00:00Z');
    let now = start;
    const clock = () => now;
    resend.failNext(10, 503);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const result = await drainOnce({ config, log: quiet, clock, random: () => 1 });
      expect(result.claimed).toBe(1);
      const after = await rowById(row.id);
      expect(after.attempts).toBe(attempt);
      expect(after.lastError).toContain('503');
      if (attempt < 3) {
        expect(after.status).toBe('pending');
        delays.push(after.nextAttemptAt.getTime() - now.getTime());
        // Not due before its time…
        expect(await drainOnce({ config, log: quiet, clock })).toMatchObject({ claimed: 0 });
        now = after.nextAttemptAt;
      } else {
        expect(after.status).toBe('failed');
      }
    }
    expect(delays).toEqual([1_000, 2_000]);
    resend.failNext(0, 500);
  });

  it('fails at once when the provider refuses the message itself', async () => {
    useFakeResend();
    const { row } = await receiptRow();
    resend.failNext(1, 422);
    await drainOnce({ config, log: quiet });
    expect(await rowById(row.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('422') });
  });

  it('keeps backoff within its bounds, with jitter', () => {
    const bounds = { backoffBaseMs: 30_000, backoffMaxMs: 3_600_000 };
    expect(backoffDelayMs(1, bounds, () => 0)).toBe(15_000);
    expect(backoffDelayMs(1, bounds, () => 1)).toBe(30_000);
    expect(backoffDelayMs(4, bounds, () => 1)).toBe(240_000);
    expect(backoffDelayMs(20, bounds, () => 1)).toBe(3_600_000);
  });

  it('leaves a row under a live lease alone and takes it back once the lease expires', async () => {
    const { row } = await receiptRow();
    const db = await getDb();
    const now = new Date();
    const first = await claimDueMessages(db, { workerId: 'dead-worker', limit: 100, leaseMs: 5_000, channels: ['email'], now });
    expect(first.map((m) => m.id)).toContain(row.id);
    const whileLeased = await claimDueMessages(db, { workerId: 'other', limit: 100, leaseMs: 5_000, channels: ['email'], now: new Date(now.getTime() + 4_000) });
    expect(whileLeased.map((m) => m.id)).not.toContain(row.id);
    const afterExpiry = await claimDueMessages(db, { workerId: 'other', limit: 100, leaseMs: 5_000, channels: ['email'], now: new Date(now.getTime() + 5_001) });
    expect(afterExpiry.find((m) => m.id === row.id)).toMatchObject({ lockedBy: 'other', attempts: 2 });
  });

  it('marks failed a row whose every attempt died with its worker', async () => {
    const { row } = await receiptRow();
    const db = await getDb();
    await db.update(outbox).set({ attempts: 3, lockedBy: 'dead', lockedUntil: new Date(Date.now() - 1000) }).where(eq(outbox.id, row.id));
    await drainOnce({ config, log: quiet });
    expect(await rowById(row.id)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('não terminou') });
  });

  it('does not claim the rows of a channel that has no sender', async () => {
    const db = await getDb();
    const { demand } = await receiptRow();
    const whatsapp: NewOutboxMessage = {
      demandId: demand.id,
      channel: 'whatsapp',
      template: 'demand_received',
      recipient: '+5514991234567',
      payload: { protocol: demand.protocol, service: 'ouvidoria' },
      idempotencyKey: `demand_received:${demand.id}:whatsapp`,
    };
    const [queued] = await db.insert(outbox).values(whatsapp).returning();
    if (!queued) throw new Error('insert failed');
    await drainOnce({ config, log: quiet, senders: { email: OUTBOX_SENDERS.email } });
    expect(await rowById(queued.id)).toMatchObject({ status: 'pending', attempts: 0, lockedBy: null, sentAt: null });
    const sentThrough: string[] = [];
    await drainOnce({ config, log: quiet, senders: { whatsapp: async (m) => (sentThrough.push(m.id), { providerMessageId: 'wamid.1' }) } });
    expect(sentThrough).toEqual([queued.id]);
    expect(await rowById(queued.id)).toMatchObject({ status: 'sent', providerMessageId: 'wamid.1' });
  });

  it('sends WhatsApp rows through the WhatsApp channel; without credentials they are kept for /dev/whatsapp', async () => {
    const db = await getDb();
    const filed = await fileDemand(ouvidoriaInput({ phone: '(14) 99123-4567', notifyByWhatsapp: 'on' }), { channel: 'web' });
    if (!filed.ok) throw new Error('intake failed');
    await drainOnce({ config, log: quiet });
    const [row] = await db.select().from(outbox).where(and(eq(outbox.demandId, filed.demand.id), eq(outbox.channel, 'whatsapp')));
    expect(row).toMatchObject({ status: 'sent', providerMessageId: expect.stringMatching(/^sim\./) });
    const [kept] = await db.select().from(whatsappOutboundMessages).where(eq(whatsappOutboundMessages.outboxId, row?.id ?? ''));
    // Nobody wrote from that number in the last 24 hours: the approved template, with protocol and state.
    expect(kept).toMatchObject({ kind: 'template', transport: 'simulator', status: 'accepted' });
    expect(kept?.preview).toContain(`${filed.demand.protocol} · Recebida`);
  });

  it('without RESEND_API_KEY keeps the e-mail in the development mailbox, once', async () => {
    delete process.env.RESEND_API_KEY;
    const { row } = await receiptRow();
    await drainOnce({ config, log: quiet });
    const db = await getDb();
    const kept = await db.select().from(devMailbox).where(eq(devMailbox.idempotencyKey, row.idempotencyKey));
    expect(kept).toHaveLength(1);
    expect(kept[0]?.html).toContain('/situacao/');
    // A second send of the same row (a worker that died after sending) does not duplicate it.
    await db.update(outbox).set({ status: 'pending', sentAt: null }).where(eq(outbox.id, row.id));
    await drainOnce({ config, log: quiet });
    expect(await db.select().from(devMailbox).where(eq(devMailbox.idempotencyKey, row.idempotencyKey))).toHaveLength(1);
  });
});

describe('outbox admin', () => {
  it('puts a failed message back in the queue with fresh attempts and the same key', async () => {
    const { row } = await receiptRow('falhou@exemplo.com.br');
    const db = await getDb();
    await db.update(outbox).set({ status: 'failed', attempts: 8, lastError: 'Resend 500' }).where(eq(outbox.id, row.id));
    const failed = await listFailedMessages();
    expect(failed.find((m) => m.id === row.id)).toMatchObject({ recipient: 'f***@exemplo.com.br', attempts: 8, lastError: 'Resend 500' });
    expect(await retryFailedMessage({ id: row.id })).toBe(true);
    expect(await retryFailedMessage({ id: row.id })).toBe(false);
    expect(await rowById(row.id)).toMatchObject({ status: 'pending', attempts: 0, idempotencyKey: row.idempotencyKey });
    delete process.env.RESEND_API_KEY;
    await drainOnce({ config, log: quiet });
    expect(await rowById(row.id)).toMatchObject({ status: 'sent' });
  });

  it('masks citizens, not department mailboxes', () => {
    expect(maskRecipient('maria@exemplo.com.br', 'final_answer')).toBe('m***@exemplo.com.br');
    expect(maskRecipient('+5514991234567', 'demand_received')).toBe('+5514****4567');
    expect(maskRecipient('saude@botucatu.sp.gov.br', 'staff_digest')).toBe('saude@botucatu.sp.gov.br');
  });
});
