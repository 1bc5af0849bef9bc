import 'server-only';
import { and, asc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import {
  messengerContactDemands,
  messengerContacts,
  messengerConversations,
  messengerInboundMessages,
  type MessengerContact,
  type MessengerConversation,
  type MessengerInboundMessage,
} from '@/lib/db/schema';
import { chatCatalogue, chatDemandSummaries } from '@/lib/demands/chat-lookups';
import { componentLog, errorKind } from '@/lib/log';
import { performAction, prepareAction, type Performed } from '../chat/actions';
import { previewOf } from '../chat/content';
import { expiresAtFor, parseConversationState, receive, settle, type ConversationContext, type Outcome } from '../chat/conversation';
import { CHAT_SURFACES } from '../chat/surface';
import { messengerContactPort } from './contact-port';
import { messengerInputOf } from './inbound-input';
import { drainMessengerReplies, queueMessengerReplies, type Reply } from './outbound';

/**
 * Works a Messenger/Instagram contact's stored messages as WhatsApp's do (lib/channels/whatsapp/inbound.ts):
 * one at a time, in order, each in a transaction that applies its effect, stores the new state and marks
 * it processed — so a message is applied once even when Meta delivers it twice. A lease on the
 * conversation keeps a contact with one process at a time; replies go out after commit.
 */

const LEASE_SECONDS = 300;
const MAX_ATTEMPTS = 5;
const RETRY_BASE_SECONDS = 30;

export async function processMessengerContacts(contactIds: Iterable<string>): Promise<void> {
  for (const contactId of new Set(contactIds)) {
    try {
      await processContact(contactId);
    } catch (error) {
      componentLog('messenger').error({ contactId, ...errorKind(error) }, 'could not process a contact');
    }
  }
}

async function processContact(contactId: string): Promise<void> {
  const db = await getDb();
  const taken = await db
    .update(messengerConversations)
    .set({ leaseUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
    .where(and(eq(messengerConversations.contactId, contactId), or(isNull(messengerConversations.leaseUntil), lt(messengerConversations.leaseUntil, sql`now()`))))
    .returning({ id: messengerConversations.id });
  if (!taken.length) return;
  try {
    await processBacklog(contactId);
    await drainMessengerReplies(contactId);
  } finally {
    await db.update(messengerConversations).set({ leaseUntil: null }).where(eq(messengerConversations.contactId, contactId));
  }
}

async function processBacklog(contactId: string): Promise<void> {
  const db = await getDb();
  for (;;) {
    const [message] = await db
      .select()
      .from(messengerInboundMessages)
      .where(and(eq(messengerInboundMessages.contactId, contactId), isNull(messengerInboundMessages.processedAt)))
      .orderBy(asc(messengerInboundMessages.sentAt), asc(messengerInboundMessages.receivedAt), asc(messengerInboundMessages.id))
      .limit(1);
    if (!message) return;
    if (message.retryAt && message.retryAt > new Date()) return;
    const [contact] = await db.select().from(messengerContacts).where(eq(messengerContacts.id, contactId));
    const [conversation] = await db.select().from(messengerConversations).where(eq(messengerConversations.contactId, contactId));
    if (!contact || !conversation) return;
    try {
      await processMessage(message, contact, conversation);
    } catch (error) {
      // Later messages wait for this one, or the conversation would answer them out of order.
      if (!(await recordFailure(message, contactId, error))) return;
    }
  }
}

async function processMessage(message: MessengerInboundMessage, contact: MessengerContact, conversation: MessengerConversation): Promise<void> {
  const db = await getDb();
  const now = new Date();
  const at = message.sentAt;
  const stored = parseConversationState(conversation.state);
  const expired = Boolean(conversation.expiresAt && at > conversation.expiresAt);
  const ctx = await contextFor(contact, at);
  const outcome = receive(stored, messengerInputOf(message.payload), ctx, expired);
  const port = messengerContactPort(contact);
  const prepared = outcome.action ? await prepareAction(outcome.action, port, db) : null;

  await db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ processedAt: messengerInboundMessages.processedAt })
      .from(messengerInboundMessages)
      .where(eq(messengerInboundMessages.id, message.id))
      .for('update');
    if (!locked || locked.processedAt) return;

    let final: Outcome = outcome;
    let performed: Performed | null = null;
    if (outcome.action && prepared) {
      performed = await performAction(tx, outcome.action, { port, now: at, prepared });
      const settled = settle(outcome.state, performed.result, ctx);
      final = { state: settled.state, replies: [...outcome.replies, ...settled.replies] };
    }
    const demandId = performed?.demandId ?? null;
    const accessCode = performed?.result.type === 'filed' ? performed.result.accessCode : undefined;
    const replies: Reply[] = final.replies.map((content) => ({ content, demandId, sensitive: Boolean(accessCode && previewOf(content).includes(accessCode)) }));
    await tx
      .update(messengerConversations)
      .set({ state: final.state, step: final.state.step, lastActivityAt: at, expiresAt: expiresAtFor(final.state, at), updatedAt: now })
      .where(eq(messengerConversations.id, conversation.id));
    await queueMessengerReplies(tx, contact.id, replies);
    await tx
      .update(messengerInboundMessages)
      .set({ processedAt: now, demandId, attempts: message.attempts + 1, lastError: null, retryAt: null })
      .where(eq(messengerInboundMessages.id, message.id));
  });
}

