import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb, type Database, type Transaction } from '@/lib/db/client';
import { demands, type Demand } from '@/lib/db/schema';
import { readCatalogue } from '@/lib/db/queries/catalogue-cache';
import { findNearbyOpenRequests, findSimilarOpenRequests, type DuplicateSuggestion } from '@/lib/db/queries/duplicate-suggestions';
import { parseProtocol } from '@/lib/domain/protocol';
import { canViewDemand } from '@/lib/domain/permissions';
import type { IntakeContext } from '@/lib/domain/intake-schema';
import type { DemandState } from '@/lib/domain/vocabulary';
import { DuplicateSuggestionQuerySchema, LinkDuplicateSchema, UnlinkDuplicateSchema } from '@/lib/domain/workspace-schemas';
import { fileDemand, type IntakeResult } from './intake';
import { conflict, fieldFailure, invalid, lockDemand, notifyCitizen, recordEvent, runStaffStep, updateDemand, type StaffActor, type UseCaseOptions, type UseCaseResult } from './workflow';

/**
 * Duplicates (DESIGN.md `duplicate_of` / `follower`): one problem, several demands. Each demand keeps its
 * own protocol and legal deadline; a duplicate points at the main demand, its requester follows the main
 * one (its public movements reach them too), and the main one's final answer answers every duplicate.
 * A citizen joins an open request when filing (`fileFollowingDemand`), or staff link two demands.
 */

const OPEN_STATES: readonly DemandState[] = ['received', 'forwarded', 'in_progress', 'awaiting_citizen'];
/** Shorter text says too little to compare. */
const MIN_DESCRIPTION_FOR_SIMILARITY = 10;

/**
 * "Já pediram isto aqui perto": open requests of the same service near the point (the service's own
 * radius, default 50 m) and those with a similar description, nearest and most similar first. Public: it
 * shows nothing a stranger may not see (see DuplicateSuggestion).
 */
export async function suggestDuplicates(input: unknown, options: { db?: Database; excludeDemandId?: string } = {}): Promise<DuplicateSuggestion[]> {
  const parsed = DuplicateSuggestionQuerySchema.safeParse(input);
  if (!parsed.success) return [];
  const db = options.db ?? (await getDb());
  const category = (await readCatalogue(db)).categories.find((row) => row.id === parsed.data.categoryId && row.service === 'balcao' && row.active);
  if (!category) return [];
  const { latitude, longitude } = parsed.data;
  const description = parsed.data.description?.trim() ?? '';
  const exclude = options.excludeDemandId ? { excludeDemandId: options.excludeDemandId } : {};
  const [near, similar] = await Promise.all([
    latitude !== undefined && longitude !== undefined
      ? findNearbyOpenRequests(db, { categoryId: category.id, latitude, longitude, radiusMeters: category.duplicateRadiusMeters, ...exclude })
      : [],
    description.length >= MIN_DESCRIPTION_FOR_SIMILARITY ? findSimilarOpenRequests(db, { categoryId: category.id, description, ...exclude }) : [],
  ]);
  const seen = new Set(near.map((row) => row.id));
  return [...near, ...similar.filter((row) => !seen.has(row.id))].slice(0, 5);
}

/**
 * The citizen joins an open request instead of filing a separate one: their own demand is filed (own
 * protocol, own deadline, own notices) already linked to the main one, and both timelines say so — all
 * in one transaction with the main demand locked, so it cannot be answered in between.
 */
export async function fileFollowingDemand(
  input: unknown,
  context: IntakeContext,
  mainDemandId: string,
  options: Parameters<typeof fileDemand>[2] & { db?: Database } = {},
): Promise<IntakeResult> {
  const db = options.db ?? (await getDb());
  return db.transaction((tx) => fileFollowingDemandIn(tx, input, context, mainDemandId, options));
}

