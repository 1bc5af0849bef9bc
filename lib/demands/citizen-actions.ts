import 'server-only';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb, type Executor, type Transaction } from '@/lib/db/client';
import { attachments, demandEvents, satisfactionRatings, users } from '@/lib/db/schema';
import { dueOnAfterSuspension } from '@/lib/domain/deadlines';
import { citizenReopenRefusal } from '@/lib/domain/transitions';
import type { DemandState } from '@/lib/domain/vocabulary';
import {
  CitizenEscalateSchema,
  CitizenMessageSchema,
  CitizenReopenSchema,
  CitizenReplySchema,
  RatingSchema,
  type CitizenVia,
} from '@/lib/domain/workspace-schemas';
import { fileLinkedComplaint } from './escalation';
import { reopenedDueOn } from './resolution';
import { decideFor, lockDemand, notifyCitizen, recordEvent, updateDemand, type LockedDemand } from './workflow';

/**
 * What the requester does about their own demand, from the e-mailed status page, their account or
 * WhatsApp. The caller has proved who the requester is (a signed status token, the WhatsApp number);
 * with `via: 'account'` it passes the signed-in user's id as `citizenUserId`, checked here against the
 * demand's requester. Each returns a message the citizen can read when the action is not possible.
 */

export type CitizenRefusal = { ok: false; error: string };
export type CitizenActionResult = { ok: true } | CitizenRefusal;

export type CitizenContext = { demandId: string; via: CitizenVia; citizenUserId?: string };
// `db` may be an open transaction: WhatsApp applies a message and marks it processed in one.
export type CitizenOptions = { now?: Date; db?: Executor };
type Options = CitizenOptions;

const NOT_FOUND = 'Manifestação não encontrada.';
export const CITIZEN_LABEL = 'Cidadão';

export async function runCitizenStep<T extends { ok: true }>(
  context: CitizenContext,
  options: Options,
  step: (tx: Transaction, demand: LockedDemand, now: Date) => Promise<T | CitizenRefusal>,
): Promise<T | CitizenRefusal> {
  const now = options.now ?? new Date();
  const db = options.db ?? (await getDb());
  return db.transaction(async (tx) => {
    const demand = await lockDemand(tx, context.demandId);
    if (!demand) return { ok: false, error: NOT_FOUND };
    if (context.via === 'account' && !(await isAccountsDemand(tx, context.citizenUserId, demand))) {
      return { ok: false, error: NOT_FOUND };
    }
    return step(tx, demand, now);
  });
}

/** Filed while signed in, or filed (not anonymously) with the CPF gov.br vouched for on this account. */
async function isAccountsDemand(tx: Transaction, citizenUserId: string | undefined, demand: LockedDemand): Promise<boolean> {
  if (!citizenUserId) return false;
  if (citizenUserId === demand.requesterUserId) return true;
  if (!demand.requesterCpf || demand.identity === 'anonymous') return false;
  const [user] = await tx.select({ govbrCpf: users.govbrCpf }).from(users).where(eq(users.id, citizenUserId));
  return Boolean(user?.govbrCpf) && user?.govbrCpf === demand.requesterCpf;
}

export function firstError(error: z.ZodError): CitizenRefusal {
  return { ok: false, error: error.issues[0]?.message ?? 'Confira o que foi enviado.' };
}

