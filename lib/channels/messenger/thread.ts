import 'server-only';
import { and, asc, desc, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { messengerContacts, messengerInboundMessages, messengerOutboundMessages, type MessengerContact } from '@/lib/db/schema';
import type { MessengerPlatform } from '@/lib/domain/vocabulary';
import { listContactThread, threadOf } from '../chat-delivery/thread';
import type { ThreadMessage } from '../chat/thread-message';
import { messengerPipeline } from './pipeline';

/**
 * Messenger and Instagram messages as a thread, for the demand's page (callers check who may see the
 * demand first: the conversation is identity) and for the development simulator.
 */

export async function listMessengerThreadForDemand(demandId: string, platform: MessengerPlatform): Promise<ThreadMessage[]> {
  const db = await getDb();
  const inbound = await db
    .select()
    .from(messengerInboundMessages)
    .where(and(eq(messengerInboundMessages.demandId, demandId), eq(messengerInboundMessages.platform, platform)))
    .orderBy(asc(messengerInboundMessages.receivedAt), asc(messengerInboundMessages.sentAt));
  const outbound = await db
    .select({ message: messengerOutboundMessages })
    .from(messengerOutboundMessages)
    .innerJoin(messengerContacts, eq(messengerContacts.id, messengerOutboundMessages.contactId))
    .where(and(eq(messengerOutboundMessages.demandId, demandId), eq(messengerContacts.platform, platform)))
    .orderBy(asc(messengerOutboundMessages.id));
  return threadOf(messengerPipeline, inbound, outbound.map((row) => row.message));
}

export async function listMessengerContactThread(contactId: string, limit = 200): Promise<ThreadMessage[]> {
  return listContactThread(messengerPipeline, contactId, limit);
}

export async function listMessengerContacts(platform: MessengerPlatform, limit = 30): Promise<Pick<MessengerContact, 'id' | 'scopedId' | 'profileName' | 'updatedAt'>[]> {
  const db = await getDb();
  return db
    .select({ id: messengerContacts.id, scopedId: messengerContacts.scopedId, profileName: messengerContacts.profileName, updatedAt: messengerContacts.updatedAt })
    .from(messengerContacts)
    .where(eq(messengerContacts.platform, platform))
    .orderBy(desc(messengerContacts.updatedAt), asc(messengerContacts.id))
    .limit(limit);
}
