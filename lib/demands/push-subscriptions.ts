import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Transaction } from '@/lib/db/client';
import { demands, pushSubscriptions, type PushSubscriptionRow } from '@/lib/db/schema';

/*
 * Web Push as one more way a citizen hears about a demand: the status page asks the browser for a
 * subscription and hands it here; from then on every notice of the demand also gets a `push` outbox row
 * (lib/demands/notifications.ts), sent by lib/delivery/push.ts. Who may subscribe is decided by the
 * caller (app/api/avisos/route.ts): whoever may read the demand's status page.
 */

/** What PushSubscription.toJSON() gives; the endpoint must be an https URL of a push service. */
export const PushSubscriptionInput = z.object({
  endpoint: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .refine((value) => value.startsWith('https://') || process.env.PUSH_ALLOW_HTTP_ENDPOINTS === '1', 'O endereço de avisos do navegador precisa ser https.'),
  keys: z.object({ p256dh: z.string().min(40).max(200), auth: z.string().min(16).max(60) }),
});
export type PushSubscriptionInput = z.infer<typeof PushSubscriptionInput>;

/** Subscribes a browser to a demand's notices (again: the same endpoint is updated, not doubled). */
export async function subscribeToDemand(demandId: string, subscription: PushSubscriptionInput): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .insert(pushSubscriptions)
      .values({ demandId, endpoint: subscription.endpoint, p256dh: subscription.keys.p256dh, auth: subscription.keys.auth })
      .onConflictDoUpdate({ target: [pushSubscriptions.demandId, pushSubscriptions.endpoint], set: { p256dh: subscription.keys.p256dh, auth: subscription.keys.auth } });
    await tx.update(demands).set({ notifyByPush: true }).where(eq(demands.id, demandId));
  });
}

/** Stops this browser's notices about the demand; the demand stops writing push rows when none is left. */
export async function unsubscribeFromDemand(demandId: string, endpoint: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.delete(pushSubscriptions).where(and(eq(pushSubscriptions.demandId, demandId), eq(pushSubscriptions.endpoint, endpoint)));
    await clearFlagWhenNoneLeft(tx, demandId);
  });
}

export async function listDemandSubscriptions(demandId: string): Promise<PushSubscriptionRow[]> {
  const db = await getDb();
  return db.select().from(pushSubscriptions).where(eq(pushSubscriptions.demandId, demandId));
}

/** A subscription the push service says no longer exists (404/410). */
export async function removeExpiredSubscription(subscription: Pick<PushSubscriptionRow, 'id' | 'demandId'>): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscription.id));
    await clearFlagWhenNoneLeft(tx, subscription.demandId);
  });
}

type Tx = Transaction;

async function clearFlagWhenNoneLeft(tx: Tx, demandId: string) {
  const [left] = await tx.select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(eq(pushSubscriptions.demandId, demandId)).limit(1);
  if (!left) await tx.update(demands).set({ notifyByPush: false }).where(eq(demands.id, demandId));
}

/** What a push notice links to: the citizen's own page when the demand is in an account, else tracking. */
export async function pushNoticeTarget(demandId: string): Promise<{ protocol: string; service: 'ouvidoria' | 'balcao'; path: string } | undefined> {
  const db = await getDb();
  const [demand] = await db
    .select({ protocol: demands.protocol, service: demands.service, requesterUserId: demands.requesterUserId })
    .from(demands)
    .where(eq(demands.id, demandId));
  if (!demand) return undefined;
  return { protocol: demand.protocol, service: demand.service, path: demand.requesterUserId ? `/minhas-manifestacoes/${demand.protocol}` : '/acompanhar' };
}
