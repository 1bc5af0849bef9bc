import 'server-only';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { DEMAND_STATES, SERVICES } from '@/lib/domain/vocabulary';
import type { ChatTables } from './port';

/** What the delivery worker needs to know about a failed send: whether trying again later can work. */
export class ChatDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ChatDeliveryError';
  }
}

/** Statuses of a message Meta has taken. */
export const DELIVERED = ['accepted', 'sent', 'delivered', 'read'] as const;

/** An outbox row's payload as a chat notice reads it. */
export const NoticePayloadSchema = z.object({
  protocol: z.string().min(1),
  service: z.enum(SERVICES),
  statusLinkGeneration: z.number().int().nonnegative().optional(),
  body: z.string().optional(),
  dueOn: z.string().optional(),
  departmentName: z.string().optional(),
  state: z.enum(DEMAND_STATES).optional(),
  attachmentNames: z.array(z.string()).optional(),
});

/** The provider id of an outbox row's notice that Meta already took: it is never sent twice. */
export async function alreadyDelivered(tables: Pick<ChatTables, 'outbound'>, outboxId: string): Promise<string | null> {
  const { outbound } = tables;
  const db = await getDb();
  const [already] = await db.select().from(outbound).where(eq(outbound.outboxId, outboxId));
  return already?.providerMessageId && (DELIVERED as readonly string[]).includes(already.status) ? already.providerMessageId : null;
}

/**
 * A demand filed in the conversation got its protocol there, in the reply the citizen just read: that
 * reply stands for the receipt notification instead of a second message saying the same.
 *
 * The reply is queued in the filing's transaction, with this outbox row, and sent right after it commits;
 * a worker may claim the row before Meta has accepted the reply. Only accepted replies used to count, so
 * that race sent the citizen a second receipt (the chaos test, tests/chaos, saw it for most WhatsApp
 * filings once workers polled often). A reply still on its way now defers the notification (a retryable
 * error: the worker tries again later and finds it accepted); only a reply that failed lets it go out.
 */
export async function receiptGivenInConversation(
  tables: Pick<ChatTables, 'outbound'>,
  contactId: string,
  demandId: string,
  stillSending: (message: string) => Error,
): Promise<string | null> {
  const { outbound } = tables;
  const db = await getDb();
  const [reply] = await db
    .select({ providerMessageId: outbound.providerMessageId })
    .from(outbound)
    .where(
      and(
        eq(outbound.contactId, contactId),
        eq(outbound.demandId, demandId),
        isNull(outbound.outboxId),
        inArray(outbound.status, [...DELIVERED, 'pending', 'sending']),
      ),
    )
    .orderBy(asc(outbound.id))
    .limit(1);
  if (reply && !reply.providerMessageId) throw stillSending('The conversation is still sending its own receipt; trying again later');
  return reply?.providerMessageId ?? null;
}
