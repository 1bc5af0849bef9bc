import 'server-only';
import { and, asc, desc, eq, getTableColumns, gt, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb, type Database, type Executor, type Transaction } from '@/lib/db/client';
import {
  demandEvents,
  demands,
  outbox,
  users,
  type Demand,
  type NewDemand,
  type NewOutboxMessage,
} from '@/lib/db/schema';
import { fieldErrorsOf, type FieldErrors } from '@/lib/domain/intake-schema';
import type { CitizenNotificationPayload, CitizenTemplate } from '@/lib/domain/notifications';
import { canViewDemand, holdsDemand, isRestrictedToInternalControl, type DemandAccessFacts, type PermissionActor } from '@/lib/domain/permissions';
import { decideTransition, type DemandAction, type Performer, type StaffAction } from '@/lib/domain/transitions';
import { EVENT_LABELS, SERVICE_LABELS } from '@/lib/domain/labels';
import type { DemandEventType, DemandState, EventVisibility } from '@/lib/domain/vocabulary';
import { citizenNotifications } from './notifications';
import { notifyFollowers } from './followers';

/** What every use case returns: success with its data, or why not (status as an HTTP handler would answer). */
export type UseCaseFailure = { ok: false; status: 400 | 401 | 403 | 404 | 409; error: string; fieldErrors?: FieldErrors };
export type UseCaseResult<T extends object = object> = ({ ok: true } & T) | UseCaseFailure;

export type UseCaseOptions = {
  now?: Date;
  db?: Database;
  /**
   * The demand's version the person saw when they wrote (`demandVersion`): the workspace forms send it, and
   * the step is refused when the demand moved since. Other channels (API, jobs) leave it out.
   */
  seenVersion?: number;
  /** Set by a bulk action (lib/demands/bulk.ts), which runs one step per chosen demand. */
  bulk?: BulkStep;
};

/**
 * One demand's step inside a bulk action. It runs in the bulk's transaction as it is, without a savepoint
 * of its own: the bulk undoes the whole transaction on the first refusal, so a savepoint per demand would
 * only cost a round trip. The chosen demands were locked all at once, in id order, with their access facts
 * (lockDemands), and no step of the bulk changes another chosen demand, so the step takes its demand from
 * there. What the steps have in common (the assignee, the chosen secretarias, the etiquetas, the main demand)
 * is read once, through `readOnce`.
 */
export type BulkStep = {
  transaction: Transaction;
  locked: ReadonlyMap<string, LockedDemand>;
  shared: Map<string, Promise<unknown>>;
};

/** The staff member acting, as the guards load them (role and departments read from the database). */
export type StaffActor = PermissionActor & { name: string };

export const NOT_FOUND: UseCaseFailure = { ok: false, status: 404, error: 'Manifestação não encontrada.' };
export const SIGN_IN_REQUIRED: UseCaseFailure = { ok: false, status: 401, error: 'Faça login para continuar.' };
export const FORBIDDEN: UseCaseFailure = { ok: false, status: 403, error: 'Você não tem permissão para isso.' };

export function invalid(error: z.ZodError): UseCaseFailure {
  return { ok: false, status: 400, error: 'Confira os campos destacados.', fieldErrors: fieldErrorsOf(error) };
}

export function fieldFailure(fieldErrors: FieldErrors, error = 'Confira os campos destacados.'): UseCaseFailure {
  return { ok: false, status: 400, error, fieldErrors };
}

export function conflict(error: string): UseCaseFailure {
  return { ok: false, status: 409, error };
}

/** A demand locked for the rest of the transaction, with what the permission rules need. */
export type LockedDemand = Demand & {
  facts: DemandAccessFacts;
  departmentNames: Map<string, string>;
  /** Its subject is one the Controle Interno owns (a denúncia about it goes only there). */
  categoryOwnedByInternalControl: boolean;
  /**
   * How many demands are linked to it as duplicates, in any state. Read with the lock, and no one else can
   * change it meanwhile: a follower is linked only with its main demand locked (linkDuplicate,
   * fileFollowingDemandIn).
   */
  followerCount: number;
};

