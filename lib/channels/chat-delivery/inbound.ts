import 'server-only';
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { chatCatalogue, chatDemandSummaries } from '@/lib/demands/chat-lookups';
import { componentLog, errorKind } from '@/lib/log';
import { performAction, prepareAction, type Performed } from '../chat/actions';
import { previewOf } from '../chat/content';
import {
  expiresAtFor,
  parseConversationState,
  receive,
  settle,
  START,
  type ConversationContext,
  type ConversationState,
  type Outcome,
} from '../chat/conversation';
import type { ChatPlatformPort, ConversationRow, InboundRow, Reply } from './port';
import { drainReplies, queueReplies } from './replies';

/**
 * Works the stored messages of a contact: one at a time, in the order the citizen sent them, each in a
 * transaction that applies its effect, stores the new conversation state and marks it processed — so a
 * message is applied once even when Meta delivers it twice or two instances race. A lease on the
 * conversation row keeps a contact's messages with one worker at a time; replies go out after commit.
 */

const MAX_ATTEMPTS = 5;
/** 30 s, 1 min, 2 min, 4 min, then the citizen is asked to send it again. */
const RETRY_BASE_SECONDS = 30;

/** Called right after the webhook answers (Next's `after`) and by the worker for anything left behind. */
export async function processContacts<Contact extends { id: string }>(port: ChatPlatformPort<Contact>, contactIds: Iterable<string>): Promise<void> {
  for (const contactId of new Set(contactIds)) {
    try {
      await processContact(port, contactId);
    } catch (error) {
      componentLog(port.component).error({ contactId, ...errorKind(error) }, 'could not process a contact');
    }
  }
}

async function processContact<Contact extends { id: string }>(port: ChatPlatformPort<Contact>, contactId: string): Promise<void> {
  // Re-checks after releasing the lease: a message stored while we held it was left for us.
  const rounds = port.retakesLeftWork ? 5 : 1;
  for (let round = 0; round < rounds; round++) {
    if (!(await takeLease(port, contactId))) return;
    try {
      await processBacklog(port, contactId);
      await drainReplies(port, contactId);
    } finally {
      await releaseLease(port, contactId);
    }
    if (!port.retakesLeftWork || !(await hasWork(port, contactId))) return;
  }
}

async function takeLease<Contact extends { id: string }>(port: ChatPlatformPort<Contact>, contactId: string): Promise<boolean> {
  const { conversations } = port.tables;
  const db = await getDb();
  const taken = await db
    .update(conversations)
    .set({ leaseUntil: sql`now() + make_interval(secs => ${port.leaseSeconds()})` })
    .where(and(eq(conversations.contactId, contactId), or(isNull(conversations.leaseUntil), lt(conversations.leaseUntil, sql`now()`))))
    .returning({ id: conversations.id });
  return taken.length > 0;
}

async function releaseLease<Contact extends { id: string }>(port: ChatPlatformPort<Contact>, contactId: string): Promise<void> {
  const { conversations } = port.tables;
  const db = await getDb();
  await db.update(conversations).set({ leaseUntil: null }).where(eq(conversations.contactId, contactId));
}

async function hasWork<Contact extends { id: string }>(port: ChatPlatformPort<Contact>, contactId: string): Promise<boolean> {
  const { inbound, outbound } = port.tables;
  const db = await getDb();
  const [fresh] = await db
    .select({ id: inbound.id })
    .from(inbound)
    // Only fresh arrivals: a message that failed is retried by the worker later, not in a tight loop.
    .where(and(eq(inbound.contactId, contactId), isNull(inbound.processedAt), eq(inbound.attempts, 0)))
    .limit(1);
  if (fresh) return true;
  const [waiting] = await db
    .select({ id: outbound.id })
    .from(outbound)
    .where(and(eq(outbound.contactId, contactId), isNull(outbound.outboxId), eq(outbound.status, 'pending')))
    .limit(1);
  return Boolean(waiting);
}

async function processBacklog<Contact extends { id: string }>(port: ChatPlatformPort<Contact>, contactId: string): Promise<void> {
  const { inbound, conversations } = port.tables;
  const db = await getDb();
  for (;;) {
    const [message] = await db
      .select()
      .from(inbound)
      .where(and(eq(inbound.contactId, contactId), isNull(inbound.processedAt)))
      .orderBy(asc(inbound.sentAt), asc(inbound.receivedAt), asc(inbound.id))
      .limit(1);
    if (!message) return;
    // A message that failed waits for its retry time, and the ones after it wait with it (order).
    if (message.retryAt && message.retryAt > new Date()) return;
    const contact = await port.findContact(db, contactId);
    const [conversation] = await db.select().from(conversations).where(eq(conversations.contactId, contactId));
    if (!contact || !conversation) return;
    try {
      await processMessage(port, message, contact, conversation);
    } catch (error) {
      // Later messages wait for this one, or the conversation would answer them out of order.
      if (!(await recordFailure(port, message, contact, error))) return;
    }
  }
}

