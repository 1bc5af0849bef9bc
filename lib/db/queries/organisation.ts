import 'server-only';
import { asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { getDb } from '../client';
import { answerTemplates, demands, demandTags, macros, tags } from '../schema';
import { canViewDemand, type DemandAccessFacts, type PermissionActor } from '@/lib/domain/permissions';
import { macroRefusal, type MacroAction } from '@/lib/domain/macros';
import type { DemandPriority, DemandState } from '@/lib/domain/vocabulary';

export type TagChip = { id: string; name: string };
export type MacroChoice = { id: string; name: string; action: MacroAction; tagId: string | null; tagName: string | null };
export type DemandOrganisation = { priority: DemandPriority; tags: TagChip[]; tagChoices: TagChip[]; macros: MacroChoice[] };

/** The etiquetas a department user uses are the global ones and their secretarias'; the desks use all. */
function ownTags(actor: PermissionActor) {
  if (actor.role !== 'department' && actor.role !== 'internal_control') return undefined;
  return actor.departmentIds.length ? or(isNull(tags.departmentId), inArray(tags.departmentId, actor.departmentIds)) : isNull(tags.departmentId);
}

/** The queue filter's etiquetas. */
export async function listTagFilterChoices({ actor }: { actor: PermissionActor | null }): Promise<TagChip[]> {
  if (!actor || actor.role === 'citizen' || actor.role === 'admin') return [];
  const db = await getDb();
  return db.select({ id: tags.id, name: tags.name }).from(tags).where(ownTags(actor)).orderBy(asc(tags.name));
}

/**
 * A demand's priority and etiquetas, the etiquetas it may carry (global, and of the secretarias that hold
 * it) and the macros the actor may apply to it now (`macroRefusal`, the rule applyMacro asks again); null
 * for a demand the actor may not see.
 */
export async function getDemandOrganisation({
  actor,
  demand,
}: {
  actor: PermissionActor | null;
  demand: { id: string; state: DemandState; facts: DemandAccessFacts };
}): Promise<DemandOrganisation | null> {
  if (!actor || !canViewDemand(actor, demand.facts)) return null;
  const db = await getDb();
  const heldIds = [demand.facts.departmentId, ...demand.facts.supportingDepartmentIds].filter((id): id is string => Boolean(id));
  const [[row], current, choices, macroRows] = await Promise.all([
    db.select({ priority: demands.priority }).from(demands).where(eq(demands.id, demand.id)),
    db
      .select({ id: tags.id, name: tags.name })
      .from(demandTags)
      .innerJoin(tags, eq(tags.id, demandTags.tagId))
      .where(eq(demandTags.demandId, demand.id))
      .orderBy(asc(tags.name)),
    db
      .select({ id: tags.id, name: tags.name })
      .from(tags)
      .where(heldIds.length ? or(isNull(tags.departmentId), inArray(tags.departmentId, heldIds)) : isNull(tags.departmentId))
      .orderBy(asc(tags.name)),
    db
      .select({ id: macros.id, name: macros.name, action: macros.action, tagId: macros.tagId, tagName: tags.name, body: answerTemplates.body })
      .from(macros)
      .innerJoin(answerTemplates, eq(answerTemplates.id, macros.answerTemplateId))
      .leftJoin(tags, eq(tags.id, macros.tagId))
      .orderBy(asc(macros.name)),
  ]);
  if (!row) return null;
  const target = { ...demand.facts, state: demand.state, availableTagIds: choices.map((tag) => tag.id) };
  const applicable = macroRows.filter((macro) => macroRefusal(macro, target, actor.role) === null).map(({ body: _body, ...macro }) => macro);
  return { priority: row.priority, tags: current, tagChoices: choices, macros: applicable };
}
