import 'server-only';
import { and, eq, lt, ne } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { messengerConversations } from '@/lib/db/schema';
import { expiryNotice, parseConversationState, START } from '../chat/conversation';
import { messengerContactsWithPendingWork, processMessengerContacts } from './inbound';
import { queueMessengerReplies } from './outbound';

/**
 * Messenger's and Instagram's share of the worker's loop, as WhatsApp's: messages a process stored but did
 * not finish, and conversations dropped for inactivity — with a word to the citizen when something was lost.
 */
export async function runMessengerMaintenance(now = new Date()): Promise<{ contacts: number; expired: number }> {
  const expired = await expireIdleMessengerConversations(now);
  const contacts = await messengerContactsWithPendingWork();
  await processMessengerContacts([...contacts, ...expired]);
  return { contacts: contacts.length, expired: expired.length };
}

export async function expireIdleMessengerConversations(now = new Date(), limit = 100): Promise<string[]> {
  const db = await getDb();
  const idle = await db
    .select()
    .from(messengerConversations)
    .where(and(ne(messengerConversations.step, 'start'), lt(messengerConversations.expiresAt, now)))
    .limit(limit);
  const told: string[] = [];
  for (const conversation of idle) {
    const notice = expiryNotice(parseConversationState(conversation.state));
    const reset = await db.transaction(async (tx) => {
      // Only if nothing moved since it was read (a message being processed wins).
      const [updated] = await tx
        .update(messengerConversations)
        .set({ state: START, step: START.step, expiresAt: null, updatedAt: now })
        .where(and(eq(messengerConversations.id, conversation.id), eq(messengerConversations.updatedAt, conversation.updatedAt)))
        .returning({ id: messengerConversations.id });
      if (updated && notice) await queueMessengerReplies(tx, conversation.contactId, [{ content: notice }]);
      return Boolean(updated);
    });
    if (reset && notice) told.push(conversation.contactId);
  }
  return told;
}
