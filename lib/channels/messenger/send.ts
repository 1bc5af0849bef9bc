import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { messengerOutboundMessages, type OutboxMessage } from '@/lib/db/schema';
import { fallBackToEmail, recordNoticeSent } from '@/lib/demands/notice-delivery';
import { CITIZEN_TEMPLATES, type CitizenTemplate } from '@/lib/domain/notifications';
import { MESSENGER_PLATFORMS } from '@/lib/domain/vocabulary';
import { alreadyDelivered, ChatDeliveryError, NoticePayloadSchema, receiptGivenInConversation } from '../chat-delivery/notices';
import { previewOf, type OutgoingContent } from '../chat/content';
import { notificationLinkFor } from '../chat/links';
import { notificationText } from '../chat/notification-texts';
import { messengerConfig } from './config';
import { asMessengerError, OUTSIDE_WINDOW_CODE, type SendOptions } from './graph';
import { deliverToMessenger } from './outbound';
import { MESSENGER_TABLES } from './pipeline';
import { upsertMessengerContact } from './webhook';

/** A failed Messenger or Instagram send, as the delivery worker sees it (retryable or not). */
export class MessengerDeliveryError extends ChatDeliveryError {
  override name = 'MessengerDeliveryError';
}

const HOUR = 3_600_000;
const STANDARD_WINDOW_MS = 24 * HOUR;
/** Meta's HUMAN_AGENT tag: a person's answer may go up to 7 days after the citizen's last message. */
const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR;
/** Notices whose words a person on the staff wrote: the only ones HUMAN_AGENT may carry. */
const WRITTEN_BY_STAFF: readonly CitizenTemplate[] = ['public_reply', 'info_requested', 'final_answer'];

/**
 * Sends one outbox row of channel `messenger` or `instagram`. Inside the 24-hour standard messaging
 * window it goes as a text (`UPDATE`). Outside it, Meta allows only message tags; of those, HUMAN_AGENT
 * fits a staff member's own answer within 7 days, when the app was granted it (*_HUMAN_AGENT_TAG=true).
 * Automated status notices fit no tag, so then — or when Meta itself says the window closed — the notice
 * goes by e-mail instead (if the citizen gave one), and the timeline says so.
 */
export async function sendMessengerOutboxMessage(message: OutboxMessage, options: { now?: Date } = {}): Promise<{ id: string }> {
  const now = options.now ?? new Date();
  const platform = MESSENGER_PLATFORMS.find((p) => p === message.channel);
  if (!platform) throw new MessengerDeliveryError(`Outbox row ${message.id} is not a Messenger or Instagram message`, false);
  const template = CITIZEN_TEMPLATES.find((t) => t === message.template);
  if (!template) throw new MessengerDeliveryError(`No ${platform} rendering for template ${message.template}`, false);
  const payload = NoticePayloadSchema.safeParse(message.payload);
  if (!payload.success) throw new MessengerDeliveryError(`Outbox row ${message.id} has no protocol in its payload`, false);

  const already = await alreadyDelivered(MESSENGER_TABLES, message.id);
  if (already) return { id: already };

  const db = await getDb();
  const contact = await upsertMessengerContact(db, platform, message.recipient);
  if (template === 'demand_received' && message.demandId) {
    const receipt = await receiptGivenInConversation(MESSENGER_TABLES, contact.id, message.demandId, (reason) => new MessengerDeliveryError(reason, true));
    if (receipt) return { id: receipt };
  }

  const since = contact.lastInboundAt ? now.getTime() - contact.lastInboundAt.getTime() : Infinity;
  const sendOptions: SendOptions | null =
    since < STANDARD_WINDOW_MS
      ? { messagingType: 'UPDATE' }
      : since < HUMAN_AGENT_WINDOW_MS && messengerConfig(platform).humanAgentTag && WRITTEN_BY_STAFF.includes(template)
        ? { messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }
        : null;
  if (!sendOptions) return fallBack(message, 'fora da janela de 24 horas');

  const content: OutgoingContent = { kind: 'text', text: notificationText(template, payload.data, notificationLinkFor(message, payload.data)) };
  const [row] = await db
    .insert(messengerOutboundMessages)
    .values({ contactId: contact.id, outboxId: message.id, demandId: message.demandId, kind: 'text', content, preview: previewOf(content), status: 'sending', attempts: 1, tag: sendOptions.tag ?? null })
    .onConflictDoUpdate({
      target: messengerOutboundMessages.outboxId,
      set: { status: 'sending', tag: sendOptions.tag ?? null, attempts: sql`${messengerOutboundMessages.attempts} + 1` },
    })
    .returning({ id: messengerOutboundMessages.id });
  if (!row) throw new MessengerDeliveryError('Could not record the outbound message', true);

  try {
    const sent = await deliverToMessenger(contact, content, sendOptions);
    await db
      .update(messengerOutboundMessages)
      .set({ status: 'accepted', transport: sent.transport, providerMessageId: sent.providerMessageId, statusAt: new Date(), lastError: null })
      .where(eq(messengerOutboundMessages.id, row.id));
    await recordNoticeSent(message, sendOptions.tag ? 'fora da janela de 24 horas, como resposta de atendente' : 'dentro da janela de 24 horas');
    return { id: sent.providerMessageId };
  } catch (error) {
    const apiError = asMessengerError(error);
    await db.update(messengerOutboundMessages).set({ status: 'failed', lastError: apiError.message, statusAt: new Date() }).where(eq(messengerOutboundMessages.id, row.id));
    // Our clock and Meta's disagree about the window: Meta decides.
    if (apiError.code === OUTSIDE_WINDOW_CODE) return fallBack(message, 'a plataforma recusou: fora da janela de mensagens');
    throw new MessengerDeliveryError(apiError.message, apiError.retryable);
  }
}

/** The e-mail goes in its own outbox row; this one ends as failed, naming where the notice went. */
async function fallBack(message: OutboxMessage, reason: string): Promise<never> {
  const { emailed } = await fallBackToEmail(message, reason);
  throw new MessengerDeliveryError(emailed ? `Não enviada (${reason}); o aviso foi por e-mail.` : `Não enviada (${reason}); sem e-mail no registro.`, false);
}
