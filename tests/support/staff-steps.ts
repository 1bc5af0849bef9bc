import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { demandEvents, demands, outbox } from '@/lib/db/schema';
import { citizenNotifications } from '@/lib/demands/notifications';
import type { CitizenTemplate } from '@/lib/domain/notifications';
import type { DemandEventType, DemandState } from '@/lib/domain/vocabulary';

/**
 * Staff moves needed to set the stage for the citizen's side (request information, final answer).
 * The workspace helper owns the real use cases; until they are merged, these write what those use cases
 * write — the state, a public event and the citizen's notification, in one transaction — so that the
 * status page and the e-mails are exercised end to end. Replace with the workspace's use cases.
 */

async function staffMove(
  demandId: string,
  move: { type: DemandEventType; stateAfter: DemandState; body: string; template: CitizenTemplate; now: Date; changes: Partial<typeof demands.$inferInsert> },
) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [demand] = await tx.select().from(demands).where(eq(demands.id, demandId)).for('update');
    if (!demand) throw new Error('no such demand');
    await tx.update(demands).set({ ...move.changes, state: move.stateAfter, updatedAt: move.now }).where(eq(demands.id, demandId));
    const [event] = await tx
      .insert(demandEvents)
      .values({ demandId, type: move.type, stateBefore: demand.state, stateAfter: move.stateAfter, actorLabel: 'Ouvidoria', visibility: 'public', body: move.body, createdAt: move.now })
      .returning({ id: demandEvents.id });
    if (!event) throw new Error('no event');
    const messages = citizenNotifications(demand, move.template, { protocol: demand.protocol, service: demand.service, body: move.body, dueOn: demand.dueOn }, event.id, move.now);
    if (messages.length) await tx.insert(outbox).values(messages);
  });
}

export function requestInformation(demandId: string, question: string, now = new Date()) {
  return staffMove(demandId, { type: 'info_requested', stateAfter: 'awaiting_citizen', body: question, template: 'info_requested', now, changes: { suspendedAt: now } });
}

export function answerDemand(demandId: string, answer: string, now = new Date()) {
  return staffMove(demandId, { type: 'answered', stateAfter: 'answered', body: answer, template: 'final_answer', now, changes: { answeredAt: now } });
}
