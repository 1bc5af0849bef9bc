import 'server-only';
import { and, desc, eq, gte } from 'drizzle-orm';
import { getDb, type Executor, type Transaction } from '@/lib/db/client';
import {
  demandEvents,
  demands,
  whatsappContactDemands,
  whatsappInboundMessages,
  whatsappOutboundMessages,
  type Demand,
  type WhatsappContact,
} from '@/lib/db/schema';
import { addCitizenMessage, replyToInformationRequest } from '@/lib/demands/citizen-actions';
import { trackDemand, type TrackResult } from '@/lib/demands/track';
import { EVENT_LABELS } from '@/lib/domain/labels';
import { isIdentityProtected } from '@/lib/domain/permissions';
import { intakeFromDraft, type ActionResult, type ConversationAction, type DemandView } from './conversation';
import { appealFromWhatsapp, whatsappAppealLine } from './information-appeal';
import { fileWhatsappDemand } from './intake-with-files';
import { statusLinkFor } from './links';
import { downloadDraftMedia } from './media';
import { hitRateLimit } from '@/lib/rate-limit';

/**
 * Carries out the one action a conversation step asked for. What needs the network or its own
 * transaction (media downloads, the tracking check with its throttle) is prepared first, outside; the
 * rest runs inside the transaction that also stores the new state and marks the message processed.
 */

export type Prepared = {
  files: File[];
  skippedFiles: { name: string; reason: string }[];
  /** Too many lookups from this contact: the message the citizen reads. */
  rateLimited?: string;
  /** A typed protocol: this contact's demand (linked, or filed with this very number), or proof needed. */
  lookup?: { demandId: string; link: boolean } | { proofNeeded: true };
  proof?: TrackResult;
};

const LOOKUP_LIMIT = { limit: 20, windowSeconds: 600 };

export async function prepareAction(action: ConversationAction, contact: WhatsappContact): Promise<Prepared> {
  const prepared: Prepared = { files: [], skippedFiles: [] };
  if (action.type === 'file_demand') {
    const downloaded = await downloadDraftMedia(action.draft.media);
    return { ...prepared, files: downloaded.files, skippedFiles: downloaded.skipped };
  }
  if (action.type === 'lookup' && 'protocol' in action) {
    if (!(await hitRateLimit(`whatsapp:lookup:${contact.id}`, LOOKUP_LIMIT)).allowed) return { ...prepared, rateLimited: 'Você fez muitas consultas seguidas. Tente de novo daqui a alguns minutos.' };
    return { ...prepared, lookup: await ownership(contact, action.protocol) };
  }
  if (action.type === 'check_access_code') {
    // The tracking page's own check: same proofs, same answer for every mismatch, same throttle.
    const proof = await trackDemand({ protocol: action.protocol, secret: action.code }, { clientAddress: `whatsapp:${contact.id}` });
    return { ...prepared, proof };
  }
  return prepared;
}

/** WhatsApp verified this number: a demand filed with it is this contact's without further proof. */
async function ownership(contact: WhatsappContact, protocol: string): Promise<NonNullable<Prepared['lookup']>> {
  const db = await getDb();
  const [demand] = await db
    .select({ id: demands.id, kind: demands.kind, identity: demands.identity, requesterPhone: demands.requesterPhone })
    .from(demands)
    .where(eq(demands.protocol, protocol));
  if (demand && (await isLinked(db, contact.id, demand.id))) return { demandId: demand.id, link: false };
  // Not for a protected demand: there only its access code (or the status link) proves it is theirs, so a
  // number that happens to match opens nothing.
  if (demand && demand.identity !== 'anonymous' && !isIdentityProtected(demand) && contact.phone && demand.requesterPhone === contact.phone) {
    return { demandId: demand.id, link: true };
  }
  return { proofNeeded: true };
}

export type ActionEnvironment = { contact: WhatsappContact; now: Date; prepared: Prepared };

export type Performed = { result: ActionResult; demandId: string | null };

