import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type Executor } from '@/lib/db/client';
import { whatsappInboundMessages, whatsappOutboundMessages, type WhatsappOutboundMessage } from '@/lib/db/schema';
import { webhookAppSecret, whatsappApiConfig } from './config';
import { ensureConversation, upsertContact } from './contacts';
import { OUTSIDE_WINDOW_CODE } from './graph';
import { verifiedWebhookJson } from '../chat-delivery/webhook-body';
import { containsControlCharacters, withoutControlCharacters } from '@/lib/domain/plain-text';
import { CONTROL_CHARACTERS_TYPE, messagesValuesOf, senderOf, WebhookPayloadSchema, type WebhookMessage, type WebhookStatus } from './webhook-schema';
import { instruments } from '@/lib/metrics/instruments';

export type WebhookReceipt = {
  status: 200 | 400 | 401;
  /** Contacts with newly stored messages, to be processed once the answer has gone back to Meta. */
  contactIds: string[];
  /** Notifications Meta refused as outside the 24-hour window: to be sent again as the template. */
  outsideWindow: number[];
};

/**
 * Checks the signature over the raw bytes, then parses and stores: contacts, each new message (a message
 * id already stored is a redelivery and is skipped) and status callbacks. Nothing is stored unless the
 * signature is right. Acting on the messages happens afterwards, from the stored rows.
 */
export async function receiveWebhook(rawBody: Uint8Array, signature: string | null): Promise<WebhookReceipt> {
  const refused = (status: 400 | 401): WebhookReceipt => ({ status, contactIds: [], outsideWindow: [] });
  const body = verifiedWebhookJson(rawBody, signature, { value: webhookAppSecret(), variable: 'WHATSAPP_APP_SECRET', component: 'whatsapp' });
  if (!body.ok) return refused(body.status);
  const payload = WebhookPayloadSchema.safeParse(body.json);
  if (!payload.success) return refused(400);
  const { values, invalid } = messagesValuesOf(payload.data);
  if (invalid && !values.length) return refused(400);

  const ourNumber = whatsappApiConfig().phoneNumberId;
  const contactIds = new Set<string>();
  const outsideWindow: number[] = [];
  const db = await getDb();
  await db.transaction(async (tx) => {
    for (const value of values) {
      // A business account can have several numbers; only the configured one is this channel.
      if (ourNumber && value.metadata.phone_number_id !== ourNumber) continue;
      for (const message of value.messages ?? []) {
        const sender = senderOf(message, value.contacts ?? []);
        const waId = sender.wa_id ?? message.from;
        const userId = sender.user_id ?? message.from_user_id;
        if (!waId && !userId) continue;
        const sentAt = new Date(Number(message.timestamp) * 1000);
        const profileName = sender.profile?.name === undefined ? undefined : withoutControlCharacters(sender.profile.name);
        const contact = await upsertContact(tx, { waId, userId, profileName }, sentAt);
        await ensureConversation(tx, contact.id);
        const storable = containsControlCharacters(message) ? refusedForControlCharacters(message) : message;
        const inserted = await tx
          .insert(whatsappInboundMessages)
          .values({ messageId: message.id, contactId: contact.id, type: storable.type, payload: storable, phoneNumberId: value.metadata.phone_number_id, sentAt })
          .onConflictDoNothing({ target: whatsappInboundMessages.messageId })
          .returning({ id: whatsappInboundMessages.id });
        if (inserted.length) {
          contactIds.add(contact.id);
          instruments().whatsappInboundLag.observe(Math.max(0, (Date.now() - sentAt.getTime()) / 1000));
        }
      }
      for (const status of value.statuses ?? []) {
        const updated = await applyStatus(tx, status);
        if (updated?.status === 'failed' && updated.errorCode === OUTSIDE_WINDOW_CODE && updated.outboxId && updated.kind !== 'template') {
          outsideWindow.push(updated.id);
        }
      }
    }
  });
  return { status: 200, contactIds: [...contactIds], outsideWindow };
}

/**
 * PostgreSQL refuses NUL in JSON, and the other control characters have no place in what a citizen types:
 * such a message is kept without its content, and the conversation asks for it again in plain text.
 */
function refusedForControlCharacters(message: WebhookMessage): WebhookMessage {
  return {
    id: message.id,
    timestamp: message.timestamp,
    type: CONTROL_CHARACTERS_TYPE,
    ...(message.from ? { from: message.from } : {}),
    ...(message.from_user_id ? { from_user_id: message.from_user_id } : {}),
  };
}

const PROGRESS: Record<WhatsappOutboundMessage['status'], number> = { pending: 0, sending: 1, accepted: 2, sent: 3, delivered: 4, read: 5, failed: 6 };
const FORWARD_STATUSES = ['sent', 'delivered', 'read'] as const;

/** Statuses may arrive out of order (delivered before sent): a message only moves forward. */
async function applyStatus(tx: Executor, status: WebhookStatus): Promise<WhatsappOutboundMessage | undefined> {
  const [row] = await tx.select().from(whatsappOutboundMessages).where(eq(whatsappOutboundMessages.providerMessageId, status.id));
  if (!row) return undefined;
  const at = new Date(Number(status.timestamp) * 1000);
  if (status.status === 'failed') {
    if (row.status === 'delivered' || row.status === 'read') return undefined;
    const error = status.errors?.[0];
    const detail = [error?.code, error?.title, error?.error_data?.details ?? error?.message].filter(Boolean).join(' — ');
    const [updated] = await tx
      .update(whatsappOutboundMessages)
      .set({ status: 'failed', lastError: withoutControlCharacters(detail) || 'Falha informada pelo WhatsApp', errorCode: error?.code ?? null, statusAt: at })
      .where(eq(whatsappOutboundMessages.id, row.id))
      .returning();
    return updated;
  }
  const next = FORWARD_STATUSES.find((s) => s === status.status);
  if (!next || row.status === 'failed' || PROGRESS[next] <= PROGRESS[row.status]) return undefined;
  const [updated] = await tx
    .update(whatsappOutboundMessages)
    .set({ status: next, statusAt: at })
    .where(eq(whatsappOutboundMessages.id, row.id))
    .returning();
  return updated;
}
