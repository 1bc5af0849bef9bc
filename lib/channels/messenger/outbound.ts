import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { getDb, type Executor } from '@/lib/db/client';
import { messengerContacts, messengerOutboundMessages, type MessengerContact } from '@/lib/db/schema';
import { OutgoingContentSchema, previewOf, type OutgoingContent } from '../chat/content';
import { isMessengerSimulated } from './config';
import { asMessengerError, postSendApi, type SendOptions } from './graph';
import { toSendApiMessage } from './render';

/**
 * Conversation replies are rows written in the transaction that produced them, then sent in order right
 * after it commits by whoever holds the contact's lease — as on WhatsApp. They answer the citizen's own
 * message, so they go as `RESPONSE`, inside the 24-hour window.
 */

export type Reply = { content: OutgoingContent; demandId?: string | null; sensitive?: boolean };
export type Delivered = { providerMessageId: string; transport: 'send_api' | 'simulator' };

const MAX_REPLY_ATTEMPTS = 5;
const REDACTED = 'Mensagem com código de acesso, removida daqui depois do envio.';

export async function queueMessengerReplies(db: Executor, contactId: string, replies: Reply[]): Promise<void> {
  if (!replies.length) return;
  await db.insert(messengerOutboundMessages).values(
    replies.map((reply) => ({
      contactId,
      demandId: reply.demandId ?? null,
      kind: reply.content.kind,
      content: { ...reply.content, ...(reply.sensitive ? { sensitive: true } : {}) },
      preview: previewOf(reply.content),
    })),
  );
}

/** Sends through the Send API, or — without credentials — keeps it for the simulator page. */
export async function deliverToMessenger(
  contact: Pick<MessengerContact, 'platform' | 'scopedId'>,
  content: OutgoingContent,
  options: SendOptions = { messagingType: 'RESPONSE' },
): Promise<Delivered> {
  if (isMessengerSimulated(contact.platform)) return { providerMessageId: `sim.${randomUUID()}`, transport: 'simulator' };
  const providerMessageId = await postSendApi(contact.platform, contact.scopedId, toSendApiMessage(contact.platform, content), options);
  return { providerMessageId, transport: 'send_api' };
}

/** Sends the contact's waiting replies, oldest first; stops at a failure worth retrying, to keep order. */
export async function drainMessengerReplies(contactId: string): Promise<void> {
  const db = await getDb();
  const [contact] = await db.select().from(messengerContacts).where(eq(messengerContacts.id, contactId));
  if (!contact) return;
  for (;;) {
    const [row] = await db
      .select()
      .from(messengerOutboundMessages)
      .where(and(eq(messengerOutboundMessages.contactId, contactId), isNull(messengerOutboundMessages.outboxId), inArray(messengerOutboundMessages.status, ['pending', 'sending'])))
      .orderBy(asc(messengerOutboundMessages.id))
      .limit(1);
    if (!row) return;
    const attempts = row.attempts + 1;
    await db.update(messengerOutboundMessages).set({ status: 'sending', attempts }).where(eq(messengerOutboundMessages.id, row.id));
    try {
      const sent = await deliverToMessenger(contact, OutgoingContentSchema.parse(row.content));
      // The access code is stored only hashed: the reply that shows it is blanked once Meta has it.
      const forget = (row.content as { sensitive?: boolean }).sensitive && sent.transport === 'send_api';
      await db
        .update(messengerOutboundMessages)
        .set({
          status: 'accepted',
          transport: sent.transport,
          providerMessageId: sent.providerMessageId,
          statusAt: new Date(),
          lastError: null,
          ...(forget ? { content: { kind: 'text', text: REDACTED }, preview: REDACTED } : {}),
        })
        .where(eq(messengerOutboundMessages.id, row.id));
    } catch (error) {
      const apiError = asMessengerError(error);
      const retry = apiError.retryable && attempts < MAX_REPLY_ATTEMPTS;
      await db
        .update(messengerOutboundMessages)
        .set({ status: retry ? 'pending' : 'failed', lastError: apiError.message, statusAt: new Date() })
        .where(eq(messengerOutboundMessages.id, row.id));
      if (retry) return;
    }
  }
}