/** The citizen answers a request for information: the deadline resumes, moved by the days it waited. */
export async function replyToInformationRequest(
  input: { demandId: string; body: string; attachmentIds?: string[]; via: CitizenVia; citizenUserId?: string },
  options: Options = {},
): Promise<CitizenActionResult> {
  const parsed = CitizenReplySchema.safeParse(input);
  if (!parsed.success) return firstError(parsed.error);
  const { body, attachmentIds = [], via } = parsed.data;
  return runCitizenStep(parsed.data, options, async (tx, demand, now) => {
    const decision = decideFor(demand, 'citizen_reply', 'citizen');
    if (!decision.ok) return { ok: false, error: 'Não há pedido de complementação esperando resposta nesta manifestação.' };
    const next = decision.next === 'previous' ? await stateBeforeInformationRequest(tx, demand.id) : decision.next;
    const suspendedAt = demand.suspendedAt ?? now;
    const dueOn = dueOnAfterSuspension(demand.dueOn, suspendedAt, now);
    const departmentDueOn = demand.departmentDueOn ? dueOnAfterSuspension(demand.departmentDueOn, suspendedAt, now) : null;
    await updateDemand(tx, demand.id, { state: next, suspendedAt: null, dueOn, departmentDueOn }, now);
    const eventId = await recordEvent(tx, {
      demandId: demand.id,
      type: 'citizen_replied',
      stateBefore: demand.state,
      stateAfter: next,
      actorUserId: parsed.data.citizenUserId ?? null,
      actorLabel: CITIZEN_LABEL,
      visibility: 'public',
      body,
      data: { via, previousDueOn: demand.dueOn, dueOn },
      now,
    });
    if (attachmentIds.length) {
      await tx
        .update(attachments)
        .set({ eventId })
        .where(and(inArray(attachments.id, attachmentIds), eq(attachments.demandId, demand.id), isNull(attachments.eventId)));
    }
    return { ok: true };
  });
}

/** Where the demand was when the information was requested (triage, a department, in progress). */
async function stateBeforeInformationRequest(tx: Transaction, demandId: string): Promise<DemandState> {
  const [request] = await tx
    .select({ stateBefore: demandEvents.stateBefore })
    .from(demandEvents)
    .where(and(eq(demandEvents.demandId, demandId), eq(demandEvents.type, 'info_requested')))
    .orderBy(desc(demandEvents.createdAt), desc(demandEvents.id))
    .limit(1);
  const state = request?.stateBefore;
  return state && state !== 'awaiting_citizen' ? state : 'in_progress';
}

/** Not satisfied with the answer: once, within 10 days of it. The demand goes back to triage with a new deadline. */
export async function reopenDemand(
  input: { demandId: string; reason: string; via: CitizenVia; citizenUserId?: string },
  options: Options = {},
): Promise<CitizenActionResult> {
  const parsed = CitizenReopenSchema.safeParse(input);
  if (!parsed.success) return firstError(parsed.error);
  return runCitizenStep(parsed.data, options, async (tx, demand, now) => {
    const decision = decideFor(demand, 'citizen_reopen', 'citizen');
    if (!decision.ok) {
      // "Not answered yet" reads better than the state table's refusal when the window is the reason.
      return { ok: false, error: demand.state === 'closed' ? 'O prazo para reabrir esta manifestação terminou.' : decision.error };
    }
    const windowRefusal = citizenReopenRefusal(demand, now);
    if (windowRefusal) return { ok: false, error: windowRefusal };
    if (decision.next === 'previous') throw new Error('A reopening never returns to a previous state');
    const dueOn = await reopenedDueOn(tx, demand, now);
    await updateDemand(tx, demand.id, { state: decision.next, dueOn, reopenCount: demand.reopenCount + 1, answeredAt: null, closedAt: null }, now);
    const eventId = await recordEvent(tx, {
      demandId: demand.id,
      type: 'reopened',
      stateBefore: demand.state,
      stateAfter: decision.next,
      actorUserId: parsed.data.citizenUserId ?? null,
      actorLabel: CITIZEN_LABEL,
      visibility: 'public',
      body: parsed.data.reason,
      data: { by: 'citizen', via: parsed.data.via, previousDueOn: demand.dueOn, dueOn },
      now,
    });
    await notifyCitizen(tx, demand, 'demand_reopened', { body: parsed.data.reason, dueOn }, eventId, now);
    return { ok: true };
  });
}

