import { eq } from 'drizzle-orm';
import webpush from 'web-push';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { demands, outbox, pushSubscriptions } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { citizenNotifications } from '@/lib/demands/notifications';
import { subscribeToDemand } from '@/lib/demands/push-subscriptions';
import type { WorkerConfig } from '@/lib/delivery/config';
import { OUTBOX_SENDERS } from '@/lib/delivery/senders';
import { drainOnce, type WorkerLog } from '@/lib/delivery/worker';
import { ouvidoriaInput } from '../factories';
import { startPushServiceStandIn, type PushServiceStandIn } from '../support/push-service';

/**
 * Web Push as one more outbox channel: a demand with a subscribed browser gets a `push` row beside its
 * e-mail for each movement, and the worker delivers it to the push service (here a local stand-in that
 * checks the VAPID signature and decrypts the body as the browser would). Gone subscriptions are removed;
 * a push service that fails makes the row retry.
 */

const quiet: WorkerLog = { info: () => {}, error: () => {} };
const config: Partial<WorkerConfig> = { batchSize: 10, concurrency: 2, leaseMs: 60_000, maxAttempts: 3, backoffBaseMs: 1_000, backoffMaxMs: 60_000 };
const pushOnly = { push: OUTBOX_SENDERS.push };

let pushService: PushServiceStandIn;
const keys = webpush.generateVAPIDKeys();
const saved = { ...process.env };

beforeAll(async () => {
  pushService = await startPushServiceStandIn();
  process.env.VAPID_PUBLIC_KEY = keys.publicKey;
  process.env.VAPID_PRIVATE_KEY = keys.privateKey;
  process.env.VAPID_SUBJECT = 'mailto:ouvidoria@botucatu.sp.gov.br';
  process.env.PUSH_ALLOW_HTTP_ENDPOINTS = '1';
});
afterAll(async () => {
  await pushService.close();
  for (const name of ['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT', 'PUSH_ALLOW_HTTP_ENDPOINTS']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});
afterEach(() => {
  pushService.received.length = 0;
  pushService.refused.length = 0;
});

async function denunciaWithSubscribers(count: number) {
  const filed = await fileDemand(ouvidoriaInput({ kind: 'denunciation', email: `d-${crypto.randomUUID().slice(0, 8)}@exemplo.com.br` }), { channel: 'web' });
  if (!filed.ok) throw new Error(JSON.stringify(filed.fieldErrors));
  const subscriptions = Array.from({ length: count }, () => pushService.subscribe());
  for (const subscription of subscriptions) await subscribeToDemand(filed.demand.id, subscription);
  return { demandId: filed.demand.id, protocol: filed.demand.protocol, subscriptions };
}

/** What a movement writes (lib/demands/workflow.ts notifyCitizen): the rows of the demand as it is now. */
async function finalAnswerNotice(demandId: string, eventKey: string) {
  const db = await getDb();
  const [demand] = await db.select().from(demands).where(eq(demands.id, demandId));
  if (!demand) throw new Error('no demand');
  const rows = citizenNotifications(demand, 'final_answer', { protocol: demand.protocol, service: demand.service, body: 'Texto da resposta com nomes' }, eventKey);
  await db.insert(outbox).values(rows);
  return rows;
}

async function pushRow(idempotencyKey: string) {
  const db = await getDb();
  const [row] = await db.select().from(outbox).where(eq(outbox.idempotencyKey, idempotencyKey));
  if (!row) throw new Error('no push row');
  return row;
}

describe('Web Push notices through the outbox', () => {
  it('writes one push row beside the e-mail and delivers it, signed and encrypted, to every subscribed browser, without the answer text', async () => {
    const { demandId, protocol, subscriptions } = await denunciaWithSubscribers(2);
    const rows = await finalAnswerNotice(demandId, `e-${crypto.randomUUID()}`);
    expect(rows.map((row) => row.channel).sort()).toEqual(['email', 'push']);

    const result = await drainOnce({ config, log: quiet, senders: pushOnly });
    expect(result).toMatchObject({ sent: 1, failed: 0, retried: 0 });
    expect(pushService.refused).toEqual([]);
    expect(pushService.received.map((push) => push.endpoint).sort()).toEqual(subscriptions.map((s) => s.endpoint).sort());
    for (const push of pushService.received) {
      expect(push.vapidKey).toBe(keys.publicKey);
      expect(push.claims.sub).toBe('mailto:ouvidoria@botucatu.sp.gov.br');
      expect(push.payload).toEqual({ title: `Manifestação ${protocol}`, body: expect.any(String), url: '/acompanhar' });
      expect(JSON.stringify(push.payload)).not.toMatch(/Texto da resposta|Maria/);
    }
    const row = await pushRow(rows.find((r) => r.channel === 'push')?.idempotencyKey ?? '');
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('removes a subscription the push service says is gone, and writes no push rows once none is left', async () => {
    const { demandId, subscriptions } = await denunciaWithSubscribers(1);
    const [gone] = subscriptions;
    if (!gone) throw new Error('no subscription');
    pushService.answerFor(gone.endpoint, 410);
    await finalAnswerNotice(demandId, `e-${crypto.randomUUID()}`);
    await drainOnce({ config, log: quiet, senders: pushOnly });

    const db = await getDb();
    expect(await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.demandId, demandId))).toEqual([]);
    const [demand] = await db.select({ notifyByPush: demands.notifyByPush }).from(demands).where(eq(demands.id, demandId));
    expect(demand?.notifyByPush).toBe(false);
    const next = await finalAnswerNotice(demandId, `e-${crypto.randomUUID()}`);
    expect(next.map((row) => row.channel)).toEqual(['email']);
  });

  it('retries with backoff when the push service fails, and delivers once it answers', async () => {
    const { demandId, subscriptions } = await denunciaWithSubscribers(1);
    const [down] = subscriptions;
    if (!down) throw new Error('no subscription');
    pushService.answerFor(down.endpoint, 503);
    const rows = await finalAnswerNotice(demandId, `e-${crypto.randomUUID()}`);
    const key = rows.find((row) => row.channel === 'push')?.idempotencyKey ?? '';
    await drainOnce({ config, log: quiet, senders: pushOnly });
    const waiting = await pushRow(key);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('503') });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    pushService.answerFor(down.endpoint, 201);
    const later = new Date(waiting.nextAttemptAt.getTime() + 1_000);
    await drainOnce({ config, log: quiet, senders: pushOnly, clock: () => later });
    expect(await pushRow(key)).toMatchObject({ status: 'sent', attempts: 2 });
    // Both tries carried the same Topic, so a push service that kept the first replaces it.
    expect(new Set(pushService.received.map((push) => push.topic)).size).toBe(1);
  });
});
