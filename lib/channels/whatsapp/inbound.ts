import 'server-only';
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import {
  whatsappContactDemands,
  whatsappContacts,
  whatsappConversations,
  whatsappInboundMessages,
  whatsappOutboundMessages,
  type WhatsappContact,
  type WhatsappConversation,
  type WhatsappInboundMessage,
} from '@/lib/db/schema';
import { performAction, prepareAction, type Performed } from '../chat/actions';
import { chatCatalogue, chatDemandSummaries } from '@/lib/demands/chat-lookups';
import { whatsappContactPort } from './contact-port';
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
import { conversationInputOf } from './inbound-input';
import { CHAT_SURFACES } from '../chat/surface';
import { previewOf } from './messages';
import { drainReplies, queueReplies, type Reply } from './outbound';
import { componentLog, errorKind } from '@/lib/log';

/**
 * Works the stored messages of a contact: one at a time, in the order the citizen sent them, each in a
 * transaction that applies its effect, stores the new conversation state and marks it processed — so a
 * message is applied once even when Meta delivers it twice or two instances race. A lease on the
 * conversation row keeps a contact's messages with one worker at a time; replies go out after commit.
 */

/**
 * Long enough for a filing with five attachments downloaded from Meta. It is also how long a contact
 * whose process died mid-work (a killed instance) waits before the worker's upkeep takes it over:
 * WHATSAPP_CONTACT_LEASE_SECONDS shortens it where downloads are small (the chaos test uses 10).
 */
function leaseSeconds(): number {
  const configured = Number(process.env.WHATSAPP_CONTACT_LEASE_SECONDS);
  return Number.isFinite(configured) && configured >= 5 ? configured : 300;
}
const MAX_ATTEMPTS = 5;
/** 30 s, 1 min, 2 min, 4 min, then the citizen is asked to send it again. */
const RETRY_BASE_SECONDS = 30;

/** Called right after the webhook answers (Next's `after`) and by the worker for anything left behind. */
export async function processWhatsappContacts(contactIds: Iterable<string>): Promise<void> {
  for (const contactId of new Set(contactIds)) {
    try {
      await processContact(contactId);
    } catch (error) {
      componentLog('whatsapp').error({ contactId, ...errorKind(error) }, 'could not process a contact');
    }
  }
}

export async function processContact(contactId: string): Promise<void> {
  // Re-checks after releasing the lease: a message stored while we held it was left for us.
  for (let round = 0; round < 5; round++) {
    if (!(await takeLease(contactId))) return;
    try {
      await processBacklog(contactId);
      await drainReplies(contactId);
    } finally {
      await releaseLease(contactId);
    }
    if (!(await hasWork(contactId))) return;
  }
}

