import 'server-only';
import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import {
  outbox,
  whatsappContactDemands,
  whatsappContacts,
  whatsappConversations,
  whatsappOutboundMessages,
  type OutboxMessage,
  type WhatsappContact,
} from '@/lib/db/schema';
import { findDemandForChat } from '@/lib/demands/chat-lookups';
import { CITIZEN_TEMPLATES, type CitizenNotificationPayload, type CitizenTemplate } from '@/lib/domain/notifications';
import { alreadyDelivered, ChatDeliveryError, NoticePayloadSchema, receiptGivenInConversation } from '../chat-delivery/notices';
import { TEMPLATE_LANGUAGE, whatsappApiConfig } from './config';
import { contactForRecipient, ensureConversation } from './contacts';
import { NOTIFICATION_FOLLOW_UP_HOURS } from '../chat/conversation';
import { OUTSIDE_WINDOW_CODE } from './graph';
import { notificationLinkFor } from '../chat/links';
import { previewOf, type OutgoingContent } from './messages';
import { notificationStatusPhrase, notificationText } from '../chat/notification-texts';
import { asApiError, deliverContent } from './outbound';
import { WHATSAPP_TABLES } from './pipeline';

/** A failed WhatsApp send, as the delivery worker sees it (retryable or not). */
export class WhatsappDeliveryError extends ChatDeliveryError {
  override name = 'WhatsappDeliveryError';
}

const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Sends one outbox row of channel `whatsapp` (called by the delivery worker, which retries with backoff
 * when the error says it may). Inside the 24-hour customer-service window — the citizen wrote less than
 * 24 h ago — the notification goes as text; outside it Meta only accepts an approved template, so the
 * WHATSAPP_TEMPLATE_STATUS template goes with the protocol and the new state as its parameters. The
 * outbox row id is the deduplication key: a row already accepted by Meta is never sent again.
 */
export async function sendWhatsappOutboxMessage(message: OutboxMessage, options: { now?: Date } = {}): Promise<{ id: string }> {
  const now = options.now ?? new Date();
  if (message.channel !== 'whatsapp') throw new WhatsappDeliveryError(`Outbox row ${message.id} is not a WhatsApp message`, false);
  const template = CITIZEN_TEMPLATES.find((t) => t === message.template);
  if (!template) throw new WhatsappDeliveryError(`No WhatsApp rendering for template ${message.template}`, false);
  const payload = NoticePayloadSchema.safeParse(message.payload);
  if (!payload.success) throw new WhatsappDeliveryError(`Outbox row ${message.id} has no protocol in its payload`, false);

  const already = await alreadyDelivered(WHATSAPP_TABLES, message.id);
  if (already) return { id: already };

  const db = await getDb();
  const contact = await contactForRecipient(db, message.recipient);
  if (!contact) throw new WhatsappDeliveryError(`${message.recipient} is not a WhatsApp address`, false);
  const receipt =
    template === 'demand_received' && message.demandId
      ? await receiptGivenInConversation(WHATSAPP_TABLES, contact.id, message.demandId, (reason) => new WhatsappDeliveryError(reason, true))
      : null;
  if (receipt) return { id: receipt };

  const inWindow = Boolean(contact.lastInboundAt && now.getTime() - contact.lastInboundAt.getTime() < CUSTOMER_SERVICE_WINDOW_MS);
  const asTemplate = statusTemplate(template, payload.data);
  let content: OutgoingContent = inWindow ? { kind: 'text', text: notificationText(template, payload.data, notificationLinkFor(message, payload.data)) } : asTemplate;

  const [row] = await db
    .insert(whatsappOutboundMessages)
    .values({ contactId: contact.id, outboxId: message.id, demandId: message.demandId, kind: content.kind, content, preview: previewOf(content), status: 'sending', attempts: 1 })
    .onConflictDoUpdate({
      target: whatsappOutboundMessages.outboxId,
      set: { contactId: contact.id, kind: content.kind, content, preview: previewOf(content), status: 'sending', attempts: sql`${whatsappOutboundMessages.attempts} + 1` },
    })
    .returning({ id: whatsappOutboundMessages.id });
  if (!row) throw new WhatsappDeliveryError('Could not record the outbound message', true);

  let sent;
  try {
    sent = await deliverContent(contact, content);
  } catch (error) {
    const apiError = asApiError(error);
    if (content.kind === 'text' && apiError.code === OUTSIDE_WINDOW_CODE) {
      // Our clock and Meta's disagree about the window: Meta decides, so the template goes instead.
      content = asTemplate;
      await db.update(whatsappOutboundMessages).set({ kind: content.kind, content, preview: previewOf(content) }).where(eq(whatsappOutboundMessages.id, row.id));
      try {
        sent = await deliverContent(contact, content);
      } catch (retryError) {
        throw await failed(row.id, asApiError(retryError));
      }
    } else {
      throw await failed(row.id, apiError);
    }
  }
  await db
    .update(whatsappOutboundMessages)
    .set({ status: 'accepted', transport: sent.transport, providerMessageId: sent.providerMessageId, statusAt: new Date(), lastError: null, errorCode: null })
    .where(eq(whatsappOutboundMessages.id, row.id));
  if (message.demandId) await followUpOn(contact, message.demandId, payload.data.protocol, now);
  return { id: sent.providerMessageId };
}

