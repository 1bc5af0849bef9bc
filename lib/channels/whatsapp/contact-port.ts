import 'server-only';
import { and, eq, gte } from 'drizzle-orm';
import type { ChatContactPort } from '@/lib/channels/chat/actions';
import type { Transaction } from '@/lib/db/client';
import { whatsappContactDemands, whatsappInboundMessages, whatsappOutboundMessages, type WhatsappContact } from '@/lib/db/schema';
import { isLinked, link, redactRepliesSince } from '../chat-delivery/contact-links';
import { fileWhatsappDemand } from './intake-with-files';
import { downloadDraftMedia } from './media';

const WHATSAPP_LINKS = { contactDemands: whatsappContactDemands };

/** The WhatsApp contact as the chat engine's actions see it: its links, its log, its media, its intake. */
export function whatsappContactPort(contact: WhatsappContact): ChatContactPort {
  return {
    platform: 'whatsapp',
    contactId: contact.id,
    // WhatsApp verified this number: a demand filed with it is this contact's without further proof.
    verifiedPhone: contact.phone,
    isLinked: (db, demandId) => isLinked(db, WHATSAPP_LINKS, contact.id, demandId),
    link: (tx, demandId) => link(tx, WHATSAPP_LINKS, contact.id, demandId),
    redactSince: (tx, since) => redactConversationSince(tx, contact.id, since),
    downloadMedia: downloadDraftMedia,
    fileDemand: fileWhatsappDemand,
  };
}

async function redactConversationSince(tx: Transaction, contactId: string, since: Date) {
  const inbound = await tx
    .select({ id: whatsappInboundMessages.id, type: whatsappInboundMessages.type })
    .from(whatsappInboundMessages)
    .where(and(eq(whatsappInboundMessages.contactId, contactId), gte(whatsappInboundMessages.sentAt, since)));
  for (const message of inbound) {
    await tx
      .update(whatsappInboundMessages)
      .set({ payload: { type: message.type, redacted: true } })
      .where(eq(whatsappInboundMessages.id, message.id));
  }
  await redactRepliesSince(tx, { outbound: whatsappOutboundMessages }, contactId, since);
}