/** Returns true when the message was given up on (it stops blocking the ones after it). */
async function recordFailure(message: MessengerInboundMessage, contactId: string, error: unknown): Promise<boolean> {
  const db = await getDb();
  const attempts = message.attempts + 1;
  const gaveUp = attempts >= MAX_ATTEMPTS;
  componentLog(message.platform).warn({ attempts, gaveUp, ...errorKind(error) }, 'inbound message failed');
  await db.transaction(async (tx) => {
    await tx
      .update(messengerInboundMessages)
      .set({
        attempts,
        lastError: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
        ...(gaveUp ? { processedAt: new Date(), retryAt: null } : { retryAt: new Date(Date.now() + RETRY_BASE_SECONDS * 1000 * 2 ** (attempts - 1)) }),
      })
      .where(eq(messengerInboundMessages.id, message.id));
    if (gaveUp) {
      await queueMessengerReplies(tx, contactId, [
        { content: { kind: 'text', text: 'Desculpe, não consegui tratar sua última mensagem. Por favor, envie de novo daqui a pouco.' } },
      ]);
    }
  });
  return gaveUp;
}

async function contextFor(contact: MessengerContact, at: Date): Promise<ConversationContext> {
  const db = await getDb();
  const links = await db
    .select({ demandId: messengerContactDemands.demandId })
    .from(messengerContactDemands)
    .where(eq(messengerContactDemands.contactId, contact.id));
  const [catalogue, mine] = await Promise.all([chatCatalogue(db), chatDemandSummaries(db, links.map((l) => l.demandId))]);
  return {
    now: at,
    ...catalogue,
    // Neither platform shares a phone; the profile name would need another Graph call and permission.
    contact: { profileName: contact.profileName, phone: null },
    myDemands: mine,
    surface: CHAT_SURFACES[contact.platform],
  };
}

/** Contacts with messages left waiting (a crash, a failed download, a busy lease), for the worker. */
export async function messengerContactsWithPendingWork(olderThanSeconds = 10, limit = 50): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .selectDistinct({ contactId: messengerInboundMessages.contactId })
    .from(messengerInboundMessages)
    .where(
      and(
        isNull(messengerInboundMessages.processedAt),
        or(
          and(isNull(messengerInboundMessages.retryAt), lt(messengerInboundMessages.receivedAt, sql`now() - make_interval(secs => ${olderThanSeconds})`)),
          lte(messengerInboundMessages.retryAt, sql`now()`),
        ),
      ),
    )
    .limit(limit);
  return rows.map((row) => row.contactId);
}
