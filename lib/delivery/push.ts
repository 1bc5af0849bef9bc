import 'server-only';
import webpush from 'web-push';
import { notificationStatusPhrase } from '@/lib/channels/chat/notification-texts';
import type { OutboxMessage } from '@/lib/db/schema';
import { listDemandSubscriptions, pushNoticeTarget, removeExpiredSubscription } from '@/lib/demands/push-subscriptions';
import { vapidConfig } from './push-config';
import { CITIZEN_TEMPLATES, type CitizenTemplate } from '@/lib/domain/notifications';
import type { DemandState } from '@/lib/domain/vocabulary';

/*
 * The Web Push sender: one outbox row per notice of a demand, sent to every browser subscribed to it.
 * web-push encrypts the payload for each browser (RFC 8291) and signs the VAPID header (RFC 8292); the
 * request itself goes out with fetch, with a timeout. What the phone shows on its lock screen is only
 * the protocol and what happened ("Resposta final"): no text of the answer, no name — a denúncia's
 * notice may be seen by whoever holds the phone. A subscription the push service says is gone (404, 410)
 * is deleted; a throttled or failing push service (429, 5xx, network) makes the row retry with backoff.
 * `Topic` (the row's id) lets the push service replace an undelivered copy when a retry sends again.
 */

export class PushDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'PushDeliveryError';
  }
}

const SEND_TIMEOUT_MS = 15_000;
const TTL_SECONDS = 4 * 24 * 60 * 60;

export type PushNotice = { title: string; body: string; url: string };

export function pushNoticeOf(message: Pick<OutboxMessage, 'template' | 'payload'>, target: { protocol: string; service: string; path: string }): PushNotice {
  const template = CITIZEN_TEMPLATES.find((name) => name === message.template) as CitizenTemplate | undefined;
  if (!template) throw new PushDeliveryError(`Template ${message.template} has no push notice`, false);
  const state = typeof message.payload.state === 'string' ? (message.payload.state as DemandState) : undefined;
  const what = target.service === 'ouvidoria' ? 'Manifestação' : 'Pedido';
  return { title: `${what} ${target.protocol}`, body: notificationStatusPhrase(template, state ? { state } : {}), url: target.path };
}

export async function sendPushOutboxMessage(message: OutboxMessage, config = vapidConfig()): Promise<{ providerMessageId: string | null }> {
  if (message.channel !== 'push') throw new PushDeliveryError(`Outbox row ${message.id} is not a push notice`, false);
  if (!config) throw new PushDeliveryError('Web Push is not configured (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT)', false);
  const target = message.demandId ? await pushNoticeTarget(message.demandId) : undefined;
  if (!target) throw new PushDeliveryError(`Outbox row ${message.id} names no demand`, false);
  const notice = JSON.stringify(pushNoticeOf(message, target));
  const subscriptions = await listDemandSubscriptions(message.demandId as string);
  let delivered = 0;
  let retry: string | null = null;
  for (const subscription of subscriptions) {
    const request = webpush.generateRequestDetails({ endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } }, notice, {
      vapidDetails: config,
      TTL: TTL_SECONDS,
      topic: message.id.replaceAll('-', ''),
      urgency: 'normal',
    });
    let status: number;
    try {
      const response = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body ? new Uint8Array(request.body) : null,
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      status = response.status;
    } catch (error) {
      retry = `push service unreachable: ${(error as Error).name}`;
      continue;
    }
    if (status >= 200 && status < 300) delivered += 1;
    else if (status === 404 || status === 410) await removeExpiredSubscription(subscription);
    else if (status === 429 || status >= 500) retry = `push service answered ${status}`;
    // Other 4xx (a payload or key the service refuses): that browser cannot be reached; the others still are.
  }
  if (retry) throw new PushDeliveryError(retry, true);
  return { providerMessageId: `push:${delivered}/${subscriptions.length}` };
}
