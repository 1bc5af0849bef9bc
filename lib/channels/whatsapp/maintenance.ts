import 'server-only';
import { and, eq, lt, ne } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { whatsappConversations } from '@/lib/db/schema';
import { expiryNotice, parseConversationState, START } from '../chat/conversation';
import { contactsWithPendingWork, processWhatsappContacts } from './inbound';
import { queueReplies } from './outbound';

/**
 * The WhatsApp channel's share of the delivery worker's loop (call it every few seconds): messages a
 * process stored but did not finish (crash, failed download, lease held), replies that could not go out
 * yet, and conversations dropped for inactivity — with a word to the citizen when something was lost.
 */
export async function runWhatsappMaintenance(now = new Date()): Promise<{ contacts: number; expired: number }> {
  const expired = await expireIdleConversations(now);
  const contacts = await contactsWithPendingWork();
  await processWhatsappContacts([...contacts, ...expired]);
  return { contacts: contacts.length, expired: expired.length };
}

/** Resets conversations idle past their expiry; returns the contacts that were told, for their reply to go out. */
export async function expireIdleConversations(now = new Date(), limit = 100): Promise<string[]> {
  const db = await getDb();
  const idle = await db
    .select()
    .from(whatsappConversations)
    .where(and(ne(whatsappConversations.step, 'start'), lt(whatsappConversations.expiresAt, now)))
    .limit(limit);
  const told: string[] = [];
  for (const conversation of idle) {
    const notice = expiryNotice(parseConversationState(conversation.state));
    const reset = await db.transaction(async (tx) => {
      // Only if nothing moved since it was read (a message being processed wins).
      const [updated] = await tx
        .update(whatsappConversations)
        .set({ state: START, step: START.step, expiresAt: null, updatedAt: now })
        .where(and(eq(whatsappConversations.id, conversation.id), eq(whatsappConversations.updatedAt, conversation.updatedAt)))
        .returning({ id: whatsappConversations.id });
      if (updated && notice) await queueReplies(tx, conversation.contactId, [{ content: notice }]);
      return Boolean(updated);
    });
    if (reset && notice) told.push(conversation.contactId);
  }
  return told;
}