/** fileFollowingDemand inside the caller's transaction (a chat files in the one that stores its state). */
export async function fileFollowingDemandIn(
  tx: Transaction,
  input: unknown,
  context: IntakeContext,
  mainDemandId: string,
  options: Omit<NonNullable<Parameters<typeof fileDemand>[2]>, 'db'> = {},
): Promise<IntakeResult> {
  const now = options.now ?? new Date();
  const main = await lockMain(tx, mainDemandId);
  const categoryId = typeof input === 'object' && input !== null ? (input as Record<string, unknown>).categoryId : undefined;
  if (!main || main.service !== 'balcao' || main.categoryId !== categoryId || !OPEN_STATES.includes(main.state) || main.identity === 'confidential') {
    return { ok: false, fieldErrors: { form: ['Esta solicitação já foi concluída ou não aceita mais apoios. Registre seu pedido normalmente.'] } };
  }
  const filed = await fileDemand(input, context, { ...options, now, db: tx, duplicateOfId: main.id });
  if (!filed.ok || filed.demand.replayed) return filed;
  await recordEvent(tx, {
    demandId: filed.demand.id,
    type: 'duplicate_linked',
    stateBefore: 'received',
    stateAfter: 'received',
    actorUserId: null,
    actorLabel: 'Cidadão',
    visibility: 'public',
    body: `Você passou a acompanhar a solicitação ${main.protocol}, já registrada para o mesmo problema. A resposta dela também responde este pedido.`,
    data: { mainDemandId: main.id, mainProtocol: main.protocol, by: 'citizen' },
    now,
  });
  await recordEvent(tx, {
    demandId: main.id,
    type: 'duplicate_linked',
    stateBefore: main.state,
    stateAfter: main.state,
    actorUserId: null,
    actorLabel: 'Cidadão',
    visibility: 'internal',
    body: `Outro cidadão passou a acompanhar esta solicitação (protocolo ${filed.demand.protocol}).`,
    data: { duplicateDemandId: filed.demand.id, duplicateProtocol: filed.demand.protocol, by: 'citizen' },
    now,
  });
  return filed;
}

/** The main demand for a follower: a duplicate's own main one, so that links stay one level deep. */
async function lockMain(tx: Transaction, demandId: string): Promise<Demand | null> {
  const [row] = await tx.select().from(demands).where(eq(demands.id, demandId)).for('update');
  if (!row?.duplicateOfId) return row ?? null;
  const [main] = await tx.select().from(demands).where(eq(demands.id, row.duplicateOfId)).for('update');
  return main ?? null;
}

/**
 * Staff mark a demand as a duplicate of another (the main one, by its protocol) with a public note that
 * the duplicate's requester receives; the main demand's timeline records it for staff.
 */