export async function performAction(tx: Transaction, action: ConversationAction, env: ActionEnvironment): Promise<Performed> {
  if (env.prepared.rateLimited) return { result: { type: 'rate_limited', message: env.prepared.rateLimited }, demandId: null };
  switch (action.type) {
    case 'file_demand':
      return fileFromDraft(tx, action, env);
    case 'lookup':
      return 'protocol' in action ? lookupByProtocol(tx, action.protocol, env) : lookupMine(tx, action.demandId, env);
    case 'check_access_code':
      return afterProof(tx, action.protocol, env);
    case 'add_message':
      return addMessage(tx, action, env);
  }
}

async function fileFromDraft(tx: Transaction, action: Extract<ConversationAction, { type: 'file_demand' }>, env: ActionEnvironment): Promise<Performed> {
  const { draft } = action;
  const { result, skipped } = await fileWhatsappDemand(tx, intakeFromDraft(draft), env.prepared.files);
  if (!result.ok) return { result: { type: 'filing_rejected', fieldErrors: result.fieldErrors }, demandId: null };
  const anonymous = draft.identity === 'anonymous';
  if (anonymous) {
    // Anonymous demands keep no identity (Lei 13.460 art. 10 §7): nothing links this number to it, and
    // what the citizen typed while filing is blanked from the message log.
    await redactConversationSince(tx, env.contact.id, new Date(draft.startedAt));
  } else {
    await link(tx, env.contact.id, result.demand.id);
  }
  return {
    result: {
      type: 'filed',
      protocol: result.demand.protocol,
      dueOn: result.demand.dueOn,
      service: result.demand.service,
      statusUrl: statusLinkFor(result.demand),
      ...(result.demand.accessCode ? { accessCode: result.demand.accessCode } : {}),
      anonymous,
      skippedFiles: [...env.prepared.skippedFiles, ...skipped],
    },
    demandId: anonymous ? null : result.demand.id,
  };
}

async function redactConversationSince(tx: Transaction, contactId: string, since: Date) {
  const inbound = await tx
    .select({ id: whatsappInboundMessages.id, type: whatsappInboundMessages.type })
    .from(whatsappInboundMessages)
    .where(and(eq(whatsappInboundMessages.contactId, contactId), gte(whatsappInboundMessages.sentAt, since)));
  for (const message of inbound) {
    await tx
      .update(whatsappInboundMessages)
      .set({ payload: { type: message.type, redacted: true } })
      .where(eq(whatsappInboundMessages.id, message.id));
  }
  const notice = 'Conteúdo removido: manifestação anônima.';
  await tx
    .update(whatsappOutboundMessages)
    .set({ content: { kind: 'text', text: notice }, preview: notice })
    .where(and(eq(whatsappOutboundMessages.contactId, contactId), gte(whatsappOutboundMessages.createdAt, since)));
}

async function isLinked(db: Executor, contactId: string, demandId: string): Promise<boolean> {
  const [row] = await db
    .select({ demandId: whatsappContactDemands.demandId })
    .from(whatsappContactDemands)
    .where(and(eq(whatsappContactDemands.contactId, contactId), eq(whatsappContactDemands.demandId, demandId)));
  return Boolean(row);
}

async function link(tx: Transaction, contactId: string, demandId: string) {
  await tx.insert(whatsappContactDemands).values({ contactId, demandId }).onConflictDoNothing();
}

async function lookupByProtocol(tx: Transaction, protocol: string, env: ActionEnvironment): Promise<Performed> {
  const mine = env.prepared.lookup;
  if (!mine || 'proofNeeded' in mine) return { result: { type: 'proof_needed', protocol }, demandId: null };
  const [demand] = await tx.select().from(demands).where(eq(demands.id, mine.demandId));
  if (!demand) return { result: { type: 'proof_needed', protocol }, demandId: null };
  if (mine.link) await link(tx, env.contact.id, demand.id);
  return { result: { type: 'demand_found', view: await viewOf(tx, demand) }, demandId: demand.id };
}

async function lookupMine(tx: Transaction, demandId: string, env: ActionEnvironment): Promise<Performed> {
  const [demand] = await tx.select().from(demands).where(eq(demands.id, demandId));
  if (!demand || !(await isLinked(tx, env.contact.id, demand.id))) {
    return { result: { type: 'demand_not_found', protocol: demand?.protocol ?? '' }, demandId: null };
  }
  return { result: { type: 'demand_found', view: await viewOf(tx, demand) }, demandId: demand.id };
}

