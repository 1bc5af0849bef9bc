import 'server-only';
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/lib/db/client';
import { messengerContacts, messengerConversations, messengerInboundMessages, messengerOutboundMessages, type MessengerContact } from '@/lib/db/schema';
import { containsControlCharacters } from '@/lib/domain/plain-text';
import type { MessengerPlatform } from '@/lib/domain/vocabulary';
import { CONTROL_CHARACTERS_TYPE } from '../chat/control-characters';
import { verifiedWebhookJson } from '../chat-delivery/webhook-body';
import { messengerAppSecret, messengerConfig } from './config';
import { MessagingEventSchema, MessengerWebhookSchema, OBJECT_OF, type MessagingEvent } from './webhook-schema';

export type MessengerWebhookReceipt = { status: 200 | 400 | 401; contactIds: string[] };

/**
 * Checks `X-Hub-Signature-256` over the raw bytes (the same HMAC as WhatsApp's, keyed with this
 * platform's app secret), then stores: each new message or postback (a `mid` already stored is a
 * redelivery and is skipped), and delivery and read receipts. Echoes of our own sends are ignored.
 * Nothing is stored unless the signature is right; the conversation runs afterwards from the rows.
 */
export async function receiveMessengerWebhook(platform: MessengerPlatform, rawBody: Uint8Array, signature: string | null): Promise<MessengerWebhookReceipt> {
  const refused = (status: 400 | 401): MessengerWebhookReceipt => ({ status, contactIds: [] });
  const body = verifiedWebhookJson(rawBody, signature, { value: messengerAppSecret(platform), variable: `${platform.toUpperCase()}_APP_SECRET`, component: platform });
  if (!body.ok) return refused(body.status);
  const payload = MessengerWebhookSchema.safeParse(body.json);
  if (!payload.success || payload.data.object !== OBJECT_OF[platform]) return refused(400);

  const ours = messengerConfig(platform).accountId;
  const contactIds = new Set<string>();
  const db = await getDb();
  await db.transaction(async (tx) => {
    for (const entry of payload.data.entry) {
      if (ours && entry.id !== ours) continue;
      for (const raw of entry.messaging ?? []) {
        const parsed = MessagingEventSchema.safeParse(raw);
        if (!parsed.success) continue;
        const event = parsed.data;
        if (event.message?.is_echo) continue;
        if (event.message || event.postback) {
          const stored = await storeMessage(tx, platform, event);
          if (stored) contactIds.add(stored);
        } else if (event.delivery || event.read) {
          await applyReceipt(tx, platform, event);
        }
      }
    }
  });
  return { status: 200, contactIds: [...contactIds] };
}

/** Returns the contact id when the message is new. */
async function storeMessage(tx: Executor, platform: MessengerPlatform, event: MessagingEvent): Promise<string | null> {
  const sentAt = new Date(event.timestamp);
  const contact = await upsertMessengerContact(tx, platform, event.sender.id, sentAt);
  await tx.insert(messengerConversations).values({ contactId: contact.id }).onConflictDoNothing({ target: messengerConversations.contactId });
  const messageId = event.message?.mid ?? event.postback?.mid ?? `postback.${event.sender.id}.${event.timestamp}`;
  const type = event.postback ? 'postback' : event.message?.quick_reply ? 'quick_reply' : event.message?.attachments?.length ? 'attachment' : 'text';
  // PostgreSQL refuses NUL in JSON, and control characters have no place in what a citizen types.
  const storable = containsControlCharacters(event) ? { type: CONTROL_CHARACTERS_TYPE } : { ...event, type };
  const inserted = await tx
    .insert(messengerInboundMessages)
    .values({ platform, messageId, contactId: contact.id, type: storable.type, payload: storable, sentAt })
    .onConflictDoNothing({ target: [messengerInboundMessages.platform, messengerInboundMessages.messageId] })
    .returning({ id: messengerInboundMessages.id });
  return inserted.length ? contact.id : null;
}

export async function upsertMessengerContact(db: Executor, platform: MessengerPlatform, scopedId: string, inboundAt?: Date): Promise<MessengerContact> {
  const [contact] = await db
    .insert(messengerContacts)
    .values({ platform, scopedId, lastInboundAt: inboundAt ?? null })
    .onConflictDoUpdate({
      target: [messengerContacts.platform, messengerContacts.scopedId],
      set: {
        updatedAt: new Date(),
        ...(inboundAt ? { lastInboundAt: sql`greatest(${messengerContacts.lastInboundAt}, ${inboundAt.toISOString()}::timestamptz)` } : {}),
      },
    })
    .returning();
  if (!contact) throw new Error('Messenger contact could not be stored');
  return contact;
}

/**
 * Delivery names the delivered `mid`s; a read receipt on Messenger says everything before its watermark
 * was read, on Instagram it names one `mid`. Statuses only move forward.
 */
async function applyReceipt(tx: Executor, platform: MessengerPlatform, event: MessagingEvent): Promise<void> {
  const [contact] = await tx
    .select({ id: messengerContacts.id })
    .from(messengerContacts)
    .where(and(eq(messengerContacts.platform, platform), eq(messengerContacts.scopedId, event.sender.id)));
  if (!contact) return;
  const at = new Date(event.timestamp);
  const mine = eq(messengerOutboundMessages.contactId, contact.id);
  if (event.delivery?.mids?.length) {
    await tx
      .update(messengerOutboundMessages)
      .set({ status: 'delivered', statusAt: at })
      .where(and(mine, inArray(messengerOutboundMessages.providerMessageId, event.delivery.mids), inArray(messengerOutboundMessages.status, ['accepted', 'sent'])));
  }
  if (event.read) {
    const which = event.read.mid
      ? eq(messengerOutboundMessages.providerMessageId, event.read.mid)
      : lte(messengerOutboundMessages.statusAt, new Date(event.read.watermark ?? event.timestamp));
    await tx
      .update(messengerOutboundMessages)
      .set({ status: 'read', statusAt: at })
      .where(and(mine, which, inArray(messengerOutboundMessages.status, ['accepted', 'sent', 'delivered'])));
  }
}