async function processMessage<Contact extends { id: string }>(port: ChatPlatformPort<Contact>, message: InboundRow, contact: Contact, conversation: ConversationRow): Promise<void> {
  const { inbound, conversations } = port.tables;
  const db = await getDb();
  const now = new Date();
  const at = message.sentAt;
  const input = port.inputOf(message.payload);

  const stored = parseConversationState(conversation.state);
  const expired = Boolean(conversation.expiresAt && at > conversation.expiresAt);
  const state: ConversationState = expired ? START : stored;

  const ctx = await contextFor(port, contact, at);
  const outcome: Outcome | null = input ? receive(stored, input, ctx, expired) : null;
  const action = outcome?.action;
  const contactPort = port.contactPort(contact);
  const prepared = action ? await prepareAction(action, contactPort, db) : null;

  await db.transaction(async (tx) => {
    const [locked] = await tx.select({ processedAt: inbound.processedAt }).from(inbound).where(eq(inbound.id, message.id)).for('update');
    if (!locked || locked.processedAt) return;

    let final: Outcome = outcome ?? { state, replies: [] };
    let performed: Performed | null = null;
    if (outcome && action && prepared) {
      performed = await performAction(tx, action, { port: contactPort, now: at, prepared });
      const settled = settle(outcome.state, performed.result, ctx);
      final = { state: settled.state, replies: [...outcome.replies, ...settled.replies] };
    }
    const demandId = performed?.demandId ?? null;
    // The access code is stored only hashed: the reply that shows it is blanked once Meta has it.
    const accessCode = performed?.result.type === 'filed' ? performed.result.accessCode : undefined;
    const replies: Reply[] = final.replies.map((content) => ({ content, demandId, sensitive: Boolean(accessCode && previewOf(content).includes(accessCode)) }));

    await tx
      .update(conversations)
      .set({ state: final.state, step: final.state.step, lastActivityAt: at, expiresAt: expiresAtFor(final.state, at), updatedAt: now })
      .where(eq(conversations.id, conversation.id));
    await queueReplies(tx, port.tables, contact.id, replies);
    await tx
      .update(inbound)
      .set({ processedAt: now, demandId, attempts: message.attempts + 1, lastError: null, retryAt: null })
      .where(eq(inbound.id, message.id));
  });
}

/** Returns true when the message was given up on (it stops blocking the ones after it). */
async function recordFailure<Contact extends { id: string }>(port: ChatPlatformPort<Contact>, message: InboundRow, contact: Contact, error: unknown): Promise<boolean> {
  const { inbound } = port.tables;
  const db = await getDb();
  const attempts = message.attempts + 1;
  const detail = error instanceof Error ? error.message : String(error);
  const gaveUp = attempts >= MAX_ATTEMPTS;
  componentLog(port.componentOf(contact)).warn({ messageId: message.messageId, attempts, gaveUp, ...errorKind(error) }, 'inbound message failed');
  await db.transaction(async (tx) => {
    await tx
      .update(inbound)
      .set({
        attempts,
        lastError: detail.slice(0, 1000),
        ...(gaveUp ? { processedAt: new Date(), retryAt: null } : { retryAt: new Date(Date.now() + RETRY_BASE_SECONDS * 1000 * 2 ** (attempts - 1)) }),
      })
      .where(eq(inbound.id, message.id));
    if (gaveUp) {
      await queueReplies(tx, port.tables, contact.id, [
        { content: { kind: 'text', text: 'Desculpe, não consegui tratar sua última mensagem. Por favor, envie de novo daqui a pouco.' } },
      ]);
    }
  });
  return gaveUp;
}

async function contextFor<Contact extends { id: string }>(port: ChatPlatformPort<Contact>, contact: Contact, at: Date): Promise<ConversationContext> {
  const { contactDemands } = port.tables;
  const db = await getDb();
  const links = await db.select({ demandId: contactDemands.demandId }).from(contactDemands).where(eq(contactDemands.contactId, contact.id));
  const [catalogue, mine] = await Promise.all([chatCatalogue(db), chatDemandSummaries(db, links.map((l) => l.demandId))]);
  return { now: at, ...catalogue, ...port.conversationContact(contact), myDemands: mine };
}

/** Contacts with messages waiting: left by a crash, a failed download, or a busy lease. */
export async function contactsWithPendingWork<Contact extends { id: string }>(port: ChatPlatformPort<Contact>, olderThanSeconds = 10, limit = 50): Promise<string[]> {
  const { inbound, outbound } = port.tables;
  const db = await getDb();
  const arrived = await db
    .selectDistinct({ contactId: inbound.contactId })
    .from(inbound)
    .where(
      and(
        isNull(inbound.processedAt),
        or(and(isNull(inbound.retryAt), lt(inbound.receivedAt, sql`now() - make_interval(secs => ${olderThanSeconds})`)), lte(inbound.retryAt, sql`now()`)),
      ),
    )
    .limit(limit);
  const leftToSend = port.retakesLeftWork
    ? await db
        .selectDistinct({ contactId: outbound.contactId })
        .from(outbound)
        .where(
          and(
            isNull(outbound.outboxId),
            inArray(outbound.status, ['pending', 'sending']),
            lt(outbound.createdAt, sql`now() - make_interval(secs => ${olderThanSeconds})`),
          ),
        )
        .limit(limit)
    : [];
  return [...new Set([...arrived, ...leftToSend].map((row) => row.contactId))];
}
