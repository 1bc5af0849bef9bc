import 'server-only';
import { asc, desc, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { whatsappContacts, whatsappInboundMessages, whatsappOutboundMessages, type WhatsappContact } from '@/lib/db/schema';
import { listContactThread as listChatContactThread, threadOf } from '../chat-delivery/thread';
import type { ThreadMessage } from '../chat/thread-message';
import { whatsappPipeline } from './pipeline';

/**
 * WhatsApp messages as a thread, for the demand's page in the workspace (callers check who may see the
 * demand first: the contact's number is identity) and for the development simulator.
 */

export type { ThreadMessage } from '../chat/thread-message';

export async function listWhatsappThreadForDemand(demandId: string): Promise<ThreadMessage[]> {
  const db = await getDb();
  const inbound = await db
    .select()
    .from(whatsappInboundMessages)
    .where(eq(whatsappInboundMessages.demandId, demandId))
    .orderBy(asc(whatsappInboundMessages.receivedAt), asc(whatsappInboundMessages.sentAt));
  const outbound = await db.select().from(whatsappOutboundMessages).where(eq(whatsappOutboundMessages.demandId, demandId)).orderBy(asc(whatsappOutboundMessages.id));
  return threadOf(whatsappPipeline, inbound, outbound);
}

export async function listContactThread(contactId: string, limit = 200): Promise<ThreadMessage[]> {
  return listChatContactThread(whatsappPipeline, contactId, limit);
}

export type ContactSummary = Pick<WhatsappContact, 'id' | 'waId' | 'userId' | 'phone' | 'profileName'> & { lastAt: Date | null };

export async function listContacts(limit = 30): Promise<ContactSummary[]> {
  const db = await getDb();
  return db
    .select({
      id: whatsappContacts.id,
      waId: whatsappContacts.waId,
      userId: whatsappContacts.userId,
      phone: whatsappContacts.phone,
      profileName: whatsappContacts.profileName,
      lastAt: whatsappContacts.updatedAt,
    })
    .from(whatsappContacts)
    .orderBy(desc(whatsappContacts.updatedAt), asc(whatsappContacts.id))
    .limit(limit);
}
