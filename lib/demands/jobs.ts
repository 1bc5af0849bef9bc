import 'server-only';
import { and, eq, lt } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { demands, satisfactionRatings } from '@/lib/db/schema';
import { DEADLINE_DAYS } from '@/lib/domain/deadlines';
import { awaitingCitizenExpired, reopenWindowOver } from '@/lib/domain/transitions';
import { decideFor, lockDemand, notifyCitizen, recordEvent, updateDemand } from './workflow';

/**
 * The scheduled moves no person makes; the delivery worker calls them. Each demand moves in its own
 * transaction, re-checked under its lock, so a citizen replying at the same instant wins or loses
 * cleanly and a second worker running the same job finds nothing left to do.
 */

const SYSTEM_LABEL = 'Sistema';
const DAY_MS = 86_400_000;

/** Demands awaiting the citizen for more than 20 days without a reply are archived, with a public reason. */
export async function archiveUnansweredInformationRequests({ now = new Date(), db }: { now?: Date; db?: Database } = {}): Promise<{ archived: number }> {
  const database = db ?? (await getDb());
  // A day of margin: the exact count is in São Paulo calendar days, re-checked per demand below.
  const candidates = await database
    .select({ id: demands.id })
    .from(demands)
    .where(and(eq(demands.state, 'awaiting_citizen'), lt(demands.suspendedAt, new Date(now.getTime() - DEADLINE_DAYS.awaitingCitizenArchive * DAY_MS))));
  let archived = 0;
  for (const { id } of candidates) {
    const moved = await database.transaction(async (tx) => {
      const demand = await lockDemand(tx, id);
      if (!demand?.suspendedAt || !awaitingCitizenExpired(demand.suspendedAt, now)) return false;
      const decision = decideFor(demand, 'auto_archive', 'system');
      if (!decision.ok || decision.next === 'previous') return false;
      const body = `Arquivada porque o pedido de complementação ficou ${DEADLINE_DAYS.awaitingCitizenArchive} dias sem resposta. Se ainda precisar, registre uma nova manifestação.`;
      await updateDemand(tx, demand.id, { state: decision.next, closedAt: now }, now);
      const eventId = await recordEvent(tx, {
        demandId: demand.id,
        type: 'archived',
        stateBefore: demand.state,
        stateAfter: decision.next,
        actorUserId: null,
        actorLabel: SYSTEM_LABEL,
        visibility: 'public',
        body,
        data: { reason: 'no_reply', suspendedAt: demand.suspendedAt.toISOString() },
        now,
      });
      await notifyCitizen(tx, demand, 'demand_archived', { body }, eventId, now);
      return true;
    });
    if (moved) archived++;
  }
  return { archived };
}

/**
 * Answered demands are closed once the 10 days to reopen are over, and the citizen who has not rated
 * the answer yet gets the satisfaction survey.
 */
export async function closeAnsweredDemands({ now = new Date(), db }: { now?: Date; db?: Database } = {}): Promise<{ closed: number }> {
  const database = db ?? (await getDb());
  const candidates = await database
    .select({ id: demands.id })
    .from(demands)
    .where(and(eq(demands.state, 'answered'), lt(demands.answeredAt, new Date(now.getTime() - DEADLINE_DAYS.reopenWindow * DAY_MS))));
  let closed = 0;
  for (const { id } of candidates) {
    const moved = await database.transaction(async (tx) => {
      const demand = await lockDemand(tx, id);
      if (!demand?.answeredAt || !reopenWindowOver(demand.answeredAt, now)) return false;
      const decision = decideFor(demand, 'close', 'system');
      if (!decision.ok || decision.next === 'previous') return false;
      await updateDemand(tx, demand.id, { state: decision.next, closedAt: now }, now);
      const eventId = await recordEvent(tx, {
        demandId: demand.id,
        type: 'closed',
        stateBefore: demand.state,
        stateAfter: decision.next,
        actorUserId: null,
        actorLabel: SYSTEM_LABEL,
        visibility: 'public',
        body: 'Concluída: terminou o prazo de 10 dias para reabrir.',
        now,
      });
      const [rating] = await tx.select({ demandId: satisfactionRatings.demandId }).from(satisfactionRatings).where(eq(satisfactionRatings.demandId, demand.id));
      if (!rating) await notifyCitizen(tx, demand, 'satisfaction_survey', {}, eventId, now);
      return true;
    });
    if (moved) closed++;
  }
  return { closed };
}