export async function linkDuplicate(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult<{ mainDemandId: string }>> {
  const parsed = LinkDuplicateSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const protocol = parseProtocol(parsed.data.mainProtocol);
  if (!protocol.ok) return fieldFailure({ mainProtocol: ['Protocolo inválido: confira os números (ex.: 2026-000123-7).'] });
  return runStaffStep(actor, parsed.data.demandId, 'link_duplicate', options, async ({ tx, demand, now, actorLabel, readOnce }) => {
    if (!actor) throw new Error('runStaffStep lets no signed-out actor through');
    if (demand.duplicateOfId) return conflict('Esta manifestação já está vinculada a outra. Desvincule-a antes.');
    // In a bulk action every row links to the same main demand: it is locked once, and linking a duplicate
    // to it changes nothing of its row (only its timeline).
    const main = await readOnce(`main:${protocol.protocol}`, async () => {
      const [found] = await tx.select({ id: demands.id }).from(demands).where(eq(demands.protocol, protocol.protocol));
      return found ? lockDemand(tx, found.id) : null;
    });
    if (!main || !canViewDemand(actor, main.facts)) return fieldFailure({ mainProtocol: ['Manifestação principal não encontrada.'] });
    if (main.id === demand.id) return fieldFailure({ mainProtocol: ['Informe o protocolo de outra manifestação.'] });
    if (main.service !== demand.service) return fieldFailure({ mainProtocol: ['A principal precisa ser do mesmo serviço (Ouvidoria ou Balcão).'] });
    if (main.duplicateOfId) return fieldFailure({ mainProtocol: ['Essa manifestação já é duplicada de outra: informe o protocolo da principal.'] });
    if (!OPEN_STATES.includes(main.state)) return fieldFailure({ mainProtocol: ['A principal já foi concluída: responda esta diretamente.'] });
    if (demand.followerCount > 0) return conflict('Outras manifestações estão vinculadas a esta. Desvincule-as antes, ou vincule a outra a esta.');

    // Sent together, in this order: postgres.js pipelines a transaction's concurrent queries.
    const [, eventId] = await Promise.all([
      updateDemand(tx, demand.id, { duplicateOfId: main.id }, now),
      recordEvent(tx, {
        demandId: demand.id,
        type: 'duplicate_linked',
        stateBefore: demand.state,
        stateAfter: demand.state,
        actorUserId: actor.userId,
        actorLabel,
        visibility: 'public',
        body: parsed.data.note,
        data: { mainDemandId: main.id, mainProtocol: main.protocol, by: 'staff' },
        now,
      }),
      recordEvent(tx, {
        demandId: main.id,
        type: 'duplicate_linked',
        stateBefore: main.state,
        stateAfter: main.state,
        actorUserId: actor.userId,
        actorLabel,
        visibility: 'internal',
        body: `Manifestação ${demand.protocol} vinculada como duplicada desta. Nota ao cidadão: ${parsed.data.note}`,
        data: { duplicateDemandId: demand.id, duplicateProtocol: demand.protocol, by: 'staff' },
        now,
      }),
    ]);
    await notifyCitizen(tx, demand, 'public_reply', { body: parsed.data.note, state: demand.state }, eventId, now);
    return { ok: true, mainDemandId: main.id };
  });
}

/** Undoes a link: each demand goes on by itself, and both timelines say who undid it and why. */
export async function unlinkDuplicate(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult> {
  const parsed = UnlinkDuplicateSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return runStaffStep(actor, parsed.data.demandId, 'unlink_duplicate', options, async ({ tx, demand, now, actorLabel }) => {
    if (!actor) throw new Error('runStaffStep lets no signed-out actor through');
    if (!demand.duplicateOfId) return conflict('Esta manifestação não está vinculada a nenhuma outra.');
    const [main] = await tx.select().from(demands).where(eq(demands.id, demand.duplicateOfId)).for('update');
    if (!main) throw new Error('A duplicate points at a missing demand');
    await updateDemand(tx, demand.id, { duplicateOfId: null }, now);
    await recordEvent(tx, {
      demandId: demand.id,
      type: 'duplicate_unlinked',
      stateBefore: demand.state,
      stateAfter: demand.state,
      actorUserId: actor.userId,
      actorLabel,
      visibility: 'public',
      body: parsed.data.reason,
      data: { mainDemandId: main.id, mainProtocol: main.protocol },
      now,
    });
    await recordEvent(tx, {
      demandId: main.id,
      type: 'duplicate_unlinked',
      stateBefore: main.state,
      stateAfter: main.state,
      actorUserId: actor.userId,
      actorLabel,
      visibility: 'internal',
      body: `Manifestação ${demand.protocol} desvinculada desta. Motivo: ${parsed.data.reason}`,
      data: { duplicateDemandId: demand.id, duplicateProtocol: demand.protocol },
      now,
    });
    return { ok: true };
  });
}

/**
 * The main demand's final answer answers every open duplicate: each gets its own answered event (its own
 * timeline, its own reopen window) and its requester the answer on their own channel — in the answer's
 * transaction. Called by sendFinalAnswer.
 */
export async function answerDuplicates(
  tx: Transaction,
  main: Demand,
  answer: { body: string; attachmentNames?: string[] },
  by: { actorUserId: string | null; actorLabel: string; now: Date },
): Promise<number> {
  const duplicates = await tx
    .select()
    .from(demands)
    .where(and(eq(demands.duplicateOfId, main.id), inArray(demands.state, [...OPEN_STATES])))
    .for('update');
  for (const duplicate of duplicates) {
    await updateDemand(tx, duplicate.id, { state: 'answered', answeredAt: by.now, suspendedAt: null }, by.now);
    const eventId = await recordEvent(tx, {
      demandId: duplicate.id,
      type: 'answered',
      stateBefore: duplicate.state,
      stateAfter: 'answered',
      actorUserId: by.actorUserId,
      actorLabel: by.actorLabel,
      visibility: 'public',
      body: answer.body,
      data: { viaDemandId: main.id, viaProtocol: main.protocol },
      now: by.now,
    });
    await notifyCitizen(tx, duplicate, 'final_answer', { body: answer.body, ...(answer.attachmentNames ? { attachmentNames: answer.attachmentNames } : {}) }, eventId, by.now);
  }
  return duplicates.length;
}