async function afterProof(tx: Transaction, protocol: string, env: ActionEnvironment): Promise<Performed> {
  const proof = env.prepared.proof;
  if (!proof) return { result: { type: 'proof_needed', protocol }, demandId: null };
  if (!proof.ok) {
    if (proof.reason === 'rate_limited') return { result: { type: 'rate_limited', message: proof.message }, demandId: null };
    const message = proof.reason === 'not_found' ? proof.message : (Object.values(proof.fieldErrors).flat()[0] ?? 'Confira os dados.');
    return { result: { type: 'proof_refused', protocol, message }, demandId: null };
  }
  const [demand] = await tx.select().from(demands).where(eq(demands.protocol, proof.demand.protocol));
  if (!demand) return { result: { type: 'proof_needed', protocol }, demandId: null };
  // Proved (by its access code, or by e-mail or phone where the demand allows that): it becomes one of
  // this contact's. An anonymous one stays unlinked.
  if (demand.identity !== 'anonymous') await link(tx, env.contact.id, demand.id);
  return { result: { type: 'demand_found', view: await viewOf(tx, demand) }, demandId: demand.identity === 'anonymous' ? null : demand.id };
}

async function addMessage(tx: Transaction, action: Extract<ConversationAction, { type: 'add_message' }>, env: ActionEnvironment): Promise<Performed> {
  const [demand] = await tx.select().from(demands).where(eq(demands.id, action.demandId));
  // Reached only after the contact proved the demand is theirs: linked, or an anonymous one opened with its code.
  const allowed = demand && (demand.identity === 'anonymous' || (await isLinked(tx, env.contact.id, demand.id)));
  if (!demand || !allowed) return { result: { type: 'message_refused', error: 'Não encontramos esta manifestação entre as suas.' }, demandId: null };
  // "RECORRER …" on an access-to-information request is its appeal (information-appeal.ts).
  const appeal = action.purpose === 'message' ? await appealFromWhatsapp(tx, demand, action.body, env.now) : null;
  if (appeal && !appeal.ok) return { result: { type: 'message_refused', error: appeal.error }, demandId: null };
  if (appeal) return { result: { type: 'message_added', demandId: demand.id, protocol: demand.protocol, purpose: 'message', notice: appeal.message }, demandId: demand.id };
  const body = action.purpose === 'attendant' ? `Pedido para falar com um atendente, pelo WhatsApp:\n${action.body}` : action.body;
  // A reply while the demand awaits the citizen is the complementação that resumes its deadline.
  const outcome =
    demand.state === 'awaiting_citizen'
      ? await replyToInformationRequest({ demandId: demand.id, body, via: 'whatsapp' }, { db: tx, now: env.now })
      : await addCitizenMessage({ demandId: demand.id, body, via: 'whatsapp' }, { db: tx, now: env.now });
  if (!outcome.ok) return { result: { type: 'message_refused', error: outcome.error }, demandId: null };
  const linkedDemandId = demand.identity === 'anonymous' ? null : demand.id;
  return { result: { type: 'message_added', demandId: demand.id, protocol: demand.protocol, purpose: action.purpose }, demandId: linkedDemandId };
}

async function viewOf(tx: Transaction, demand: Demand): Promise<DemandView> {
  const [last] = await tx
    .select()
    .from(demandEvents)
    .where(and(eq(demandEvents.demandId, demand.id), eq(demandEvents.visibility, 'public')))
    .orderBy(desc(demandEvents.createdAt), desc(demandEvents.id))
    .limit(1);
  return {
    demandId: demand.id,
    protocol: demand.protocol,
    service: demand.service,
    subject: demand.subject,
    state: demand.state,
    dueOn: demand.dueOn,
    lastMovement: last ? { label: EVENT_LABELS[last.type], at: last.createdAt, ...(last.body ? { body: last.body } : {}) } : null,
    statusUrl: statusLinkFor(demand),
    ...(await appealLineOf(tx, demand)),
  };
}

async function appealLineOf(tx: Transaction, demand: Demand): Promise<{ appealLine?: string }> {
  const line = await whatsappAppealLine(tx, demand, new Date());
  return line ? { appealLine: line } : {};
}