async function takeLease(contactId: string): Promise<boolean> {
  const db = await getDb();
  const taken = await db
    .update(whatsappConversations)
    .set({ leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds()})` })
    .where(
      and(
        eq(whatsappConversations.contactId, contactId),
        or(isNull(whatsappConversations.leaseUntil), lt(whatsappConversations.leaseUntil, sql`now()`)),
      ),
    )
    .returning({ id: whatsappConversations.id });
  return taken.length > 0;
}

async function releaseLease(contactId: string): Promise<void> {
  const db = await getDb();
  await db.update(whatsappConversations).set({ leaseUntil: null }).where(eq(whatsappConversations.contactId, contactId));
}

async function hasWork(contactId: string): Promise<boolean> {
  const db = await getDb();
  const [inbound] = await db
    .select({ id: whatsappInboundMessages.id })
    .from(whatsappInboundMessages)
    // Only fresh arrivals: a message that failed is retried by the worker later, not in a tight loop.
    .where(and(eq(whatsappInboundMessages.contactId, contactId), isNull(whatsappInboundMessages.processedAt), eq(whatsappInboundMessages.attempts, 0)))
    .limit(1);
  if (inbound) return true;
  const [outbound] = await db
    .select({ id: whatsappOutboundMessages.id })
    .from(whatsappOutboundMessages)
    .where(and(eq(whatsappOutboundMessages.contactId, contactId), isNull(whatsappOutboundMessages.outboxId), eq(whatsappOutboundMessages.status, 'pending')))
    .limit(1);
  return Boolean(outbound);
}

async function processBacklog(contactId: string): Promise<void> {
  const db = await getDb();
  for (;;) {
    const [message] = await db
      .select()
      .from(whatsappInboundMessages)
      .where(and(eq(whatsappInboundMessages.contactId, contactId), isNull(whatsappInboundMessages.processedAt)))
      .orderBy(asc(whatsappInboundMessages.sentAt), asc(whatsappInboundMessages.receivedAt), asc(whatsappInboundMessages.id))
      .limit(1);
    if (!message) return;
    // A message that failed waits for its retry time, and the ones after it wait with it (order).
    if (message.retryAt && message.retryAt > new Date()) return;
    const [contact] = await db.select().from(whatsappContacts).where(eq(whatsappContacts.id, contactId));
    const [conversation] = await db.select().from(whatsappConversations).where(eq(whatsappConversations.contactId, contactId));
    if (!contact || !conversation) return;
    try {
      await processMessage(message, contact, conversation);
    } catch (error) {
      const gaveUp = await recordFailure(message, contactId, error);
      // Later messages wait for this one, or the conversation would answer them out of order.
      if (!gaveUp) return;
    }
  }
}

async function processMessage(message: WhatsappInboundMessage, contact: WhatsappContact, conversation: WhatsappConversation): Promise<void> {
  const db = await getDb();
  const now = new Date();
  const at = message.sentAt;
  const input = conversationInputOf(message.payload);

  const stored = parseConversationState(conversation.state);
  const expired = Boolean(conversation.expiresAt && at > conversation.expiresAt);
  const state: ConversationState = expired ? START : stored;
  const replies: Reply[] = [];

  const ctx = await contextFor(contact, at);
  const outcome: Outcome | null = input ? receive(stored, input, ctx, expired) : null;
  const action = outcome?.action;
  const port = whatsappContactPort(contact);
  const prepared = action ? await prepareAction(action, port, db) : null;

  await db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ processedAt: whatsappInboundMessages.processedAt })
      .from(whatsappInboundMessages)
      .where(eq(whatsappInboundMessages.id, message.id))
      .for('update');
    if (!locked || locked.processedAt) return;

    let final: Outcome = outcome ?? { state, replies: [] };
    let performed: Performed | null = null;
    if (outcome && action && prepared) {
      performed = await performAction(tx, action, { port, now: at, prepared });
      const settled = settle(outcome.state, performed.result, ctx);
      final = { state: settled.state, replies: [...outcome.replies, ...settled.replies] };
    }
    const demandId = performed?.demandId ?? null;
    // The access code is stored only hashed: the reply that shows it is blanked once Meta has it.
    const accessCode = performed?.result.type === 'filed' ? performed.result.accessCode : undefined;
    replies.push(...final.replies.map((content) => ({ content, demandId, sensitive: Boolean(accessCode && previewOf(content).includes(accessCode)) })));

    await tx
      .update(whatsappConversations)
      .set({
        state: final.state,
        step: final.state.step,
        lastActivityAt: at,
        expiresAt: expiresAtFor(final.state, at),
        updatedAt: now,
      })
      .where(eq(whatsappConversations.id, conversation.id));
    await queueReplies(tx, contact.id, replies);
    await tx
      .update(whatsappInboundMessages)
      .set({ processedAt: now, demandId, attempts: message.attempts + 1, lastError: null, retryAt: null })
      .where(eq(whatsappInboundMessages.id, message.id));
  });
}

/** Returns true when the message was given up on (it stops blocking the ones after it). */
async function recordFailure(message: WhatsappInboundMessage, contactId: string, error: unknown): Promise<boolean> {
  const db = await getDb();
  const attempts = message.attempts + 1;
  const detail = error instanceof Error ? error.message : String(error);
  const gaveUp = attempts >= MAX_ATTEMPTS;
  componentLog('whatsapp').warn({ messageId: message.messageId, attempts, gaveUp, ...errorKind(error) }, 'inbound message failed');
  await db.transaction(async (tx) => {
    await tx
      .update(whatsappInboundMessages)
      .set({
        attempts,
        lastError: detail.slice(0, 1000),
        ...(gaveUp ? { processedAt: new Date(), retryAt: null } : { retryAt: new Date(Date.now() + RETRY_BASE_SECONDS * 1000 * 2 ** (attempts - 1)) }),
      })
      .where(eq(whatsappInboundMessages.id, message.id));
    if (gaveUp) {
      await queueReplies(tx, contactId, [
        { content: { kind: 'text', text: 'Desculpe, não consegui tratar sua última mensagem. Por favor, envie de novo daqui a pouco.' } },
      ]);
    }
  });
  return gaveUp;
}

async function contextFor(contact: WhatsappContact, at: Date): Promise<ConversationContext> {
  const db = await getDb();
  const links = await db
    .select({ demandId: whatsappContactDemands.demandId })
    .from(whatsappContactDemands)
    .where(eq(whatsappContactDemands.contactId, contact.id));
  const [catalogue, mine] = await Promise.all([chatCatalogue(db), chatDemandSummaries(db, links.map((l) => l.demandId))]);
  return {
    now: at,
    ...catalogue,
    contact: { profileName: contact.profileName, phone: contact.phone },
    myDemands: mine,
    surface: CHAT_SURFACES.whatsapp,
  };
}

/** Contacts with messages waiting: left by a crash, a failed download, or a busy lease. */
export async function contactsWithPendingWork(olderThanSeconds = 10, limit = 50): Promise<string[]> {
  const db = await getDb();
  const inbound = await db
    .selectDistinct({ contactId: whatsappInboundMessages.contactId })
    .from(whatsappInboundMessages)
    .where(
      and(
        isNull(whatsappInboundMessages.processedAt),
        or(
          and(isNull(whatsappInboundMessages.retryAt), lt(whatsappInboundMessages.receivedAt, sql`now() - make_interval(secs => ${olderThanSeconds})`)),
          lte(whatsappInboundMessages.retryAt, sql`now()`),
        ),
      ),
    )
    .limit(limit);
  const outbound = await db
    .selectDistinct({ contactId: whatsappOutboundMessages.contactId })
    .from(whatsappOutboundMessages)
    .where(
      and(
        isNull(whatsappOutboundMessages.outboxId),
        inArray(whatsappOutboundMessages.status, ['pending', 'sending']),
        lt(whatsappOutboundMessages.createdAt, sql`now() - make_interval(secs => ${olderThanSeconds})`),
      ),
    )
    .limit(limit);
  return [...new Set([...inbound, ...outbound].map((row) => row.contactId))];
}
