import 'server-only';
import { asc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { getDb } from '../client';
import { departments, savedViews } from '../schema';
import type { PermissionActor } from '@/lib/domain/permissions';
import { queryRecord, viewQuery } from '@/lib/domain/saved-views';
import { queuesFor } from '@/lib/domain/queues';

export type SavedViewItem = { id: string; name: string; query: string; own: boolean; departmentName: string | null };

/** The actor's own views and those shared with one of their secretarias. */
function reachableBy(actor: PermissionActor): SQL {
  const own = eq(savedViews.ownerUserId, actor.userId);
  return (actor.departmentIds.length ? or(own, inArray(savedViews.departmentId, actor.departmentIds)) : own) as SQL;
}

/**
 * The views listed in the navigation, each query normalised again for the actor's role: a view shared by
 * someone whose role had another queue opens on the actor's own first queue, never on one they lack.
 */
export async function listSavedViews({ actor }: { actor: PermissionActor | null }): Promise<SavedViewItem[]> {
  if (!actor || !queuesFor(actor.role).length) return [];
  const db = await getDb();
  const rows = await db
    .select({ id: savedViews.id, name: savedViews.name, query: savedViews.query, ownerUserId: savedViews.ownerUserId, departmentName: departments.name })
    .from(savedViews)
    .leftJoin(departments, eq(departments.id, savedViews.departmentId))
    .where(reachableBy(actor))
    .orderBy(asc(savedViews.name), asc(savedViews.id));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    query: viewQuery(queryRecord(row.query), actor.role),
    own: row.ownerUserId === actor.userId,
    departmentName: row.departmentName,
  }));
}

/** One view the actor may apply, or null (also for a view that exists but is someone else's). */
export async function getSavedView({ actor, id }: { actor: PermissionActor | null; id: string }): Promise<SavedViewItem | null> {
  if (!actor || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  const views = await listSavedViews({ actor });
  return views.find((view) => view.id === id) ?? null;
}
