import 'server-only';
import type { Executor, Transaction } from '@/lib/db/client';
import { chatDemandStatus, findAppealFactsForChat, findDemandForChat, isOwnedByPhone } from '@/lib/demands/chat-lookups';
import { addCitizenMessage, replyToInformationRequest } from '@/lib/demands/citizen-actions';
import type { IntakeResult } from '@/lib/demands/intake';
import { trackDemand, type TrackResult } from '@/lib/demands/track';
import type { ChatPlatform } from '@/lib/domain/vocabulary';
import { hitRateLimit } from '@/lib/rate-limit';
import { CHAT_SURFACES } from './surface';
import { duplicateSuggestionsFor } from '@/lib/channels/duplicate-suggestions';
import { intakeFromDraft, type ActionResult, type ConversationAction, type DemandView, type DraftMedia, type JoinOption } from './conversation';
import { statusLinkFor } from './links';
import { appealFromChat, chatAppealLine } from './information-appeal';

/**
 * Carries out the one action a conversation step asked for, the same for every platform. What needs the
 * network or its own transaction (media downloads, the tracking check with its throttle) is prepared
 * first, outside; the rest runs inside the transaction that also stores the new state and marks the
 * message processed. The platform lends its contact through a `ChatContactPort`: how it links a demand
 * to the contact, blanks a conversation, downloads media and files through the intake.
 */

export type DownloadedFiles = { files: File[]; skipped: { name: string; reason: string }[] };

export type ChatContactPort = {
  platform: ChatPlatform;
  contactId: string;
  /** A mobile number the platform verified (WhatsApp's wa_id); null elsewhere. */
  verifiedPhone: string | null;
  isLinked(db: Executor, demandId: string): Promise<boolean>;
  link(tx: Transaction, demandId: string): Promise<void>;
  /** Anonymous filing: blanks what the citizen and the engine said since filing began. */
  redactSince(tx: Transaction, since: Date): Promise<void>;
  downloadMedia(media: DraftMedia[]): Promise<DownloadedFiles>;
  /**
   * The intake, with the platform's channel and the files checked one by one; with `joinDemandId`, the
   * same join the web form makes (lib/demands/duplicates.ts): a follower with its own protocol and deadline.
   */
  fileDemand(
    tx: Transaction,
    input: Record<string, unknown>,
    files: File[],
    joinDemandId?: string,
  ): Promise<{ result: IntakeResult; skipped: { name: string; reason: string }[] }>;
};

export type Prepared = {
  files: File[];
  skippedFiles: { name: string; reason: string }[];
  /** Too many lookups from this contact: the message the citizen reads. */
  rateLimited?: string;
  /** A typed protocol: this contact's demand (linked, or filed with this very number), or proof needed. */
  lookup?: { demandId: string; link: boolean } | { proofNeeded: true };
  proof?: TrackResult;
  /** Open requests to offer before filing ("Já pediram isto aqui perto"). */
  suggestions?: JoinOption[];
};

const LOOKUP_LIMIT = { limit: 20, windowSeconds: 600 };

export async function prepareAction(action: ConversationAction, port: ChatContactPort, db: Executor): Promise<Prepared> {
  const prepared: Prepared = { files: [], skippedFiles: [] };
  const who = `${port.platform}:${port.contactId}`;
  if (action.type === 'file_demand') {
    const downloaded = await port.downloadMedia(action.draft.media);
    return { ...prepared, files: downloaded.files, skippedFiles: downloaded.skipped };
  }
  if (action.type === 'lookup' && 'protocol' in action) {
    if (!(await hitRateLimit(`${port.platform}:lookup:${port.contactId}`, LOOKUP_LIMIT)).allowed) {
      return { ...prepared, rateLimited: 'Você fez muitas consultas seguidas. Tente de novo daqui a alguns minutos.' };
    }
    return { ...prepared, lookup: await ownership(port, action.protocol, db) };
  }
  if (action.type === 'suggest_duplicates') {
    const { categoryId, latitude, longitude, description } = action.draft;
    return { ...prepared, suggestions: await duplicateSuggestionsFor({ categoryId, latitude, longitude, description }) };
  }
  if (action.type === 'check_access_code') {
    // The tracking page's own check: same proofs, same answer for every mismatch, same throttle.
    const proof = await trackDemand({ protocol: action.protocol, secret: action.code }, { clientAddress: who });
    return { ...prepared, proof };
  }
  return prepared;
}

/** A linked demand is the contact's; so is one filed with the number the platform verified (WhatsApp). */
async function ownership(port: ChatContactPort, protocol: string, db: Executor): Promise<NonNullable<Prepared['lookup']>> {
  const demand = await findDemandForChat(db, { protocol });
  if (demand && (await port.isLinked(db, demand.id))) return { demandId: demand.id, link: false };
  // Not for a protected demand: there only its access code (or the status link) proves it is theirs, so a
  // number that happens to match opens nothing.
  if (demand && isOwnedByPhone(demand, port.verifiedPhone)) return { demandId: demand.id, link: true };
  return { proofNeeded: true };
}

export type ActionEnvironment = { port: ChatContactPort; now: Date; prepared: Prepared };

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
    case 'suggest_duplicates':
      return { result: { type: 'duplicates_found', suggestions: env.prepared.suggestions ?? [] }, demandId: null };
  }
}

