import 'server-only';
import { and, eq, gte } from 'drizzle-orm';
import type { ChatContactPort } from '@/lib/channels/chat/actions';
import type { Executor, Transaction } from '@/lib/db/client';
import { whatsappContactDemands, whatsappInboundMessages, whatsappOutboundMessages, type WhatsappContact } from '@/lib/db/schema';
import { fileWhatsappDemand } from './intake-with-files';
import { downloadDraftMedia } from './media';

/** The WhatsApp contact as the chat engine's actions see it: its links, its log, its media, its intake. */
export function whatsappContactPort(contact: WhatsappContact): ChatContactPort {
  return {
    platform: 'whatsapp',
    contactId: contact.id,
    // WhatsApp verified this number: a demand filed with it is this contact's without further proof.
    verifiedPhone: contact.phone,
    isLinked: (db, demandId) => isLinked(db, contact.id, demandId),
    link: (tx, demandId) => link(tx, contact.id, demandId),
    redactSince: (tx, since) => redactConversationSince(tx, contact.id, since),
    downloadMedia: downloadDraftMedia,
    fileDemand: fileWhatsappDemand,
  };
}

export async function isLinked(db: Executor, contactId: string, demandId: string): Promise<boolean> {
  const [row] = await db
    .select({ demandId: whatsappContactDemands.demandId })
    .from(whatsappContactDemands)
    .where(and(eq(whatsappContactDemands.contactId, contactId), eq(whatsappContactDemands.demandId, demandId)));
  return Boolean(row);
}

async function link(tx: Transaction, contactId: string, demandId: string) {
  await tx.insert(whatsappContactDemands).values({ contactId, demandId }).onConflictDoNothing();
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
  const notice = 'Conteúdo removido: manifestação anônima.';
  await tx
    .update(whatsappOutboundMessages)
    .set({ content: { kind: 'text', text: notice }, preview: notice })
    .where(and(eq(whatsappOutboundMessages.contactId, contactId), gte(whatsappOutboundMessages.createdAt, since)));
}
