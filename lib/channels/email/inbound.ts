import 'server-only';
import { and, count, eq, gte, isNotNull, or, sql } from 'drizzle-orm';
import { getDb, type Database, type Transaction } from '@/lib/db/client';
import { emailInboundMessages, type EmailInboundMessage } from '@/lib/db/schema';
import { recordBounce } from '@/lib/delivery/bounces';
import { emailFrom } from '@/lib/delivery/email';
import { applyEmailReply, fileEmailDemand, findDemandForEmailReply } from '@/lib/demands/email-intake';
import { protocolCandidates, stripQuotedReply } from './classify';
import { emailIntakeConfig, type EmailIntakeConfig } from './config';
import { parseEmail, type ParsedEmail } from './parse';

/**
 * One message taken from the mailbox, applied once. Its row in `email_inbound_messages` is claimed and
 * its effects written in one transaction: the claim's unique keys (Message-ID, folder + UIDVALIDITY +
 * UID) make a second reader, or the same reader after a crash, find it done. A message that fails
 * leaves its row unprocessed with the error and the instant of its next attempt.
 */

export type MailboxLocation = { folder: string; uidValidity: string; uid: number };

export type EmailOutcome =
  | 'new_demand'
  | 'reply'
  | 'new_demand_after_closed'
  | 'auto_reply'
  | 'bounce'
  | 'mailing_list'
  | 'loop'
  | 'own_message'
  | 'no_sender'
  | 'refused';

export type ProcessResult =
  | { status: 'processed'; outcome: EmailOutcome; demandId: string | null; protocol?: string }
  | { status: 'already_processed' }
  | { status: 'waiting'; retryAt: Date }
  | { status: 'failed'; error: string; retryAt: Date };

type Options = { db?: Database; now?: Date; config?: EmailIntakeConfig };

const HOUR_MS = 60 * 60_000;
const RETRY_MAX_MS = HOUR_MS;

function ourAddress(): string {
  const from = emailFrom();
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();
}

function describe(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 1000);
}

/** Whether this message was already applied, or failed and is not due again yet. */
export async function earlierAttempt(db: Database, key: string, location: MailboxLocation): Promise<EmailInboundMessage | undefined> {
  const [row] = await db
    .select()
    .from(emailInboundMessages)
    .where(
      or(
        eq(emailInboundMessages.messageKey, key),
        and(eq(emailInboundMessages.folder, location.folder), eq(emailInboundMessages.uidValidity, location.uidValidity), eq(emailInboundMessages.uid, location.uid)),
      ),
    )
    .limit(1);
  return row;
}

/** Processed rows of one (folder, UIDVALIDITY): the reader marks them in the mailbox after a crash. */
export async function isProcessedUid(db: Database, location: MailboxLocation): Promise<boolean> {
  const [row] = await db
    .select({ id: emailInboundMessages.id })
    .from(emailInboundMessages)
    .where(
      and(
        eq(emailInboundMessages.folder, location.folder),
        eq(emailInboundMessages.uidValidity, location.uidValidity),
        eq(emailInboundMessages.uid, location.uid),
        isNotNull(emailInboundMessages.processedAt),
      ),
    )
    .limit(1);
  return Boolean(row);
}

export async function processEmail(raw: Buffer, location: MailboxLocation, options: Options = {}): Promise<ProcessResult> {
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  const config = options.config ?? emailIntakeConfig();
  const email = await parseEmail(raw);
  const earlier = await earlierAttempt(db, email.messageKey, location);
  if (earlier?.processedAt) return { status: 'already_processed' };
  if (earlier?.retryAt && earlier.retryAt > now) return { status: 'waiting', retryAt: earlier.retryAt };
  try {
    return await db.transaction(async (tx) => {
      const claimed = await claim(tx, email, location, now);
      if (!claimed) return { status: 'already_processed' } as const;
      const effect = await apply(tx, email, config, now);
      await tx
        .update(emailInboundMessages)
        .set({ outcome: effect.outcome, outcomeDetail: effect.detail ?? null, demandId: effect.demandId, outboxId: effect.outboxId ?? null, lastError: null, retryAt: null })
        .where(eq(emailInboundMessages.id, claimed));
      return { status: 'processed', outcome: effect.outcome, demandId: effect.demandId, ...(effect.protocol ? { protocol: effect.protocol } : {}) } as const;
    });
  } catch (error) {
    const attempts = (earlier?.attempts ?? 0) + 1;
    const retryAt = new Date(now.getTime() + Math.min(RETRY_MAX_MS, config.retryBaseMs * 2 ** (attempts - 1)));
    const failure = { attempts, lastError: describe(error), retryAt };
    await db
      .insert(emailInboundMessages)
      .values({ ...rowOf(email, location), ...failure, processedAt: null })
      .onConflictDoUpdate({ target: emailInboundMessages.messageKey, set: failure, where: sql`${emailInboundMessages.processedAt} is null` });
    return { status: 'failed', error: failure.lastError, retryAt };
  }
}

function toFiles(email: ParsedEmail): File[] {
  return email.attachments.map((file) => new File([new Uint8Array(file.bytes)], file.name, { type: file.contentType }));
}

