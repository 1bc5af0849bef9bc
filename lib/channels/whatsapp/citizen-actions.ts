import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { getDb, type Executor } from '@/lib/db/client';
import { demandEvents, demands } from '@/lib/db/schema';
import { dueOnAfterSuspension } from '@/lib/domain/deadlines';
import type { DemandState } from '@/lib/domain/vocabulary';

/**
 * INTEGRATION SEAM — the citizen-side use cases the workspace branch provides in
 * `lib/demands/citizen-actions.ts`, with the same names and arguments. When it is merged, this file
 * becomes:
 *
 *   export { addCitizenMessage, replyToInformationRequest } from '@/lib/demands/citizen-actions';
 *
 * The WhatsApp channel calls them inside its own transaction (the message's effect and its "processed"
 * mark commit together), passing `{ db: tx }` as fileDemand takes it; the workspace versions need that
 * same optional second argument. Until then these minimal versions write the timeline event.
 */

export type CitizenActionResult = { ok: true } | { ok: false; error: string };
type Via = 'status_link' | 'account' | 'whatsapp';
type Options = { db?: Executor; now?: Date };

const CLOSED_STATES: DemandState[] = ['closed', 'archived'];

export async function addCitizenMessage(
  input: { demandId: string; body: string; via: Via },
  options: Options = {},
): Promise<CitizenActionResult> {
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  const [demand] = await db.select({ state: demands.state }).from(demands).where(eq(demands.id, input.demandId));
  if (!demand) return { ok: false, error: 'Não encontramos esta manifestação.' };
  if (CLOSED_STATES.includes(demand.state)) {
    return { ok: false, error: 'Este protocolo já foi encerrado. Se precisar, registre uma nova manifestação.' };
  }
  await db.insert(demandEvents).values({
    demandId: input.demandId,
    type: 'citizen_message',
    stateBefore: demand.state,
    stateAfter: demand.state,
    actorLabel: 'Cidadão',
    visibility: 'public',
    body: input.body,
    data: { via: input.via },
    createdAt: now,
  });
  await db.update(demands).set({ updatedAt: now }).where(eq(demands.id, input.demandId));
  return { ok: true };
}

/** The citizen's complementação: the demand goes back to where it was and the suspended deadline resumes. */
export async function replyToInformationRequest(
  input: { demandId: string; body: string; attachmentIds?: string[]; via: Via },
  options: Options = {},
): Promise<CitizenActionResult> {
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  const [demand] = await db.select().from(demands).where(eq(demands.id, input.demandId));
  if (!demand) return { ok: false, error: 'Não encontramos esta manifestação.' };
  if (demand.state !== 'awaiting_citizen') return { ok: false, error: 'Esta manifestação não está aguardando informações suas.' };
  const [request] = await db
    .select({ stateBefore: demandEvents.stateBefore })
    .from(demandEvents)
    .where(and(eq(demandEvents.demandId, demand.id), eq(demandEvents.type, 'info_requested')))
    .orderBy(desc(demandEvents.createdAt), desc(demandEvents.id))
    .limit(1);
  const resumed = request?.stateBefore && request.stateBefore !== 'awaiting_citizen' ? request.stateBefore : 'in_progress';
  const dueOn = demand.suspendedAt ? dueOnAfterSuspension(demand.dueOn, demand.suspendedAt, now) : demand.dueOn;
  await db.update(demands).set({ state: resumed, suspendedAt: null, dueOn, updatedAt: now }).where(eq(demands.id, demand.id));
  await db.insert(demandEvents).values({
    demandId: demand.id,
    type: 'citizen_replied',
    stateBefore: 'awaiting_citizen',
    stateAfter: resumed,
    actorLabel: 'Cidadão',
    visibility: 'public',
    body: input.body,
    data: { via: input.via, attachmentIds: input.attachmentIds ?? [] },
    createdAt: now,
  });
  return { ok: true };
}
