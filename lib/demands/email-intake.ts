import 'server-only';
import { and, desc, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '@/lib/db/client';
import { attachments, demands, emailInboundMessages, outbox } from '@/lib/db/schema';
import { prepareEachFile, type IncomingFile } from '@/lib/attachments/prepare';
import { attachmentRows, putPreparedFiles } from '@/lib/attachments/store';
import { meteredIntake } from '@/lib/metrics/instruments';
import { parseProtocol } from '@/lib/domain/protocol';
import type { OuvidoriaKind } from '@/lib/domain/vocabulary';
import { addCitizenMessage, replyToInformationRequest } from './citizen-actions';
import { fileDemand, type EmailReceiptExtras, type IntakeResult } from './intake';

/**
 * The use cases the e-mail channel (lib/channels/email) reaches the demands through: file a new demand
 * from a message, find the demand a reply belongs to, and apply a reply to it. Each takes the open
 * transaction in which the channel also marks the message processed, so a message is applied once.
 */

const SUBJECT_MAX = 150;
const DESCRIPTION_MAX = 8000;

export type EmailDemandInput = {
  fromAddress: string;
  fromName: string | null;
  subject: string;
  text: string;
  kind: OuvidoriaKind;
  identity: 'identified' | 'confidential';
  attachments: readonly IncomingFile[];
  receipt: EmailReceiptExtras;
};

function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * A new demand from an e-mail: the sender as requester (their display name, else the address), the
 * subject as the subject and, in the description, the subject again above the text, so a short e-mail
 * ("Buraco" / "na rua X") still describes the problem. The files go through the same rules as every
 * channel's; those refused are left out and named in the receipt, as WhatsApp does.
 */
export async function fileEmailDemand(tx: Executor, input: EmailDemandInput, now: Date): Promise<IntakeResult & { refused: { name: string; reason: string }[] }> {
  const { accepted, refused } = await prepareEachFile(input.attachments);
  const subject = fit(input.subject.replace(/^\s*((re|res|fw|fwd|enc|encaminhada)\s*:\s*)+/i, '').trim() || 'Mensagem recebida por e-mail', SUBJECT_MAX);
  const name = input.fromName && input.fromName.length >= 3 ? fit(input.fromName, 120) : input.fromAddress;
  const description = fit([subject, input.text].filter(Boolean).join('\n\n'), DESCRIPTION_MAX);
  const refusedFiles = refused.map(({ name: fileName, reason }) => ({ name: fileName, reason }));
  const intake = {
    service: 'ouvidoria',
    kind: input.kind,
    identity: input.identity,
    subject: subject.length >= 5 ? subject : `E-mail: ${subject}`,
    description,
    name,
    email: input.fromAddress,
  };
  const result = await meteredIntake('email', () =>
    fileDemand(intake, { channel: 'email' }, { db: tx, now, preparedFiles: accepted, emailReceipt: { ...input.receipt, ...(refusedFiles.length ? { refusedFiles } : {}) } }),
  );
  return Object.assign(result, { refused: refusedFiles });
}

export type ReplyTarget = { id: string; protocol: string; state: string };

/**
 * The demand an e-mail answers: one of ours it quotes (In-Reply-To/References naming an outbox row's
 * Message-ID, or an earlier message of the citizen's that we filed), else a protocol with a valid
 * check digit in its subject. Only from the address the demand's requester gave: someone else quoting
 * our e-mail, or typing a protocol, reaches no demand (and files a new one).
 */
export async function findDemandForEmailReply(
  db: Executor,
  input: { referencedIds: string[]; protocols: string[]; fromAddress: string },
): Promise<ReplyTarget | null> {
  const candidates: string[] = [];
  if (input.referencedIds.length) {
    const ours = await db
      .select({ demandId: outbox.demandId })
      .from(outbox)
      .where(and(inArray(outbox.emailMessageId, input.referencedIds), isNotNull(outbox.demandId)))
      .orderBy(desc(outbox.createdAt));
    const theirs = await db
      .select({ demandId: emailInboundMessages.demandId })
      .from(emailInboundMessages)
      .where(and(inArray(emailInboundMessages.messageKey, input.referencedIds), isNotNull(emailInboundMessages.demandId)))
      .orderBy(desc(emailInboundMessages.receivedAt));
    for (const row of [...ours, ...theirs]) if (row.demandId) candidates.push(row.demandId);
  }
  const protocols = input.protocols.flatMap((text) => {
    const parsed = parseProtocol(text);
    return parsed.ok ? [parsed.protocol] : [];
  });
  const conditions = [
    ...(candidates.length ? [inArray(demands.id, candidates)] : []),
    ...(protocols.length ? [inArray(demands.protocol, protocols)] : []),
  ];
  for (const condition of conditions) {
    const [row] = await db
      .select({ id: demands.id, protocol: demands.protocol, state: demands.state })
      .from(demands)
      .where(and(condition, sql`lower(${demands.requesterEmail}) = ${input.fromAddress.toLowerCase()}`))
      .orderBy(desc(demands.createdAt))
      .limit(1);
    if (row) return row;
  }
  return null;
}

export type EmailReplyOutcome =
  | { ok: true; via: 'reply' | 'message'; refused: { name: string; reason: string }[] }
  | { ok: false; closed: boolean; error: string };

/**
 * A reply's files, checked one by one by the same rules, stored and recorded without an event inside the
 * transaction; the citizen action links them to its event. Files of a transaction that rolls back stay
 * in the store unreferenced (garbage, not a leak).
 */
async function storeReplyFiles(tx: Transaction, demandId: string, files: readonly IncomingFile[], now: Date) {
  const { accepted, refused } = await prepareEachFile(files);
  const stored = await putPreparedFiles(accepted);
  const rows = stored.length
    ? await tx.insert(attachments).values(attachmentRows(stored, { demandId, eventId: null, uploadedByUserId: null, createdAt: now })).returning({ id: attachments.id })
    : [];
  return { attachmentIds: rows.map((row) => row.id), refused: refused.map(({ name, reason }) => ({ name, reason })) };
}

/**
 * The citizen's e-mail on their demand: the answer to an information request when one is awaited (the
 * deadline resumes), else a message on the timeline. A demand closed or archived takes no more
 * messages (`closed: true`): the channel files a new demand and the receipt says why.
 */
export async function applyEmailReply(tx: Transaction, demand: ReplyTarget, body: string, files: readonly IncomingFile[], now: Date): Promise<EmailReplyOutcome> {
  const text = fit(body, DESCRIPTION_MAX);
  const open = demand.state !== 'closed' && demand.state !== 'archived';
  const { attachmentIds, refused } = open && files.length ? await storeReplyFiles(tx, demand.id, files, now) : { attachmentIds: [], refused: [] };
  if (demand.state === 'awaiting_citizen') {
    const result = await replyToInformationRequest({ demandId: demand.id, body: text, attachmentIds, via: 'email' }, { db: tx, now });
    return result.ok ? { ok: true, via: 'reply', refused } : { ok: false, closed: false, error: result.error };
  }
  const result = await addCitizenMessage({ demandId: demand.id, body: text, attachmentIds, via: 'email' }, { db: tx, now });
  if (result.ok) return { ok: true, via: 'message', refused };
  return { ok: false, closed: demand.state === 'closed' || demand.state === 'archived', error: result.error };
}
