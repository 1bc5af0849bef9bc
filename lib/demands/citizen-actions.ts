import 'server-only';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/lib/db/client';
import { attachments, demandEvents, demands, outbox, satisfactionRatings, type Demand } from '@/lib/db/schema';
import { citizenOptions } from '@/lib/domain/citizen-options';
import { dueOnAfterSuspension } from '@/lib/domain/deadlines';
import { formatDate } from '@/lib/domain/labels';
import type { DemandState } from '@/lib/domain/vocabulary';
import { citizenNotifications } from './notifications';

/**
 * What the requester does on their own demand — from the e-mailed status link, their account or
 * WhatsApp. Each call changes the demand in one transaction with its timeline event (and outbox rows),
 * and answers in Portuguese when the move is not allowed. The caller has already established that the
 * person is the requester (a valid status-link token, the owning account, the WhatsApp number).
 */

export type CitizenActionVia = 'status_link' | 'account' | 'whatsapp';
export type CitizenActionResult = { ok: true } | { ok: false; error: string };

class Refusal extends Error {}

async function withDemand(demandId: string, work: (tx: Transaction, demand: Demand) => Promise<void>): Promise<CitizenActionResult> {
  const db = await getDb();
  try {
    await db.transaction(async (tx) => {
      const [demand] = await tx.select().from(demands).where(eq(demands.id, demandId)).for('update');
      if (!demand) throw new Refusal('Manifestação não encontrada.');
      await work(tx, demand);
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.message };
    throw error;
  }
}

async function isRated(tx: Transaction, demandId: string): Promise<boolean> {
  const [rating] = await tx.select({ demandId: satisfactionRatings.demandId }).from(satisfactionRatings).where(eq(satisfactionRatings.demandId, demandId));
  return Boolean(rating);
}

/** The citizen's complementação: the deadline resumes, moved by the days spent waiting. */
export async function replyToInformationRequest(
  input: { demandId: string; body: string; attachmentIds?: string[]; via: CitizenActionVia },
  options: { now?: Date } = {},
): Promise<CitizenActionResult> {
  const now = options.now ?? new Date();
  const body = input.body.trim();
  if (!body) return { ok: false, error: 'Escreva a sua resposta.' };
  const attachmentIds = input.attachmentIds ?? [];
  return withDemand(input.demandId, async (tx, demand) => {
    if (demand.state !== 'awaiting_citizen') throw new Refusal('Esta manifestação não está aguardando complementação.');
    const [request] = await tx
      .select({ stateBefore: demandEvents.stateBefore })
      .from(demandEvents)
      .where(and(eq(demandEvents.demandId, demand.id), eq(demandEvents.type, 'info_requested')))
      .orderBy(desc(demandEvents.id))
      .limit(1);
    const resumed: DemandState = request?.stateBefore && request.stateBefore !== 'awaiting_citizen' ? request.stateBefore : 'in_progress';
    const dueOn = demand.suspendedAt ? dueOnAfterSuspension(demand.dueOn, demand.suspendedAt, now) : demand.dueOn;
    await tx.update(demands).set({ state: resumed, dueOn, suspendedAt: null, updatedAt: now }).where(eq(demands.id, demand.id));
    const [event] = await tx
      .insert(demandEvents)
      .values({
        demandId: demand.id,
        type: 'citizen_replied',
        stateBefore: demand.state,
        stateAfter: resumed,
        actorLabel: 'Cidadão',
        visibility: 'public',
        body,
        data: { via: input.via, attachmentIds },
        createdAt: now,
      })
      .returning({ id: demandEvents.id });
    if (!event) throw new Error('Insert returned no event');
    if (attachmentIds.length) {
      const linked = await tx
        .update(attachments)
        .set({ eventId: event.id })
        .where(and(inArray(attachments.id, attachmentIds), eq(attachments.demandId, demand.id), isNull(attachments.eventId)))
        .returning({ id: attachments.id });
      if (linked.length !== attachmentIds.length) throw new Refusal('Os anexos enviados não pertencem a esta manifestação.');
    }
  });
}

export async function rateDemand(
  input: { demandId: string; rating: number; resolved: boolean; comment?: string; via: CitizenActionVia },
  options: { now?: Date } = {},
): Promise<CitizenActionResult> {
  const now = options.now ?? new Date();
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) return { ok: false, error: 'Escolha uma nota de 1 a 5.' };
  const comment = input.comment?.trim() || null;
  return withDemand(input.demandId, async (tx, demand) => {
    const rated = await isRated(tx, demand.id);
    if (rated) throw new Refusal('Este atendimento já foi avaliado. Obrigado!');
    if (!citizenOptions({ ...demand, rated }, now).canRate) throw new Refusal('A avaliação fica disponível depois da resposta conclusiva.');
    await tx.insert(satisfactionRatings).values({ demandId: demand.id, rating: input.rating, resolved: input.resolved, comment, createdAt: now });
    await tx.insert(demandEvents).values({
      demandId: demand.id,
      type: 'rated',
      stateBefore: demand.state,
      stateAfter: demand.state,
      actorLabel: 'Cidadão',
      visibility: 'public',
      body: '',
      data: { via: input.via, rating: input.rating, resolved: input.resolved },
      createdAt: now,
    });
    await tx.update(demands).set({ updatedAt: now }).where(eq(demands.id, demand.id));
  });
}

/** Not satisfied with the answer: back to analysis, once, within 10 days of it. */
export async function reopenDemand(
  input: { demandId: string; reason: string; via: CitizenActionVia },
  options: { now?: Date } = {},
): Promise<CitizenActionResult> {
  const now = options.now ?? new Date();
  const reason = input.reason.trim();
  if (!reason) return { ok: false, error: 'Conte por que a resposta não resolveu.' };
  return withDemand(input.demandId, async (tx, demand) => {
    const choices = citizenOptions({ ...demand, rated: await isRated(tx, demand.id) }, now);
    if (demand.state !== 'answered') throw new Refusal('Só é possível reabrir uma manifestação respondida.');
    if (demand.reopenCount > 0) throw new Refusal('Esta manifestação já foi reaberta uma vez.');
    if (!choices.canReopen) {
      throw new Refusal(`O prazo para reabrir terminou em ${choices.reopenUntil ? formatDate(choices.reopenUntil) : 'data já passada'}. Registre uma nova manifestação citando o protocolo ${demand.protocol}.`);
    }
    await tx
      .update(demands)
      .set({ state: 'in_progress', reopenCount: sql`${demands.reopenCount} + 1`, answeredAt: null, updatedAt: now })
      .where(eq(demands.id, demand.id));
    const [event] = await tx
      .insert(demandEvents)
      .values({
        demandId: demand.id,
        type: 'reopened',
        stateBefore: demand.state,
        stateAfter: 'in_progress',
        actorLabel: 'Cidadão',
        visibility: 'public',
        body: reason,
        data: { via: input.via },
        createdAt: now,
      })
      .returning({ id: demandEvents.id });
    if (!event) throw new Error('Insert returned no event');
    const messages = citizenNotifications(demand, 'demand_reopened', { protocol: demand.protocol, service: demand.service, body: reason, dueOn: demand.dueOn }, event.id, now);
    if (messages.length) await tx.insert(outbox).values(messages);
  });
}