/**
 * The demand row with its access facts as one JSON column: the supporting departments, the departments
 * holding it (responsible and supporting) with their names, whether its subject's owner is the Controle
 * Interno, and how many duplicates follow it. One statement, so that locking a demand is one round trip.
 * The outer row is named in full ("demands"."id"): Drizzle writes a one-table select's columns unqualified,
 * and an unqualified "id" inside these subqueries would be the subquery's own.
 */
const accessFactsColumn = sql<AccessFactsRow>`json_build_object(
    'supporting', coalesce((select json_agg(s.department_id) from demand_supporting_departments s where s.demand_id = "demands"."id"), '[]'::json),
    'held', coalesce((select json_agg(json_build_object('id', h.id, 'name', h.name, 'isInternalControl', h.is_internal_control))
      from departments h
      where h.id = "demands"."department_id" or h.id in (select s.department_id from demand_supporting_departments s where s.demand_id = "demands"."id")), '[]'::json),
    'categoryOwnedByInternalControl', coalesce((select o.is_internal_control from categories c join departments o on o.id = c.department_id where c.id = "demands"."category_id"), false),
    'followerCount', (select count(*) from demands f where f.duplicate_of_id = "demands"."id"))`.mapWith(
  (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as AccessFactsRow,
);

type AccessFactsRow = {
  supporting: string[];
  held: { id: string; name: string; isInternalControl: boolean }[];
  categoryOwnedByInternalControl: boolean;
  followerCount: number;
};

function demandWithAccessFacts(db: Executor) {
  return db.select({ ...getTableColumns(demands), accessFacts: accessFactsColumn }).from(demands).$dynamic();
}

export async function lockDemand(tx: Transaction, demandId: string): Promise<LockedDemand | null> {
  const [row] = await demandWithAccessFacts(tx).where(eq(demands.id, sql.placeholder('demandId'))).for('update').prepare('lock_demand').execute({ demandId });
  return row ? withAccessFacts(row) : null;
}

/** Several demands locked at once, in id order (so that two writers over the same rows wait, never deadlock). */
export async function lockDemands(tx: Transaction, demandIds: readonly string[]): Promise<Map<string, LockedDemand>> {
  const rows = await demandWithAccessFacts(tx).where(inArray(demands.id, [...demandIds])).orderBy(asc(demands.id)).for('update');
  return new Map(rows.map((row) => [row.id, withAccessFacts(row)]));
}

/** The demand with what the permission rules need, read without a lock (for reads that change nothing of it). */
export async function readDemand(db: Executor, demandId: string): Promise<LockedDemand | null> {
  const [row] = await demandWithAccessFacts(db).where(eq(demands.id, sql.placeholder('demandId'))).prepare('read_demand').execute({ demandId });
  return row ? withAccessFacts(row) : null;
}

function withAccessFacts({ accessFacts, ...demand }: Demand & { accessFacts: AccessFactsRow }): LockedDemand {
  const { supporting, held, categoryOwnedByInternalControl, followerCount } = accessFacts;
  const facts: DemandAccessFacts = {
    service: demand.service,
    kind: demand.kind,
    identity: demand.identity,
    departmentId: demand.departmentId,
    supportingDepartmentIds: supporting,
    restrictedToInternalControl: isRestrictedToInternalControl({
      kind: demand.kind,
      categoryOwnedByInternalControl,
      heldByInternalControl: held.some((d) => d.isInternalControl),
    }),
  };
  return { ...demand, facts, departmentNames: new Map(held.map((d) => [d.id, d.name])), categoryOwnedByInternalControl, followerCount: Number(followerCount) };
}

export type StaffStep = {
  tx: Transaction;
  demand: LockedDemand;
  next: DemandState | 'previous';
  now: Date;
  actorLabel: string;
  /**
   * A read whose result its key alone decides (the assignee by id, the etiquetas of these secretarias), made
   * once per bulk action — and simply made otherwise.
   */
  readOnce: <T>(key: string, read: () => Promise<T>) => Promise<T>;
};

/**
 * Why someone may not take any staff step at all (signed out, or a citizen), for a use case that has work
 * to do before `runStaffStep`, which checks the same again.
 */
export function staffRefusal(actor: StaffActor | null): UseCaseFailure | null {
  if (!actor) return SIGN_IN_REQUIRED;
  if (actor.role === 'citizen') return FORBIDDEN;
  return null;
}

/**
 * The frame of every staff use case: signed in as staff, the demand exists and is visible to them
 * (a demand they may not see is "not found", so its existence does not leak), the transition table
 * allows the action in this state, all in one transaction with the demand row locked.
 */
export async function runStaffStep<T extends object>(
  actor: StaffActor | null,
  demandId: string,
  action: StaffAction,
  options: UseCaseOptions,
  step: (context: StaffStep) => Promise<UseCaseResult<T>>,
): Promise<UseCaseResult<T>> {
  if (!actor) return SIGN_IN_REQUIRED;
  if (actor.role === 'citizen') return FORBIDDEN;
  const now = options.now ?? new Date();
  const readOnce = sharedReader(options.bulk?.shared);
  const run = async (tx: Transaction): Promise<UseCaseResult<T>> => {
    const demand = options.bulk?.locked.get(demandId) ?? (await lockDemand(tx, demandId));
    if (!demand || !canViewDemand(actor, demand.facts)) return NOT_FOUND;
    if (options.seenVersion !== undefined) {
      const stale = await staleRefusal(tx, demand.id, options.seenVersion);
      if (stale) return stale;
    }
    const decision = decideTransition({ service: demand.service, state: demand.state, action, performer: actor.role });
    if (!decision.allowed) return decision.reason === 'performer' ? FORBIDDEN : conflict(decision.message);
    return step({ tx, demand, next: decision.next, now, actorLabel: staffLabel(actor, demand), readOnce });
  };
  if (options.bulk) return run(options.bulk.transaction);
  const db = options.db ?? (await getDb());
  return db.transaction(run);
}

/**
 * Reads through `shared` when there is one: the first demand of a bulk action reads, the others reuse it.
 * Only for what the bulk itself does not change (a user, the chosen secretarias, the etiquetas, the main demand).
 */
function sharedReader(shared: BulkStep['shared'] | undefined): StaffStep['readOnce'] {
  return <T>(key: string, read: () => Promise<T>): Promise<T> => {
    if (!shared) return read();
    const known = shared.get(key);
    if (known) return known as Promise<T>;
    // Resolved once here: a Drizzle query is a thenable that would run again on every await.
    const reading = Promise.resolve(read());
    shared.set(key, reading);
    return reading;
  };
}

/**
 * A demand's version: the id of its latest event. Every change writes an event in its own transaction
 * (the timeline is the history), so the version moves exactly when the timeline does.
 */
export async function demandVersion(tx: Executor, demandId: string): Promise<number> {
  const [latest] = await tx.select({ id: demandEvents.id }).from(demandEvents).where(eq(demandEvents.demandId, demandId)).orderBy(desc(demandEvents.id)).limit(1);
  return latest?.id ?? 0;
}

/**
 * Someone acted on the demand after the person loaded it: refused rather than applied on top of what they
 * did not see. Says who and what; a citizen is named as the timeline names them (never a denunciante's name).
 * The worker's note that a notice went out (lib/demands/notice-delivery.ts, `data.notice`) is nobody acting:
 * it moves the version, so open pages redraw, but never makes a form stale.
 */
async function staleRefusal(tx: Transaction, demandId: string, seenVersion: number): Promise<UseCaseFailure | null> {
  const [latest] = await tx
    .select({ id: demandEvents.id, type: demandEvents.type, actorLabel: demandEvents.actorLabel, actorRole: users.role, actorName: users.name })
    .from(demandEvents)
    .leftJoin(users, eq(users.id, demandEvents.actorUserId))
    .where(and(eq(demandEvents.demandId, demandId), gt(demandEvents.id, seenVersion), sql`${demandEvents.data}->>'notice' is null`))
    .orderBy(desc(demandEvents.id))
    .limit(1);
  if (!latest) return null;
  const who = latest.actorRole && latest.actorRole !== 'citizen' && latest.actorName ? latest.actorName : latest.actorLabel;
  return conflict(
    `Outra pessoa agiu nesta manifestação enquanto você escrevia: ${who} — ${EVENT_LABELS[latest.type]}. Confira a linha do tempo; o seu texto foi mantido.`,
  );
}

/** Checks the table for a requester or the system; the caller has already proved who they are. */
export function decideFor(demand: LockedDemand, action: DemandAction, performer: Performer): UseCaseFailure | { ok: true; next: DemandState | 'previous' } {
  const decision = decideTransition({ service: demand.service, state: demand.state, action, performer });
  if (decision.allowed) return { ok: true, next: decision.next };
  return decision.reason === 'performer' ? FORBIDDEN : conflict(decision.message);
}

/** How the citizen sees who acted: the service's desk, or the secretaria of the department user. */
function staffLabel(actor: StaffActor, demand: LockedDemand): string {
  if (holdsDemand(actor, demand.facts)) {
    const departmentId = actor.departmentIds.find((id) => demand.departmentNames.has(id));
    const name = departmentId ? demand.departmentNames.get(departmentId) : undefined;
    if (name) return name;
  }
  if (actor.role === 'attendant') return SERVICE_LABELS.balcao;
  return SERVICE_LABELS.ouvidoria;
}

/*
 * The writes below run as named statements (lib/db/prepared.ts): one round trip each instead of two, on the
 * path every staff step takes. Their SQL text depends only on which columns are set or how many rows go in,
 * never on the values.
 */

export async function updateDemand(tx: Transaction, demandId: string, changes: Partial<NewDemand>, now: Date): Promise<void> {
  await tx.update(demands).set({ ...changes, updatedAt: now }).where(eq(demands.id, demandId)).prepare('update_demand').execute();
}

export async function recordEvent(
  tx: Transaction,
  event: {
    demandId: string;
    type: DemandEventType;
    stateBefore: DemandState;
    stateAfter: DemandState;
    actorUserId: string | null;
    actorLabel: string;
    visibility: EventVisibility;
    body?: string;
    data?: Record<string, unknown>;
    now: Date;
  },
): Promise<number> {
  const [row] = await tx
    .insert(demandEvents)
    .values({
      demandId: event.demandId,
      type: event.type,
      stateBefore: event.stateBefore,
      stateAfter: event.stateAfter,
      actorUserId: event.actorUserId,
      actorLabel: event.actorLabel,
      visibility: event.visibility,
      body: event.body ?? '',
      data: event.data ?? {},
      createdAt: event.now,
    })
    .returning({ id: demandEvents.id })
    .prepare('record_event')
    .execute();
  if (!row) throw new Error('Insert returned no event');
  return row.id;
}

/** The citizen's notifications of one public movement, written in the caller's transaction. */
export async function notifyCitizen(
  tx: Transaction,
  demand: Demand & { followerCount?: number },
  template: CitizenTemplate,
  payload: Omit<CitizenNotificationPayload, 'protocol' | 'service'>,
  eventId: number,
  now: Date,
): Promise<void> {
  const messages = citizenNotifications(demand, template, { protocol: demand.protocol, service: demand.service, ...payload }, eventId, now);
  await queueMessages(tx, messages);
  await notifyFollowers(tx, demand, template, payload, eventId, now);
}

export async function queueMessages(tx: Transaction, messages: NewOutboxMessage[]): Promise<void> {
  if (messages.length) await tx.insert(outbox).values(messages).prepare('queue_messages').execute();
}
