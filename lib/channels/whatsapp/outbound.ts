import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { getDb, type Executor } from '@/lib/db/client';
import { whatsappContacts, whatsappOutboundMessages, type WhatsappContact, type WhatsappOutboundMessage } from '@/lib/db/schema';
import { isSimulated } from './config';
import { addressOf } from './contacts';
import { postGraphMessage, WhatsappApiError } from './graph';
import { OutgoingContentSchema, previewOf, toGraphMessage, type OutgoingContent } from './messages';

/**
 * Conversation replies are written as rows in the same transaction as the state change that produced
 * them, then sent in order right after it commits (by whoever holds the contact's lease). They answer
 * a message inside Meta's 24-hour window and must arrive in order and at once, which the outbox — built
 * for independent notifications retried with backoff by any worker — does not promise.
 */

export type Reply = { content: OutgoingContent; demandId?: string | null; sensitive?: boolean };

const MAX_REPLY_ATTEMPTS = 5;
const REDACTED = 'Mensagem com código de acesso, removida daqui depois do envio.';

export async function queueReplies(db: Executor, contactId: string, replies: Reply[]): Promise<void> {
  if (!replies.length) return;
  await db.insert(whatsappOutboundMessages).values(
    replies.map((reply) => ({
      contactId,
      demandId: reply.demandId ?? null,
      kind: reply.content.kind,
      content: { ...reply.content, ...(reply.sensitive ? { sensitive: true } : {}) },
      preview: previewOf(reply.content),
    })),
  );
}

export type Delivered = { providerMessageId: string; transport: 'cloud_api' | 'simulator' };

/** Sends through the Cloud API, or — without credentials — keeps it for the simulator page. */
export async function deliverContent(contact: Pick<WhatsappContact, 'waId' | 'userId'>, content: OutgoingContent): Promise<Delivered> {
  if (isSimulated()) return { providerMessageId: `sim.${randomUUID()}`, transport: 'simulator' };
  const providerMessageId = await postGraphMessage(toGraphMessage(addressOf(contact), content));
  return { providerMessageId, transport: 'cloud_api' };
}

export function contentOf(row: Pick<WhatsappOutboundMessage, 'content'>): OutgoingContent {
  return OutgoingContentSchema.parse(row.content);
}

/** Sends the contact's waiting replies, oldest first; stops at a failure worth retrying, to keep order. */
export async function drainReplies(contactId: string): Promise<void> {
  const db = await getDb();
  const [contact] = await db.select().from(whatsappContacts).where(eq(whatsappContacts.id, contactId));
  if (!contact) return;
  for (;;) {
    const [row] = await db
      .select()
      .from(whatsappOutboundMessages)
      .where(
        and(
          eq(whatsappOutboundMessages.contactId, contactId),
          isNull(whatsappOutboundMessages.outboxId),
          inArray(whatsappOutboundMessages.status, ['pending', 'sending']),
        ),
      )
      .orderBy(asc(whatsappOutboundMessages.id))
      .limit(1);
    if (!row) return;
    const attempts = row.attempts + 1;
    await db.update(whatsappOutboundMessages).set({ status: 'sending', attempts }).where(eq(whatsappOutboundMessages.id, row.id));
    try {
      const sent = await deliverContent(contact, contentOf(row));
      const forget = (row.content as { sensitive?: boolean }).sensitive && sent.transport === 'cloud_api';
      await db
        .update(whatsappOutboundMessages)
        .set({
          status: 'accepted',
          transport: sent.transport,
          providerMessageId: sent.providerMessageId,
          statusAt: new Date(),
          lastError: null,
          ...(forget ? { content: { kind: 'text', text: REDACTED }, preview: REDACTED } : {}),
        })
        .where(eq(whatsappOutboundMessages.id, row.id));
    } catch (error) {
      const apiError = asApiError(error);
      const retry = apiError.retryable && attempts < MAX_REPLY_ATTEMPTS;
      await db
        .update(whatsappOutboundMessages)
        .set({ status: retry ? 'pending' : 'failed', lastError: apiError.message, errorCode: apiError.code ?? null, statusAt: new Date() })
        .where(eq(whatsappOutboundMessages.id, row.id));
      if (retry) return;
    }
  }
}

export function asApiError(error: unknown): WhatsappApiError {
  if (error instanceof WhatsappApiError) return error;
  return new WhatsappApiError(error instanceof Error ? error.message : String(error), 0, undefined, false);
}
