import 'server-only';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { getDb, type Executor } from '@/lib/db/client';
import { OutgoingContentSchema, previewOf } from '../chat/content';
import type { ChatPlatformPort, ChatTables, Reply } from './port';

/**
 * Conversation replies are written as rows in the same transaction as the state change that produced
 * them, then sent in order right after it commits (by whoever holds the contact's lease). They answer
 * a message inside Meta's 24-hour window and must arrive in order and at once, which the outbox — built
 * for independent notifications retried with backoff by any worker — does not promise.
 */

const MAX_REPLY_ATTEMPTS = 5;
const REDACTED = 'Mensagem com código de acesso, removida daqui depois do envio.';

export async function queueReplies(db: Executor, tables: Pick<ChatTables, 'outbound'>, contactId: string, replies: Reply[]): Promise<void> {
  if (!replies.length) return;
  await db.insert(tables.outbound).values(
    replies.map((reply) => ({
      contactId,
      demandId: reply.demandId ?? null,
      kind: reply.content.kind,
      content: { ...reply.content, ...(reply.sensitive ? { sensitive: true } : {}) },
      preview: previewOf(reply.content),
    })),
  );
}

/** Sends the contact's waiting replies, oldest first; stops at a failure worth retrying, to keep order. */
export async function drainReplies<Contact extends { id: string }>(port: ChatPlatformPort<Contact>, contactId: string): Promise<void> {
  const { outbound } = port.tables;
  const db = await getDb();
  const contact = await port.findContact(db, contactId);
  if (!contact) return;
  for (;;) {
    const [row] = await db
      .select()
      .from(outbound)
      .where(and(eq(outbound.contactId, contactId), isNull(outbound.outboxId), inArray(outbound.status, ['pending', 'sending'])))
      .orderBy(asc(outbound.id))
      .limit(1);
    if (!row) return;
    const attempts = row.attempts + 1;
    await db.update(outbound).set({ status: 'sending', attempts }).where(eq(outbound.id, row.id));
    try {
      const sent = await port.deliver(contact, OutgoingContentSchema.parse(row.content));
      // The access code is stored only hashed: the reply that shows it is blanked once Meta has it.
      const forget = (row.content as { sensitive?: boolean }).sensitive && sent.transport === port.remoteTransport;
      await db
        .update(outbound)
        .set({
          status: 'accepted',
          transport: sent.transport,
          providerMessageId: sent.providerMessageId,
          statusAt: new Date(),
          lastError: null,
          ...(forget ? { content: { kind: 'text', text: REDACTED }, preview: REDACTED } : {}),
        })
        .where(eq(outbound.id, row.id));
    } catch (error) {
      const failure = port.asFailure(error);
      const retry = failure.retryable && attempts < MAX_REPLY_ATTEMPTS;
      await db
        .update(outbound)
        .set({
          status: retry ? 'pending' : 'failed',
          lastError: failure.message,
          statusAt: new Date(),
          ...(port.keepsErrorCode ? { errorCode: failure.code ?? null } : {}),
        })
        .where(eq(outbound.id, row.id));
      if (retry) return;
    }
  }
}
