import 'server-only';
import { and, eq, lt, ne } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { expiryNotice, parseConversationState, START } from '../chat/conversation';
import { contactsWithPendingWork, processContacts } from './inbound';
import type { ChatPlatformPort, ChatTables } from './port';
import { queueReplies } from './replies';

/**
 * A chat channel's share of the delivery worker's loop (call it every few seconds): messages a process
 * stored but did not finish (crash, failed download, lease held), and conversations dropped for
 * inactivity — with a word to the citizen when something was lost.
 */
export async function runChatMaintenance<Contact extends { id: string }>(port: ChatPlatformPort<Contact>, now = new Date()): Promise<{ contacts: number; expired: number }> {
  const expired = await expireIdleConversations(port.tables, now);
  const contacts = await contactsWithPendingWork(port);
  await processContacts(port, [...contacts, ...expired]);
  return { contacts: contacts.length, expired: expired.length };
}

/** Resets conversations idle past their expiry; returns the contacts that were told, for their reply to go out. */
export async function expireIdleConversations(tables: Pick<ChatTables, 'conversations' | 'outbound'>, now = new Date(), limit = 100): Promise<string[]> {
  const { conversations } = tables;
  const db = await getDb();
  const idle = await db
    .select()
    .from(conversations)
    .where(and(ne(conversations.step, 'start'), lt(conversations.expiresAt, now)))
    .limit(limit);
  const told: string[] = [];
  for (const conversation of idle) {
    const notice = expiryNotice(parseConversationState(conversation.state));
    const reset = await db.transaction(async (tx) => {
      // Only if nothing moved since it was read (a message being processed wins).
      const [updated] = await tx
        .update(conversations)
        .set({ state: START, step: START.step, expiresAt: null, updatedAt: now })
        .where(and(eq(conversations.id, conversation.id), eq(conversations.updatedAt, conversation.updatedAt)))
        .returning({ id: conversations.id });
      if (updated && notice) await queueReplies(tx, tables, conversation.contactId, [{ content: notice }]);
      return Boolean(updated);
    });
    if (reset && notice) told.push(conversation.contactId);
  }
  return told;
}
