import 'server-only';
import { and, count, desc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { demands, emailInboundMessages, outbox, outboxChannelEnum } from '@/lib/db/schema';
import { CITIZEN_TEMPLATES } from '@/lib/domain/notifications';

const CITIZEN_ADDRESSED = [...CITIZEN_TEMPLATES, 'privacy_request_decided'] as readonly string[];

/** What admins see of delivery: how many messages are where, the ones that gave up, and "try again". */

export async function outboxCounts() {
  const db = await getDb();
  return db
    .select({ channel: outbox.channel, status: outbox.status, total: count() })
    .from(outbox)
    .groupBy(outbox.channel, outbox.status)
    .orderBy(outbox.channel, outbox.status);
}

export type OutboxChannelBacklog = {
  channel: (typeof outboxChannelEnum.enumValues)[number];
  /** Pending rows: due now or waiting for a retry. */
  backlog: number;
  /** Pending rows whose time has come. */
  due: number;
  /** How long the oldest due row has waited past its time; 0 when none is due. */
  oldestDueAgeSeconds: number;
  /** Rows that gave up and wait for an admin. */
  failed: number;
};

/**
 * The delivery figures per channel, every channel listed (zeros included): what /api/metrics exports
 * and what the admin's Envios page shows, from one query.
 */
export async function outboxBacklog(now = new Date()): Promise<OutboxChannelBacklog[]> {
  const db = await getDb();
  const at = now.toISOString();
  const rows = await db
    .select({
      channel: outbox.channel,
      backlog: sql<number>`count(*) filter (where ${outbox.status} = 'pending')`.mapWith(Number),
      due: sql<number>`count(*) filter (where ${outbox.status} = 'pending' and ${outbox.nextAttemptAt} <= ${at}::timestamptz)`.mapWith(Number),
      oldestDueAgeSeconds: sql<number>`coalesce(extract(epoch from ${at}::timestamptz - min(${outbox.nextAttemptAt}) filter (where ${outbox.status} = 'pending' and ${outbox.nextAttemptAt} <= ${at}::timestamptz)), 0)`.mapWith(Number),
      failed: sql<number>`count(*) filter (where ${outbox.status} = 'failed')`.mapWith(Number),
    })
    .from(outbox)
    .where(sql`${outbox.status} in ('pending', 'failed')`)
    .groupBy(outbox.channel);
  return outboxChannelEnum.enumValues.map((channel) => {
    const row = rows.find((candidate) => candidate.channel === channel);
    return {
      channel,
      backlog: row?.backlog ?? 0,
      due: row?.due ?? 0,
      oldestDueAgeSeconds: Math.max(0, Math.round(row?.oldestDueAgeSeconds ?? 0)),
      failed: row?.failed ?? 0,
    };
  });
}

const STUCK_AFTER_MS = 60 * 60 * 1000;

/** Pending for more than an hour: a channel with no sender, or a provider down for long. */
export async function countStuckMessages(now = new Date()) {
  const db = await getDb();
  return db
    .select({ channel: outbox.channel, total: count() })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lt(outbox.createdAt, new Date(now.getTime() - STUCK_AFTER_MS))))
    .groupBy(outbox.channel);
}

/**
 * Messages to citizens are shown with a masked address: the admin needs to recognise a row, not to
 * learn who complained (a protected identity stays protected from admins too).
 */
export function maskRecipient(recipient: string, template: string): string {
  if (!CITIZEN_ADDRESSED.includes(template)) return recipient;
  const at = recipient.indexOf('@');
  if (at > 0) return `${recipient.slice(0, 1)}***${recipient.slice(at)}`;
  return `${recipient.slice(0, 5)}****${recipient.slice(-4)}`;
}

export async function listFailedMessages(limit = 100) {
  const db = await getDb();
  const rows = await db
    .select({
      id: outbox.id,
      channel: outbox.channel,
      template: outbox.template,
      recipient: outbox.recipient,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      protocol: demands.protocol,
    })
    .from(outbox)
    .leftJoin(demands, eq(demands.id, outbox.demandId))
    .where(eq(outbox.status, 'failed'))
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
  return rows.map((row) => ({ ...row, recipient: maskRecipient(row.recipient, row.template) }));
}

/** Puts a failed message back in the queue with a fresh set of attempts; its idempotency key is kept. */
export async function retryFailedMessage(input: { id: string; now?: Date }): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: input.now ?? new Date(), lockedBy: null, lockedUntil: null })
    .where(and(eq(outbox.id, input.id), eq(outbox.status, 'failed')))
    .returning({ id: outbox.id });
  return rows.length === 1;
}

export async function retryAllFailedMessages(now = new Date()): Promise<number> {
  const db = await getDb();
  const rows = await db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lockedBy: null, lockedUntil: null })
    .where(eq(outbox.status, 'failed'))
    .returning({ id: outbox.id });
  return rows.length;
}

/** E-mails that came back (a delivery status notification from the citizen's server), newest first. */
export async function listBouncedMessages(limit = 100) {
  const db = await getDb();
  const rows = await db
    .select({
      id: outbox.id,
      template: outbox.template,
      recipient: outbox.recipient,
      bouncedAt: outbox.bouncedAt,
      bounceDetail: outbox.bounceDetail,
      protocol: demands.protocol,
    })
    .from(outbox)
    .leftJoin(demands, eq(demands.id, outbox.demandId))
    .where(isNotNull(outbox.bouncedAt))
    .orderBy(desc(outbox.bouncedAt))
    .limit(limit);
  return rows.map((row) => ({ ...row, recipient: maskRecipient(row.recipient, row.template) }));
}

/**
 * E-mails read from the mailbox that could not be applied yet: they stay in the mailbox and are tried
 * again at `retryAt`. The sender is masked like a citizen's address.
 */
export async function listFailedInboundEmails(limit = 100) {
  const db = await getDb();
  const rows = await db
    .select({
      id: emailInboundMessages.id,
      fromAddress: emailInboundMessages.fromAddress,
      subject: emailInboundMessages.subject,
      attempts: emailInboundMessages.attempts,
      lastError: emailInboundMessages.lastError,
      retryAt: emailInboundMessages.retryAt,
      receivedAt: emailInboundMessages.receivedAt,
    })
    .from(emailInboundMessages)
    .where(isNull(emailInboundMessages.processedAt))
    .orderBy(desc(emailInboundMessages.receivedAt))
    .limit(limit);
  return rows.map(({ fromAddress, ...row }) => ({ ...row, from: fromAddress ? maskRecipient(fromAddress, 'demand_received') : 'sem remetente' }));
}
