import 'server-only';
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Transaction } from '@/lib/db/client';
import { demandTags, tags } from '@/lib/db/schema';
import { PRIORITY_LABELS } from '@/lib/domain/priorities';
import { SetPrioritySchema, SetTagsSchema, TAG_OF_ANOTHER_DEPARTMENT } from '@/lib/domain/tags';
import { conflict, fieldFailure, invalid, recordEvent, runStaffStep, updateDemand, type LockedDemand, type StaffActor, type UseCaseOptions, type UseCaseResult } from './workflow';

/**
 * Etiquetas and priority: how staff organise their queues. Both are internal (the citizen is not told),
 * and each change is one event in the timeline.
 */

/** The etiquetas this demand may carry: the global ones and those of the secretarias that hold it. */
export async function tagsAvailableTo(tx: Transaction, demand: LockedDemand) {
  const heldIds = [...demand.departmentNames.keys()];
  return tx
    .select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(heldIds.length ? or(isNull(tags.departmentId), inArray(tags.departmentId, heldIds)) : isNull(tags.departmentId));
}

async function currentTagIds(tx: Transaction, demandId: string): Promise<Set<string>> {
  const rows = await tx.select({ tagId: demandTags.tagId }).from(demandTags).where(eq(demandTags.demandId, demandId)).prepare('current_tag_ids').execute();
  return new Set(rows.map((row) => row.tagId));
}

async function changeTags(
  tx: Transaction,
  context: { demand: LockedDemand; actor: StaffActor; actorLabel: string; now: Date },
  change: { add: { id: string; name: string }[]; remove: { id: string; name: string }[] },
): Promise<void> {
  const { demand, actor, actorLabel, now } = context;
  const events = [
    ...change.add.map((tag) => ({ type: 'tag_added' as const, tag, verb: 'incluída' })),
    ...change.remove.map((tag) => ({ type: 'tag_removed' as const, tag, verb: 'retirada' })),
  ];
  // Sent together, in this order: postgres.js pipelines a transaction's concurrent queries. Each is started
  // here (`.execute()`), since a Drizzle query left as a thenable would only start when Promise.all reaches it.
  await Promise.all([
    // Named (lib/db/prepared.ts): as many rows as etiquetas put on at once, never more than exist.
    change.add.length
      ? tx.insert(demandTags).values(change.add.map((tag) => ({ demandId: demand.id, tagId: tag.id, createdAt: now }))).prepare('add_tags').execute()
      : null,
    change.remove.length
      ? tx
          .delete(demandTags)
          .where(and(eq(demandTags.demandId, demand.id), inArray(demandTags.tagId, change.remove.map((tag) => tag.id))))
          .execute()
      : null,
    ...events.map(({ type, tag, verb }) =>
      recordEvent(tx, {
        demandId: demand.id,
        type,
        stateBefore: demand.state,
        stateAfter: demand.state,
        actorUserId: actor.userId,
        actorLabel,
        visibility: 'internal',
        body: `Etiqueta “${tag.name}” ${verb}.`,
        data: { tagId: tag.id },
        now,
      }),
    ),
    updateDemand(tx, demand.id, {}, now),
  ]);
}

/**
 * Makes the demand carry exactly the chosen etiquetas among those it may carry. An etiqueta of a secretaria
 * that no longer holds the demand is not offered, so it stays as it is.
 */
export async function setDemandTags(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult> {
  const parsed = SetTagsSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const chosen = new Set(parsed.data.tagIds);
  return runStaffStep(actor, parsed.data.demandId, 'tag', options, async ({ tx, demand, now, actorLabel }) => {
    if (!actor) throw new Error('runStaffStep checks the actor');
    const available = await tagsAvailableTo(tx, demand);
    if ([...chosen].some((id) => !available.some((tag) => tag.id === id))) return fieldFailure({ tagIds: ['Escolha etiquetas da lista.'] });
    const current = await currentTagIds(tx, demand.id);
    const add = available.filter((tag) => chosen.has(tag.id) && !current.has(tag.id));
    const remove = available.filter((tag) => !chosen.has(tag.id) && current.has(tag.id));
    if (!add.length && !remove.length) return conflict('As etiquetas escolhidas são as mesmas de agora.');
    await changeTags(tx, { demand, actor, actorLabel, now }, { add, remove });
    return { ok: true };
  });
}

/** Puts one etiqueta on the demand (a macro's); nothing changes, and no event, if it already has it. */
export async function addDemandTag(actor: StaffActor | null, input: { demandId: string; tagId: string }, options: UseCaseOptions = {}): Promise<UseCaseResult> {
  return runStaffStep(actor, input.demandId, 'tag', options, async ({ tx, demand, now, actorLabel, readOnce }) => {
    if (!actor) throw new Error('runStaffStep checks the actor');
    const available = await readOnce(`tags:${[...demand.departmentNames.keys()].sort().join()}`, () => tagsAvailableTo(tx, demand));
    const tag = available.find((candidate) => candidate.id === input.tagId);
    if (!tag) return conflict(TAG_OF_ANOTHER_DEPARTMENT);
    if ((await currentTagIds(tx, demand.id)).has(tag.id)) return { ok: true };
    await changeTags(tx, { demand, actor, actorLabel, now }, { add: [tag], remove: [] });
    return { ok: true };
  });
}

export async function setDemandPriority(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult> {
  const parsed = SetPrioritySchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { demandId, priority } = parsed.data;
  return runStaffStep(actor, demandId, 'prioritise', options, async ({ tx, demand, now, actorLabel }) => {
    if (priority === demand.priority) return conflict('A prioridade escolhida é a mesma de agora.');
    await updateDemand(tx, demand.id, { priority }, now);
    await recordEvent(tx, {
      demandId: demand.id,
      type: 'priority_changed',
      stateBefore: demand.state,
      stateAfter: demand.state,
      actorUserId: actor?.userId ?? null,
      actorLabel,
      visibility: 'internal',
      body: `Prioridade: ${PRIORITY_LABELS[priority]}.`,
      data: { from: demand.priority, to: priority },
      now,
    });
    return { ok: true };
  });
}