function statusTemplate(template: CitizenTemplate, payload: CitizenNotificationPayload): OutgoingContent {
  return {
    kind: 'template',
    name: whatsappApiConfig().statusTemplate,
    language: TEMPLATE_LANGUAGE,
    parameters: [payload.protocol, notificationStatusPhrase(template, payload)],
  };
}

async function failed(rowId: number, error: ReturnType<typeof asApiError>): Promise<WhatsappDeliveryError> {
  const db = await getDb();
  await db
    .update(whatsappOutboundMessages)
    .set({ status: 'failed', lastError: error.message, errorCode: error.code ?? null, statusAt: new Date() })
    .where(eq(whatsappOutboundMessages.id, rowId));
  return new WhatsappDeliveryError(error.message, error.retryable);
}

/**
 * The notified demand becomes one of the contact's ("minhas manifestações": the citizen gave this number
 * for it), and a reply in the next 24 hours is taken as being about it — unless the citizen is in the
 * middle of something else, or a worker holds the conversation right now.
 */
async function followUpOn(contact: WhatsappContact, demandId: string, protocol: string, now: Date) {
  const db = await getDb();
  const demand = await findDemandForChat(db, { id: demandId });
  if (!demand || demand.identity === 'anonymous') return;
  await db.insert(whatsappContactDemands).values({ contactId: contact.id, demandId }).onConflictDoNothing();
  await ensureConversation(db, contact.id);
  const state = { step: 'following' as const, demandId, protocol, canMessage: true, fromNotification: true };
  await db
    .update(whatsappConversations)
    .set({ state, step: state.step, expiresAt: new Date(now.getTime() + NOTIFICATION_FOLLOW_UP_HOURS * 3_600_000), updatedAt: now })
    .where(
      and(
        eq(whatsappConversations.contactId, contact.id),
        inArray(whatsappConversations.step, ['start', 'menu', 'follow', 'following']),
        or(isNull(whatsappConversations.leaseUntil), lt(whatsappConversations.leaseUntil, sql`now()`)),
      ),
    );
}

/** Meta reported a notification text as outside the window after accepting it: send the template. */
export async function resendAsTemplate(outboundIds: number[]): Promise<void> {
  const db = await getDb();
  for (const id of outboundIds) {
    const [row] = await db
      .select({ outbound: whatsappOutboundMessages, outboxRow: outbox, contact: whatsappContacts })
      .from(whatsappOutboundMessages)
      .innerJoin(outbox, eq(outbox.id, whatsappOutboundMessages.outboxId))
      .innerJoin(whatsappContacts, eq(whatsappContacts.id, whatsappOutboundMessages.contactId))
      .where(eq(whatsappOutboundMessages.id, id));
    if (!row) continue;
    const template = CITIZEN_TEMPLATES.find((t) => t === row.outboxRow.template);
    const payload = NoticePayloadSchema.safeParse(row.outboxRow.payload);
    if (!template || !payload.success) continue;
    const content = statusTemplate(template, payload.data);
    try {
      const sent = await deliverContent(row.contact, content);
      await db
        .update(whatsappOutboundMessages)
        .set({ kind: 'template', content, preview: previewOf(content), status: 'accepted', transport: sent.transport, providerMessageId: sent.providerMessageId, lastError: null, errorCode: null, statusAt: new Date() })
        .where(eq(whatsappOutboundMessages.id, id));
    } catch (error) {
      const apiError = asApiError(error);
      await db.update(whatsappOutboundMessages).set({ lastError: apiError.message, errorCode: apiError.code ?? null }).where(eq(whatsappOutboundMessages.id, id));
    }
  }
}
