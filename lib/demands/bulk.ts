import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type Transaction } from '@/lib/db/client';
import { demands } from '@/lib/db/schema';
import { BulkActionSchema } from '@/lib/domain/bulk-actions';
import { assignDemand, forwardDemand } from './triage';
import { FORBIDDEN, invalid, staffRefusal, type StaffActor, type UseCaseFailure, type UseCaseOptions, type UseCaseResult } from './workflow';

/** Thrown inside the transaction to undo the demands already changed when one of them is refused. */
class BulkRefusal extends Error {
  constructor(readonly failure: UseCaseFailure) {
    super(failure.error);
  }
}

/**
 * Assigns or forwards the demands chosen in a queue, all or nothing: each goes through the single
 * action's use case (its visibility, transition and assignee checks, its own event and notices), inside
 * one transaction; the first refusal undoes them all and says which demand and why. Demands are taken in
 * id order, so two bulk actions over the same rows lock them in the same order and never deadlock.
 */
export async function applyBulkAction(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult<{ changed: number }>> {
  const refusal = staffRefusal(actor);
  if (refusal || !actor) return refusal ?? FORBIDDEN;
  const parsed = BulkActionSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { operation, assigneeId, departmentId } = parsed.data;
  const demandIds = [...new Set(parsed.data.demandIds)].sort();
  const now = options.now ?? new Date();
  const db = options.db ?? (await getDb());
  try {
    await db.transaction(async (tx) => {
      for (const demandId of demandIds) {
        // The use case opens a savepoint inside this transaction (Drizzle nests transactions that way).
        const stepOptions = { now, db: tx };
        const result =
          operation === 'assign'
            ? await assignDemand(actor, { demandId, assigneeId }, stepOptions)
            : await forwardDemand(actor, { demandId, departmentId, supportingDepartmentIds: [] }, stepOptions);
        if (!result.ok) throw new BulkRefusal(await explainRefusal(tx, demandId, result));
      }
    });
  } catch (error) {
    if (error instanceof BulkRefusal) return error.failure;
    throw error;
  }
  return { ok: true, changed: demandIds.length };
}

/** The refusal of one demand as the whole action's: which protocol (when the actor may see it) and why. */
async function explainRefusal(tx: Transaction, demandId: string, result: UseCaseFailure): Promise<UseCaseFailure> {
  const undone = 'Nenhuma manifestação foi alterada.';
  if (result.status === 404 || result.status === 401) {
    return { ok: false, status: result.status, error: `Uma das manifestações selecionadas não foi encontrada ou não está ao seu alcance. ${undone}` };
  }
  const [demand] = await tx.select({ protocol: demands.protocol }).from(demands).where(eq(demands.id, demandId));
  const reason = Object.values(result.fieldErrors ?? {}).flat()[0] ?? result.error;
  return { ok: false, status: result.status, error: `A manifestação ${demand?.protocol ?? ''} não pôde ser alterada: ${reason} ${undone}` };
}
