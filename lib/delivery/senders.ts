import 'server-only';
import { sendMessengerOutboxMessage } from '@/lib/channels/messenger/send';
import { sendWhatsappOutboxMessage } from '@/lib/channels/whatsapp/send';
import type { OutboxMessage } from '@/lib/db/schema';
import { outgoingEmailHeaders } from '@/lib/channels/email/outgoing';
import { sendEmail } from './email';
import { sendPushOutboxMessage } from './push';
import { renderEmail } from './templates/render';

/**
 * How the worker hands an outbox row to its channel. A sender sends the message once, passing the row's
 * idempotency key (or id) to the provider so a repeated call after a crash is not delivered twice, and
 * returns the provider's message id. An error with `retryable === false` marks the row failed at once;
 * any other error is retried with backoff.
 */
export type OutboxSender = (message: OutboxMessage) => Promise<{ providerMessageId: string | null; emailMessageId?: string }>;

export type OutboxChannel = OutboxMessage['channel'];

/** Each e-mail gets a Message-ID made from its row, recorded on the row: replies and bounces name it. */
async function sendOutboxEmail(message: OutboxMessage): Promise<{ providerMessageId: string; emailMessageId: string }> {
  const email = await renderEmail(message);
  const headers = await outgoingEmailHeaders(message);
  const { id } = await sendEmail({ to: message.recipient, ...email, idempotencyKey: message.idempotencyKey, headers });
  return { providerMessageId: id, emailMessageId: headers['Message-ID'] };
}

/** Text inside the 24-hour window, the approved template outside it; its errors say whether to retry. */
async function sendOutboxWhatsapp(message: OutboxMessage): Promise<{ providerMessageId: string }> {
  const { id } = await sendWhatsappOutboxMessage(message);
  return { providerMessageId: id };
}

/** Text inside the 24-hour window; outside it HUMAN_AGENT where it applies, else the e-mail in its place. */
async function sendOutboxMessenger(message: OutboxMessage): Promise<{ providerMessageId: string }> {
  const { id } = await sendMessengerOutboxMessage(message);
  return { providerMessageId: id };
}

/**
 * The senders by channel. A channel without a sender is not claimed at all: its rows wait as `pending`
 * (never marked sent) until a sender is registered.
 */
export const OUTBOX_SENDERS: Record<OutboxChannel, OutboxSender | undefined> = {
  email: sendOutboxEmail,
  whatsapp: sendOutboxWhatsapp,
  messenger: sendOutboxMessenger,
  instagram: sendOutboxMessenger,
  push: (message) => sendPushOutboxMessage(message),
};

export function channelsWithSender(senders: Partial<Record<OutboxChannel, OutboxSender>> = OUTBOX_SENDERS): OutboxChannel[] {
  return (Object.keys(senders) as OutboxChannel[]).filter((channel) => senders[channel]);
}