function rowOf(email: ParsedEmail, location: MailboxLocation) {
  return {
    messageKey: email.messageKey,
    folder: location.folder,
    uidValidity: location.uidValidity,
    uid: location.uid,
    fromAddress: email.fromAddress,
    fromName: email.fromName,
    subject: email.subject.slice(0, 1000),
    body: email.text.slice(0, 100_000),
    headers: email.displayHeaders,
    sentAt: email.sentAt,
  };
}

/** Takes the message for this transaction; null when another transaction already applied it. */
async function claim(tx: Transaction, email: ParsedEmail, location: MailboxLocation, now: Date): Promise<string | null> {
  const [row] = await tx
    .insert(emailInboundMessages)
    .values({ ...rowOf(email, location), processedAt: now })
    .onConflictDoUpdate({
      target: emailInboundMessages.messageKey,
      set: { processedAt: now, folder: location.folder, uidValidity: location.uidValidity, uid: location.uid },
      where: sql`${emailInboundMessages.processedAt} is null`,
    })
    .returning({ id: emailInboundMessages.id });
  return row?.id ?? null;
}

type Effect = { outcome: EmailOutcome; demandId: string | null; detail?: string; outboxId?: string | null; protocol?: string };

async function sentRecently(tx: Transaction, fromAddress: string, now: Date): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(emailInboundMessages)
    .where(and(eq(emailInboundMessages.fromAddress, fromAddress), gte(emailInboundMessages.receivedAt, new Date(now.getTime() - HOUR_MS)), isNotNull(emailInboundMessages.processedAt)));
  return row?.n ?? 0;
}

async function apply(tx: Transaction, email: ParsedEmail, config: EmailIntakeConfig, now: Date): Promise<Effect> {
  if (email.bounce) {
    const { bounce } = email;
    const detail = [bounce.action, bounce.status, bounce.diagnostic].filter(Boolean).join(' — ') || (email.robot?.reason ?? 'aviso de falha');
    const failed = bounce.action === null || bounce.action === 'failed';
    const outboxId = failed ? await recordBounce(tx, { originalMessageIds: bounce.originalMessageIds, recipients: bounce.recipients, detail, now }) : null;
    return { outcome: 'bounce', demandId: null, detail, outboxId };
  }
  if (email.robot) return { outcome: email.robot.kind, demandId: null, detail: email.robot.reason };
  if (!email.fromAddress) return { outcome: 'no_sender', demandId: null, detail: 'mensagem sem remetente' };
  if (email.fromAddress === ourAddress()) return { outcome: 'own_message', demandId: null, detail: 'enviada pelo próprio sistema' };
  // The row just claimed counts too: the limit is on messages, this one included.
  if ((await sentRecently(tx, email.fromAddress, now)) > config.senderHourlyLimit) {
    return { outcome: 'loop', demandId: null, detail: `mais de ${config.senderHourlyLimit} mensagens deste remetente em uma hora` };
  }

  const target = await findDemandForEmailReply(tx, { referencedIds: email.referencedIds, protocols: protocolCandidates(email.subject), fromAddress: email.fromAddress });
  const thread = email.messageId ? { messageId: email.messageId, references: email.references } : undefined;
  let closedProtocol: string | undefined;
  if (target) {
    const body = stripQuotedReply(email.text) || email.text || email.subject;
    const reply = await applyEmailReply(tx, target, body, toFiles(email), now);
    if (reply.ok) {
      const refused = reply.refused.length ? ` (anexos recusados: ${reply.refused.map((file) => `${file.name}: ${file.reason}`).join('; ')})` : '';
      return { outcome: 'reply', demandId: target.id, detail: (reply.via === 'reply' ? 'complementação' : 'mensagem') + refused, protocol: target.protocol };
    }
    if (!reply.closed) return { outcome: 'refused', demandId: target.id, detail: reply.error, protocol: target.protocol };
    closedProtocol = target.protocol;
  }

  const filed = await fileEmailDemand(
    tx,
    {
      fromAddress: email.fromAddress,
      fromName: email.fromName,
      subject: email.subject,
      text: closedProtocol ? stripQuotedReply(email.text) || email.text : email.text,
      kind: config.kind,
      identity: config.identity,
      attachments: toFiles(email),
      receipt: { ...(thread ? { emailThread: thread } : {}), ...(closedProtocol ? { closedProtocol } : {}) },
    },
    now,
  );
  if (!filed.ok) {
    const detail = Object.values(filed.fieldErrors).flat().join(' ');
    return { outcome: 'refused', demandId: null, detail: detail || 'a mensagem não pôde ser registrada' };
  }
  const refused = filed.refused.length ? ` (anexos recusados: ${filed.refused.map((file) => file.name).join(', ')})` : '';
  return {
    outcome: closedProtocol ? 'new_demand_after_closed' : 'new_demand',
    demandId: filed.demand.id,
    protocol: filed.demand.protocol,
    detail: (closedProtocol ? `a manifestação ${closedProtocol} estava encerrada` : '') + refused || undefined,
  };
}
