import 'server-only';
import { and, desc, eq, gte } from 'drizzle-orm';
import type { Executor } from '@/lib/db/client';
import {
  demandEvents,
  demands,
  whatsappContactDemands,
  whatsappInboundMessages,
  whatsappOutboundMessages,
  type Demand,
  type WhatsappContact,
} from '@/lib/db/schema';
import { verifyAccessCode } from '@/lib/demands/access-code';
import { EVENT_LABELS } from '@/lib/domain/labels';
import { addCitizenMessage, replyToInformationRequest } from './citizen-actions';
import { intakeFromDraft, type ActionResult, type ConversationAction, type DemandView } from './conversation';
import { fileWhatsappDemand } from './intake-with-files';
import { statusLinkFor } from './links';

/**
 * Carries out the one action a conversation step asked for, inside the transaction that also stores the
 * new state and marks the message processed.
 */

export type ActionEnvironment = {
  contact: WhatsappContact;
  now: Date;
  /** Downloaded before the transaction (network stays outside it). */
  files: File[];
  skippedFiles: { name: string; reason: string }[];
};

export type Performed = { result: ActionResult; demandId: string | null };

export async function performAction(tx: Executor, action: ConversationAction, env: ActionEnvironment): Promise<Performed> {
  switch (action.type) {
    case 'file_demand':
      return fileFromDraft(tx, action, env);
    case 'lookup':
      return 'protocol' in action ? lookupByProtocol(tx, action.protocol, env) : lookupMine(tx, action.demandId, env);
    case 'check_access_code':
      return checkAccessCode(tx, action.demandId, action.code);
    case 'add_message':
      return addMessage(tx, action, env);
  }
}

async function fileFromDraft(tx: Executor, action: Extract<ConversationAction, { type: 'file_demand' }>, env: ActionEnvironment): Promise<Performed> {
  const { draft } = action;
  const { result, skipped } = await fileWhatsappDemand(tx, intakeFromDraft(draft), env.files);
  if (!result.ok) return { result: { type: 'filing_rejected', fieldErrors: result.fieldErrors }, demandId: null };
  const anonymous = draft.identity === 'anonymous';
  if (anonymous) {
    // Anonymous demands keep no identity (Lei 13.460 art. 10 §7): nothing links this number to it, and
    // what the citizen typed while filing is blanked from the message log.
    await redactConversationSince(tx, env.contact.id, new Date(draft.startedAt));
  } else {
    await tx.insert(whatsappContactDemands).values({ contactId: env.contact.id, demandId: result.demand.id }).onConflictDoNothing();
  }
  return {
    result: {
      type: 'filed',
      protocol: result.demand.protocol,
      dueOn: result.demand.dueOn,
      service: result.demand.service,
      statusUrl: statusLinkFor(result.demand),
      ...(result.demand.accessCode ? { accessCode: result.demand.accessCode } : {}),
      skippedFiles: [...env.skippedFiles, ...skipped],
    },
    demandId: anonymous ? null : result.demand.id,
  };
}

async function redactConversationSince(tx: Executor, contactId: string, since: Date) {
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

async function isLinked(tx: Executor, contactId: string, demandId: string): Promise<boolean> {
  const [link] = await tx
    .select({ demandId: whatsappContactDemands.demandId })
    .from(whatsappContactDemands)
    .where(and(eq(whatsappContactDemands.contactId, contactId), eq(whatsappContactDemands.demandId, demandId)));
  return Boolean(link);
}

async function lookupByProtocol(tx: Executor, protocol: string, env: ActionEnvironment): Promise<Performed> {
  const [demand] = await tx.select().from(demands).where(eq(demands.protocol, protocol));
  if (!demand) return { result: { type: 'demand_not_found', protocol }, demandId: null };
  if (await isLinked(tx, env.contact.id, demand.id)) return { result: { type: 'demand_found', view: await viewOf(tx, demand, true) }, demandId: demand.id };
  if (demand.identity === 'anonymous') return { result: { type: 'access_code_needed', demandId: demand.id, protocol }, demandId: null };
  // Someone else's demand: its state and deadline, never the texts of its movements.
  return { result: { type: 'demand_found', view: await viewOf(tx, demand, false) }, demandId: null };
}

async function lookupMine(tx: Executor, demandId: string, env: ActionEnvironment): Promise<Performed> {
  const [demand] = await tx.select().from(demands).where(eq(demands.id, demandId));
  if (!demand || !(await isLinked(tx, env.contact.id, demand.id))) {
    return { result: { type: 'demand_not_found', protocol: demand?.protocol ?? '' }, demandId: null };
  }
  return { result: { type: 'demand_found', view: await viewOf(tx, demand, true) }, demandId: demand.id };
}

async function checkAccessCode(tx: Executor, demandId: string, code: string): Promise<Performed> {
  const [demand] = await tx.select().from(demands).where(eq(demands.id, demandId));
  if (!demand) return { result: { type: 'demand_not_found', protocol: '' }, demandId: null };
  if (!demand.accessCodeHash || !(await verifyAccessCode(code, demand.accessCodeHash))) {
    return { result: { type: 'access_code_wrong', demandId, protocol: demand.protocol }, demandId: null };
  }
  return { result: { type: 'demand_found', view: await viewOf(tx, demand, true) }, demandId: null };
}

async function addMessage(tx: Executor, action: Extract<ConversationAction, { type: 'add_message' }>, env: ActionEnvironment): Promise<Performed> {
  const [demand] = await tx.select().from(demands).where(eq(demands.id, action.demandId));
  const allowed = demand && (demand.identity === 'anonymous' || (await isLinked(tx, env.contact.id, demand.id)));
  if (!demand || !allowed) return { result: { type: 'message_refused', error: 'Não encontramos esta manifestação entre as suas.' }, demandId: null };
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

async function viewOf(tx: Executor, demand: Demand, full: boolean): Promise<DemandView> {
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
    lastMovement: last ? { label: EVENT_LABELS[last.type], at: last.createdAt, ...(full && last.body ? { body: last.body } : {}) } : null,
    full,
    statusUrl: statusLinkFor(demand),
  };
}