/** The satisfaction survey: once per demand, after the answer. */
export async function rateDemand(
  input: { demandId: string; rating: number; resolved: boolean; comment?: string; via: CitizenVia; citizenUserId?: string },
  options: Options = {},
): Promise<CitizenActionResult> {
  const parsed = RatingSchema.safeParse(input);
  if (!parsed.success) return firstError(parsed.error);
  const { rating, resolved, comment, via } = parsed.data;
  return runCitizenStep(parsed.data, options, async (tx, demand, now) => {
    const decision = decideFor(demand, 'rate', 'citizen');
    if (!decision.ok) return { ok: false, error: 'A avaliação fica disponível depois da resposta.' };
    const inserted = await tx
      .insert(satisfactionRatings)
      .values({ demandId: demand.id, rating, resolved, comment: comment ?? null, createdAt: now })
      .onConflictDoNothing({ target: satisfactionRatings.demandId })
      .returning({ demandId: satisfactionRatings.demandId });
    if (!inserted.length) return { ok: false, error: 'Esta manifestação já foi avaliada. Obrigado!' };
    await recordEvent(tx, {
      demandId: demand.id,
      type: 'rated',
      stateBefore: demand.state,
      stateAfter: demand.state,
      actorUserId: parsed.data.citizenUserId ?? null,
      actorLabel: CITIZEN_LABEL,
      visibility: 'public',
      body: comment ?? '',
      data: { rating, resolved, via },
      now,
    });
    return { ok: true };
  });
}

/** A message from the citizen about an open or answered demand (while information is awaited, use the reply). */
export async function addCitizenMessage(
  input: { demandId: string; body: string; attachmentIds?: string[]; via: CitizenVia; citizenUserId?: string },
  options: Options = {},
): Promise<CitizenActionResult> {
  const parsed = CitizenMessageSchema.safeParse(input);
  if (!parsed.success) return firstError(parsed.error);
  return runCitizenStep(parsed.data, options, async (tx, demand, now) => {
    if (demand.state === 'awaiting_citizen') {
      return { ok: false, error: 'A Prefeitura pediu uma complementação: responda a esse pedido para o prazo voltar a contar.' };
    }
    const decision = decideFor(demand, 'citizen_message', 'citizen');
    if (!decision.ok) return { ok: false, error: 'Esta manifestação foi encerrada e não recebe mais mensagens. Registre uma nova, se precisar.' };
    await updateDemand(tx, demand.id, {}, now);
    const eventId = await recordEvent(tx, {
      demandId: demand.id,
      type: 'citizen_message',
      stateBefore: demand.state,
      stateAfter: demand.state,
      actorUserId: parsed.data.citizenUserId ?? null,
      actorLabel: CITIZEN_LABEL,
      visibility: 'public',
      body: parsed.data.body,
      data: { via: parsed.data.via },
      now,
    });
    const attachmentIds = parsed.data.attachmentIds ?? [];
    if (attachmentIds.length) {
      await tx
        .update(attachments)
        .set({ eventId })
        .where(and(inArray(attachments.id, attachmentIds), eq(attachments.demandId, demand.id), isNull(attachments.eventId)));
    }
    return { ok: true };
  });
}

/** The citizen takes a late or unsatisfactory Balcão request to the Ouvidoria; returns the complaint's protocol. */
export async function escalateDemand(
  input: { demandId: string; reason: string; via: CitizenVia; citizenUserId?: string },
  options: Options = {},
): Promise<{ ok: true; protocol: string; accessCode?: string } | CitizenRefusal> {
  const parsed = CitizenEscalateSchema.safeParse(input);
  if (!parsed.success) return firstError(parsed.error);
  return runCitizenStep<{ ok: true; protocol: string; accessCode?: string }>(parsed.data, options, async (tx, demand, now) => {
    const decision = decideFor(demand, 'citizen_escalate', 'citizen');
    if (!decision.ok) return { ok: false, error: decision.error };
    const escalation = await fileLinkedComplaint(tx, demand, {
      reason: parsed.data.reason,
      channel: parsed.data.via === 'whatsapp' ? 'whatsapp' : 'web',
      enteredByUserId: null,
      actorUserId: parsed.data.citizenUserId ?? null,
      actorLabel: CITIZEN_LABEL,
      now,
    });
    if (!escalation.ok) return { ok: false, error: escalation.error };
    return { ok: true, protocol: escalation.complaint.protocol, accessCode: escalation.complaint.accessCode };
  });
}
