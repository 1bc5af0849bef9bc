import 'server-only';
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb, type Database, type Executor, type Transaction } from '@/lib/db/client';
import {
  categories,
  demandEvents,
  demands,
  demandSupportingDepartments,
  departments,
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
};

export async function lockDemand(tx: Transaction, demandId: string): Promise<LockedDemand | null> {
  const [demand] = await tx.select().from(demands).where(eq(demands.id, demandId)).for('update');
  return demand ? withAccessFacts(tx, demand) : null;
}

/** The demand with what the permission rules need, read without a lock (for reads that change nothing of it). */
export async function readDemand(db: Executor, demandId: string): Promise<LockedDemand | null> {
  const [demand] = await db.select().from(demands).where(eq(demands.id, demandId));
  return demand ? withAccessFacts(db, demand) : null;
}

async function withAccessFacts(tx: Executor, demand: Demand): Promise<LockedDemand> {
  const demandId = demand.id;
  const supporting = await tx
    .select({ departmentId: demandSupportingDepartments.departmentId })
    .from(demandSupportingDepartments)
    .where(eq(demandSupportingDepartments.demandId, demandId));
  const heldIds = [demand.departmentId, ...supporting.map((s) => s.departmentId)].filter((id): id is string => Boolean(id));
  const held = heldIds.length
    ? await tx.select({ id: departments.id, name: departments.name, isInternalControl: departments.isInternalControl }).from(departments).where(inArray(departments.id, heldIds))
    : [];
  let categoryOwnedByInternalControl = false;
  if (demand.categoryId) {
    const [owner] = await tx
      .select({ isInternalControl: departments.isInternalControl })
      .from(categories)
      .innerJoin(departments, eq(departments.id, categories.departmentId))
      .where(eq(categories.id, demand.categoryId));
    categoryOwnedByInternalControl = owner?.isInternalControl ?? false;
  }
  const facts: DemandAccessFacts = {
    service: demand.service,
    kind: demand.kind,
    identity: demand.identity,
    departmentId: demand.departmentId,
    supportingDepartmentIds: supporting.map((s) => s.departmentId),
    restrictedToInternalControl: isRestrictedToInternalControl({
      kind: demand.kind,
      categoryOwnedByInternalControl,
      heldByInternalControl: held.some((d) => d.isInternalControl),
    }),
  };
  return { ...demand, facts, departmentNames: new Map(held.map((d) => [d.id, d.name])), categoryOwnedByInternalControl };
}

export type StaffStep = { tx: Transaction; demand: LockedDemand; next: DemandState | 'previous'; now: Date; actorLabel: string };

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
  const db = options.db ?? (await getDb());
  return db.transaction(async (tx) => {
    const demand = await lockDemand(tx, demandId);
    if (!demand || !canViewDemand(actor, demand.facts)) return NOT_FOUND;
    if (options.seenVersion !== undefined) {
      const stale = await staleRefusal(tx, demand.id, options.seenVersion);
      if (stale) return stale;
    }
    const decision = decideTransition({ service: demand.service, state: demand.state, action, performer: actor.role });
    if (!decision.allowed) return decision.reason === 'performer' ? FORBIDDEN : conflict(decision.message);
    return step({ tx, demand, next: decision.next, now, actorLabel: staffLabel(actor, demand) });
  });
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

export async function updateDemand(tx: Transaction, demandId: string, changes: Partial<NewDemand>, now: Date): Promise<void> {
  await tx.update(demands).set({ ...changes, updatedAt: now }).where(eq(demands.id, demandId));
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
    .returning({ id: demandEvents.id });
  if (!row) throw new Error('Insert returned no event');
  return row.id;
}

/** The citizen's notifications of one public movement, written in the caller's transaction. */
export async function notifyCitizen(
  tx: Transaction,
  demand: Demand,
  template: CitizenTemplate,
  payload: Omit<CitizenNotificationPayload, 'protocol' | 'service'>,
  eventId: number,
  now: Date,
): Promise<void> {
  const messages = citizenNotifications(demand, template, { protocol: demand.protocol, service: demand.service, ...payload }, eventId, now);
  if (messages.length) await tx.insert(outbox).values(messages);
  await notifyFollowers(tx, demand, template, payload, eventId, now);
}

export async function queueMessages(tx: Transaction, messages: NewOutboxMessage[]): Promise<void> {
  if (messages.length) await tx.insert(outbox).values(messages);
}
