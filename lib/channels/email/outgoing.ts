import 'server-only';
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { emailInboundMessages, type OutboxMessage } from '@/lib/db/schema';
import { emailFrom } from '@/lib/delivery/email';

/**
 * The headers of every e-mail we send. Its Message-ID is made from the outbox row (the same on every
 * retry, so a repeated send is the same message) and recorded on the row, so that a reply's
 * In-Reply-To/References or a bounce names the row, and through it the demand. An e-mail about a demand
 * that came by e-mail answers the citizen's last message, so their mail client shows one conversation.
 */

export function outgoingMessageId(outboxId: string, from = emailFrom()): string {
  return `<ouvidoria.${outboxId}@${domainOf(from)}>`;
}

function domainOf(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const domain = address.split('@')[1]?.trim().toLowerCase();
  return domain && /^[a-z0-9.-]+$/.test(domain) ? domain : 'localhost';
}

type Thread = { messageId: string; references: string[] };

function threadInPayload(payload: Record<string, unknown>): Thread | null {
  const thread = payload.emailThread;
  if (typeof thread !== 'object' || thread === null) return null;
  const { messageId, references } = thread as Record<string, unknown>;
  if (typeof messageId !== 'string') return null;
  return { messageId, references: Array.isArray(references) ? references.filter((id): id is string => typeof id === 'string') : [] };
}

/** The citizen's latest e-mail about this demand from this address, when there is one. */
async function lastCitizenEmail(demandId: string, recipient: string): Promise<Thread | null> {
  const db = await getDb();
  const [row] = await db
    .select({ headers: emailInboundMessages.headers })
    .from(emailInboundMessages)
    .where(
      and(
        eq(emailInboundMessages.demandId, demandId),
        eq(emailInboundMessages.fromAddress, recipient.toLowerCase()),
        isNotNull(emailInboundMessages.processedAt),
        sql`${emailInboundMessages.headers} ? 'Message-ID'`,
      ),
    )
    .orderBy(desc(emailInboundMessages.receivedAt))
    .limit(1);
  const messageId = row?.headers['Message-ID'];
  if (!messageId) return null;
  return { messageId, references: (row.headers.References ?? '').split(/\s+/).filter(Boolean) };
}

export async function outgoingEmailHeaders(
  message: Pick<OutboxMessage, 'id' | 'payload' | 'demandId' | 'recipient'>,
): Promise<{ 'Message-ID': string } & Record<string, string>> {
  const headers: { 'Message-ID': string } & Record<string, string> = { 'Message-ID': outgoingMessageId(message.id) };
  const thread = threadInPayload(message.payload) ?? (message.demandId ? await lastCitizenEmail(message.demandId, message.recipient) : null);
  if (thread) {
    headers['In-Reply-To'] = thread.messageId;
    headers.References = [...thread.references.filter((id) => id !== thread.messageId), thread.messageId].slice(-20).join(' ');
  }
  return headers;
}