async function fileFromDraft(tx: Transaction, action: Extract<ConversationAction, { type: 'file_demand' }>, env: ActionEnvironment): Promise<Performed> {
  const { draft } = action;
  const { result, skipped } = await env.port.fileDemand(tx, intakeFromDraft(draft, env.port.platform), env.prepared.files, draft.join?.demandId);
  if (!result.ok) return { result: { type: 'filing_rejected', fieldErrors: result.fieldErrors }, demandId: null };
  const anonymous = draft.identity === 'anonymous';
  if (anonymous) {
    // Anonymous demands keep no identity (Lei 13.460 art. 10 §7): nothing links this contact to it, and
    // what the citizen typed while filing is blanked from the message log.
    await env.port.redactSince(tx, new Date(draft.startedAt));
  } else {
    await env.port.link(tx, result.demand.id);
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
      ...(draft.join ? { joinedProtocol: draft.join.protocol } : {}),
    },
    demandId: anonymous ? null : result.demand.id,
  };
}

async function lookupByProtocol(tx: Transaction, protocol: string, env: ActionEnvironment): Promise<Performed> {
  const mine = env.prepared.lookup;
  if (!mine || 'proofNeeded' in mine) return { result: { type: 'proof_needed', protocol }, demandId: null };
  const view = await viewOf(tx, mine.demandId, env.now);
  if (!view) return { result: { type: 'proof_needed', protocol }, demandId: null };
  if (mine.link) await env.port.link(tx, view.demandId);
  return { result: { type: 'demand_found', view }, demandId: view.demandId };
}

async function lookupMine(tx: Transaction, demandId: string, env: ActionEnvironment): Promise<Performed> {
  const demand = await findDemandForChat(tx, { id: demandId });
  const view = demand && (await env.port.isLinked(tx, demand.id)) ? await viewOf(tx, demand.id, env.now) : null;
  if (!view) return { result: { type: 'demand_not_found', protocol: demand?.protocol ?? '' }, demandId: null };
  return { result: { type: 'demand_found', view }, demandId: view.demandId };
}

async function afterProof(tx: Transaction, protocol: string, env: ActionEnvironment): Promise<Performed> {
  const proof = env.prepared.proof;
  if (!proof) return { result: { type: 'proof_needed', protocol }, demandId: null };
  if (!proof.ok) {
    if (proof.reason === 'rate_limited') return { result: { type: 'rate_limited', message: proof.message }, demandId: null };
    const message = proof.reason === 'not_found' ? proof.message : (Object.values(proof.fieldErrors).flat()[0] ?? 'Confira os dados.');
    return { result: { type: 'proof_refused', protocol, message }, demandId: null };
  }
  const demand = await findDemandForChat(tx, { protocol: proof.demand.protocol });
  const view = demand ? await viewOf(tx, demand.id, env.now) : null;
  if (!demand || !view) return { result: { type: 'proof_needed', protocol }, demandId: null };
  // Proved (by its access code, or by e-mail or phone where the demand allows that): it becomes one of
  // this contact's. An anonymous one stays unlinked.
  if (demand.identity !== 'anonymous') await env.port.link(tx, demand.id);
  return { result: { type: 'demand_found', view }, demandId: demand.identity === 'anonymous' ? null : demand.id };
}

async function addMessage(tx: Transaction, action: Extract<ConversationAction, { type: 'add_message' }>, env: ActionEnvironment): Promise<Performed> {
  const demand = await findDemandForChat(tx, { id: action.demandId });
  // Reached only after the contact proved the demand is theirs: linked, or an anonymous one opened with its code.
  const allowed = demand && (demand.identity === 'anonymous' || (await env.port.isLinked(tx, demand.id)));
  if (!demand || !allowed) return { result: { type: 'message_refused', error: 'Não encontramos esta manifestação entre as suas.' }, demandId: null };
  // "RECORRER …" on an access-to-information request is its appeal (information-appeal.ts).
  const facts = action.purpose === 'message' && demand.kind === 'information' ? await findAppealFactsForChat(tx, demand.id) : undefined;
  const appeal = facts ? await appealFromChat(tx, facts, action.body, env.port.platform, env.now) : null;
  if (appeal && !appeal.ok) return { result: { type: 'message_refused', error: appeal.error }, demandId: null };
  if (appeal) return { result: { type: 'message_added', demandId: demand.id, protocol: demand.protocol, purpose: 'message', notice: appeal.message }, demandId: demand.id };
  const name = CHAT_SURFACES[env.port.platform].name;
  const body = action.purpose === 'attendant' ? `Pedido para falar com um atendente, pelo ${name}:\n${action.body}` : action.body;
  const via = env.port.platform;
  // A reply while the demand awaits the citizen is the complementação that resumes its deadline.
  const outcome =
    demand.state === 'awaiting_citizen'
      ? await replyToInformationRequest({ demandId: demand.id, body, via }, { db: tx, now: env.now })
      : await addCitizenMessage({ demandId: demand.id, body, via }, { db: tx, now: env.now });
  if (!outcome.ok) return { result: { type: 'message_refused', error: outcome.error }, demandId: null };
  const linkedDemandId = demand.identity === 'anonymous' ? null : demand.id;
  return { result: { type: 'message_added', demandId: demand.id, protocol: demand.protocol, purpose: action.purpose }, demandId: linkedDemandId };
}

async function viewOf(tx: Executor, demandId: string, now: Date): Promise<DemandView | null> {
  const status = await chatDemandStatus(tx, demandId);
  if (!status) return null;
  const facts = await findAppealFactsForChat(tx, demandId);
  const appealLine = facts ? await chatAppealLine(tx, facts, now) : null;
  return { ...status, statusUrl: statusLinkFor(status), ...(appealLine ? { appealLine } : {}) };
}
