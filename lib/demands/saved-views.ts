import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { savedViews } from '@/lib/db/schema';
import { queuesFor } from '@/lib/domain/queues';
import { DeleteViewSchema, queryRecord, SaveViewSchema, viewQuery } from '@/lib/domain/saved-views';
import { FORBIDDEN, fieldFailure, invalid, staffRefusal, type StaffActor, type UseCaseOptions, type UseCaseResult } from './workflow';

/**
 * Saves the queue as the actor sees it under a name, for them alone or shared with one of their
 * secretarias. The query is normalised for the actor's role, so a view holds only what the page accepts.
 */
export async function saveView(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult<{ viewId: string }>> {
  const refusal = staffRefusal(actor);
  if (refusal || !actor) return refusal ?? FORBIDDEN;
  if (!queuesFor(actor.role).length) return FORBIDDEN;
  const parsed = SaveViewSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { name, share } = parsed.data;
  let departmentId: string | null = null;
  if (share) {
    if (!actor.departmentIds.length) return fieldFailure({ share: ['Você não pertence a uma secretaria: salve a visão só para você.'] });
    const chosen = parsed.data.departmentId ?? (actor.departmentIds.length === 1 ? actor.departmentIds[0] : undefined);
    if (!chosen || !actor.departmentIds.includes(chosen)) return fieldFailure({ departmentId: ['Escolha uma das suas secretarias.'] });
    departmentId = chosen;
  }
  const db = options.db ?? (await getDb());
  const [row] = await db
    .insert(savedViews)
    .values({ ownerUserId: actor.userId, departmentId, name, query: viewQuery(queryRecord(parsed.data.query), actor.role), createdAt: options.now ?? new Date() })
    .returning({ id: savedViews.id });
  if (!row) throw new Error('Insert returned no view');
  return { ok: true, viewId: row.id };
}

/** Deletes one of the actor's own views; a shared view is deleted only by whoever saved it. */
export async function deleteView(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult> {
  const refusal = staffRefusal(actor);
  if (refusal || !actor) return refusal ?? FORBIDDEN;
  const parsed = DeleteViewSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const db = options.db ?? (await getDb());
  const deleted = await db
    .delete(savedViews)
    .where(and(eq(savedViews.id, parsed.data.viewId), eq(savedViews.ownerUserId, actor.userId)))
    .returning({ id: savedViews.id });
  if (!deleted.length) return { ok: false, status: 404, error: 'Visão não encontrada, ou salva por outra pessoa (só quem a salvou pode excluí-la).' };
  return { ok: true };
}
