import 'server-only';
import { eq } from 'drizzle-orm';
import type { Transaction } from '@/lib/db/client';
import { categories } from '@/lib/db/schema';
import { addDays, dateInSaoPaulo, extensionDays, initialDeadlineDays } from '@/lib/domain/deadlines';
import { INFORMATION_ANSWER_NEEDS_OUTCOME, informationExtensionRefusal } from '@/lib/domain/information-requests';
import { extensionRefusal } from '@/lib/domain/transitions';
import type { DemandKind, Service } from '@/lib/domain/vocabulary';
import { AnswerSchema, ArchiveSchema, ExtendSchema, ReopenSchema } from '@/lib/domain/workspace-schemas';
import { answerDuplicates } from './duplicates';
import { withEventFiles, type MessageOptions } from './event-files';
import { conflict, invalid, notifyCitizen, recordEvent, runStaffStep, updateDemand, type StaffActor, type UseCaseOptions, type UseCaseResult } from './workflow';

/** The one justified extension the law allows: +30 days; +10 for an access-to-information request, told before its 20 days end. */
export async function extendDeadline(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult<{ dueOn: string }>> {
  const parsed = ExtendSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return runStaffStep(actor, parsed.data.demandId, 'extend', options, async ({ tx, demand, now, actorLabel }) => {
    const refusal = demand.kind === 'information' ? informationExtensionRefusal(demand, now) : extensionRefusal(demand);
    if (refusal) return conflict(refusal);
    const dueOn = addDays(demand.dueOn, extensionDays(demand.kind));
    await updateDemand(tx, demand.id, { dueOn, extensionUsed: true }, now);
    const eventId = await recordEvent(tx, {
      demandId: demand.id,
      type: 'extended',
      stateBefore: demand.state,
      stateAfter: demand.state,
      actorUserId: actor?.userId ?? null,
      actorLabel,
      visibility: 'public',
      body: parsed.data.justification,
      data: { from: demand.dueOn, to: dueOn },
      now,
    });
    await notifyCitizen(tx, demand, 'deadline_extended', { body: parsed.data.justification, dueOn }, eventId, now);
    return { ok: true, dueOn };
  });
}

/** The answer the law requires (resposta conclusiva), with its files; the citizen may reopen it once within 10 days. */
export async function sendFinalAnswer(actor: StaffActor | null, input: unknown, options: MessageOptions = {}): Promise<UseCaseResult> {
  return withEventFiles(actor, AnswerSchema, input, options.files, (data, attach) =>
    runStaffStep(actor, data.demandId, 'answer', options, async ({ tx, demand, next, now, actorLabel }) => {
      if (next === 'previous') throw new Error('An answer never returns to a previous state');
      // An access-to-information request is answered with its outcome (answerInformationRequest).
      if (demand.kind === 'information') return conflict(INFORMATION_ANSWER_NEEDS_OUTCOME);
      await updateDemand(tx, demand.id, { state: next, answeredAt: now }, now);
      const eventId = await recordEvent(tx, {
        demandId: demand.id,
        type: 'answered',
        stateBefore: demand.state,
        stateAfter: next,
        actorUserId: actor?.userId ?? null,
        actorLabel,
        visibility: 'public',
        body: data.body,
        now,
      });
      const attached = await attach(tx, { demandId: demand.id, eventId, now });
      await notifyCitizen(tx, demand, 'final_answer', { body: data.body, ...attached }, eventId, now);
      await answerDuplicates(tx, demand, { body: data.body, ...attached }, { actorUserId: actor?.userId ?? null, actorLabel, now });
      return { ok: true };
    }),
  );
}

/**
 * Ends a demand without an answer on its merits (duplicate, out of scope). Never silently: the
 * justification is public, because a manifestação is never refused (Lei 13.460 art. 11).
 */
export async function archiveDemand(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult> {
  const parsed = ArchiveSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return runStaffStep(actor, parsed.data.demandId, 'archive', options, async ({ tx, demand, next, now, actorLabel }) => {
    if (next === 'previous') throw new Error('An archive never returns to a previous state');
    await updateDemand(tx, demand.id, { state: next, closedAt: now, suspendedAt: null }, now);
    const eventId = await recordEvent(tx, {
      demandId: demand.id,
      type: 'archived',
      stateBefore: demand.state,
      stateAfter: next,
      actorUserId: actor?.userId ?? null,
      actorLabel,
      visibility: 'public',
      body: parsed.data.justification,
      now,
    });
    await notifyCitizen(tx, demand, 'demand_archived', { body: parsed.data.justification }, eventId, now);
    return { ok: true };
  });
}

/** Staff take an answered, closed or archived demand back to triage (an incomplete answer, a mistaken archive). */
export async function reopenDemandAsStaff(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult<{ dueOn: string }>> {
  const parsed = ReopenSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return runStaffStep(actor, parsed.data.demandId, 'reopen', options, async ({ tx, demand, next, now, actorLabel }) => {
    if (next === 'previous') throw new Error('A reopening never returns to a previous state');
    const dueOn = await reopenedDueOn(tx, demand, now);
    await updateDemand(tx, demand.id, { state: next, dueOn, answeredAt: null, closedAt: null, suspendedAt: null }, now);
    const eventId = await recordEvent(tx, {
      demandId: demand.id,
      type: 'reopened',
      stateBefore: demand.state,
      stateAfter: next,
      actorUserId: actor?.userId ?? null,
      actorLabel,
      visibility: 'public',
      body: parsed.data.reason,
      data: { by: 'staff', previousDueOn: demand.dueOn, dueOn },
      now,
    });
    await notifyCitizen(tx, demand, 'demand_reopened', { body: parsed.data.reason, dueOn }, eventId, now);
    return { ok: true, dueOn };
  });
}

/** A reopened demand gets a fresh deadline of its kind, counted from the day it was reopened. */
export async function reopenedDueOn(
  tx: Transaction,
  demand: { service: Service; kind: DemandKind; categoryId: string | null },
  now: Date,
): Promise<string> {
  let categoryDeadlineDays: number | null = null;
  if (demand.service === 'balcao' && demand.categoryId) {
    const [category] = await tx.select({ deadlineDays: categories.deadlineDays }).from(categories).where(eq(categories.id, demand.categoryId));
    categoryDeadlineDays = category?.deadlineDays ?? null;
  }
  return addDays(dateInSaoPaulo(now), initialDeadlineDays({ service: demand.service, kind: demand.kind, categoryDeadlineDays }));
}
