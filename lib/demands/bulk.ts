import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import { getDb, type Transaction } from '@/lib/db/client';
import { demands } from '@/lib/db/schema';
import { BulkActionSchema, type BulkActionInput } from '@/lib/domain/bulk-actions';
import { parseProtocol } from '@/lib/domain/protocol';
import { linkDuplicate } from './duplicates';
import { addDemandTag } from './organisation';
import { assignDemand, forwardDemand } from './triage';
import { FORBIDDEN, fieldFailure, invalid, lockDemands, staffRefusal, type BulkStep, type StaffActor, type UseCaseFailure, type UseCaseOptions, type UseCaseResult } from './workflow';

/** Thrown inside the transaction to undo the demands already changed when one of them is refused. */
class BulkRefusal extends Error {
  constructor(readonly failure: UseCaseFailure) {
    super(failure.error);
  }
}

/**
 * Assigns, forwards, tags or marks as duplicates the demands chosen in a queue, all or nothing: each goes
 * through the single action's use case (its visibility, transition and assignee checks, its own event and
 * notices), inside one transaction; the first refusal undoes them all and says which demand and why.
 * Demands are taken in id order, so two bulk actions over the same rows lock them in the same order.
 * `mainProtocol` is set when the chosen rows were marked as duplicates of it.
 */
export async function applyBulkAction(
  actor: StaffActor | null,
  input: unknown,
  options: UseCaseOptions = {},
): Promise<UseCaseResult<{ changed: number; mainProtocol?: string }>> {
  const refusal = staffRefusal(actor);
  if (refusal || !actor) return refusal ?? FORBIDDEN;
  const parsed = BulkActionSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const chosen = [...new Set(parsed.data.demandIds)].sort();
  const now = options.now ?? new Date();
  const db = options.db ?? (await getDb());
  try {
    return await db.transaction(async (tx) => {
      const main = parsed.data.operation === 'duplicate' ? await mainDemandOf(tx, chosen, parsed.data.mainProtocol) : null;
      const demandIds = main ? chosen.filter((id) => id !== main.id) : chosen;
      if (!demandIds.length) return fieldFailure({ demandIds: ['Selecione outras manifestações além da principal.'] });
      // See BulkStep: one transaction without a savepoint per demand, the rows locked at once (the main demand
      // with them, so that every row the bulk writes is taken in id order), shared reads once.
      const locked = await lockDemands(tx, main?.id ? [...demandIds, main.id] : demandIds);
      const bulk: BulkStep = { transaction: tx, locked, shared: new Map() };
      for (const demandId of demandIds) {
        const result = await applyOne(actor, demandId, parsed.data, main?.protocol ?? '', { now, bulk });
        if (!result.ok) throw new BulkRefusal(await explainRefusal(tx, demandId, result));
      }
      return { ok: true as const, changed: demandIds.length, ...(main ? { mainProtocol: main.protocol } : {}) };
    });
  } catch (error) {
    if (error instanceof BulkRefusal) return error.failure;
    throw error;
  }
}

function applyOne(actor: StaffActor, demandId: string, input: BulkActionInput, mainProtocol: string, options: UseCaseOptions): Promise<UseCaseResult> {
  switch (input.operation) {
    case 'assign':
      return assignDemand(actor, { demandId, assigneeId: input.assigneeId }, options);
    case 'forward':
      return forwardDemand(actor, { demandId, departmentId: input.departmentId, supportingDepartmentIds: [] }, options);
    case 'tag':
      return addDemandTag(actor, { demandId, tagId: input.tagId ?? '' }, options);
    case 'duplicate':
      return linkDuplicate(actor, { demandId, mainProtocol, note: input.note }, options);
  }
}

/**
 * The main demand of a bulk "duplicates": the protocol typed (which need not be among the rows chosen), or
 * else the chosen demand filed first. Only its id and protocol are read here; whether the actor may see it,
 * and whether it can be a main demand, is linkDuplicate's to say for each duplicate.
 */
async function mainDemandOf(tx: Transaction, chosen: string[], typed: string | undefined): Promise<{ id: string | null; protocol: string }> {
  if (typed) {
    const parsed = parseProtocol(typed);
    if (!parsed.ok) return { id: null, protocol: typed };
    const [found] = await tx.select({ id: demands.id }).from(demands).where(eq(demands.protocol, parsed.protocol));
    return { id: found?.id ?? null, protocol: parsed.protocol };
  }
  const [first] = await tx
    .select({ id: demands.id, protocol: demands.protocol })
    .from(demands)
    .where(inArray(demands.id, chosen))
    .orderBy(asc(demands.createdAt), asc(demands.protocol))
    .limit(1);
  return first ?? { id: null, protocol: '' };
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
