import 'server-only';
import { asc, desc, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { whatsappContacts, whatsappInboundMessages, whatsappOutboundMessages, type WhatsappContact } from '@/lib/db/schema';
import { byTime, type ThreadMessage } from '../chat/thread-message';
import { inboundPreview } from './inbound-input';

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
  return merge(inbound, outbound);
}

export async function listContactThread(contactId: string, limit = 200): Promise<ThreadMessage[]> {
  const db = await getDb();
  const inbound = await db
    .select()
    .from(whatsappInboundMessages)
    .where(eq(whatsappInboundMessages.contactId, contactId))
    .orderBy(desc(whatsappInboundMessages.receivedAt), desc(whatsappInboundMessages.sentAt))
    .limit(limit);
  const outbound = await db
    .select()
    .from(whatsappOutboundMessages)
    .where(eq(whatsappOutboundMessages.contactId, contactId))
    .orderBy(desc(whatsappOutboundMessages.id))
    .limit(limit);
  return merge(inbound.reverse(), outbound.reverse()).slice(-limit);
}

function merge(
  inbound: (typeof whatsappInboundMessages.$inferSelect)[],
  outbound: (typeof whatsappOutboundMessages.$inferSelect)[],
): ThreadMessage[] {
  const messages: ThreadMessage[] = [
    ...inbound.map((m) => ({ direction: 'in' as const, id: m.id, at: m.receivedAt, text: inboundPreview(m.payload), type: m.type })),
    ...outbound.map((m) => ({
      direction: 'out' as const,
      id: m.id,
      at: m.createdAt,
      text: m.preview,
      kind: m.kind,
      status: m.status,
      transport: m.transport,
      lastError: m.lastError,
      content: m.content,
    })),
  ];
  return byTime(messages);
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
