import 'server-only';
import { and, desc, eq, gte, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Executor } from '@/lib/db/client';
import { demands, staffAlertReads, staffAlerts, type NewStaffAlert, type StaffAlert } from '@/lib/db/schema';
import type { DemandKind, Role, Service } from '@/lib/domain/vocabulary';
import { FORBIDDEN, invalid, NOT_FOUND, staffRefusal, type StaffActor, type UseCaseResult } from './workflow';

/**
 * The workspace's alert list: what staff are told by e-mail (a demand entered their queue, was forwarded
 * to their secretaria or assigned to them, is due soon or overdue), kept in the app and marked read per
 * person. An alert goes to a role, a secretaria or one person, and is matched against who the person is
 * when they read it: someone who left a secretaria no longer sees its alerts.
 */

export type StaffAlertKind = StaffAlert['kind'];
export type AlertAudience = { role: Role } | { departmentId: string } | { userId: string };

/** How far back the list reaches: older alerts have long been acted on (or are in the queues anyway). */
const ALERT_WINDOW_DAYS = 60;
const LIST_LIMIT = 50;
/** The shell shows "99+" past this; counting further would only cost time. */
export const UNREAD_COUNT_CAP = 99;

/** The rows of one movement's alerts, to write with the movement (`movementKey` makes a retry write none twice). */
export function staffAlertRows(demandId: string, kind: StaffAlertKind, audiences: readonly AlertAudience[], movementKey: string, now: Date): NewStaffAlert[] {
  const rows = new Map<string, NewStaffAlert>();
  for (const audience of audiences) {
    const to = 'role' in audience ? `role:${audience.role}` : 'departmentId' in audience ? `department:${audience.departmentId}` : `user:${audience.userId}`;
    rows.set(to, {
      demandId,
      kind,
      // Every row sets the three columns (the intake writes them as one record set).
      audienceRole: 'role' in audience ? audience.role : null,
      audienceDepartmentId: 'departmentId' in audience ? audience.departmentId : null,
      audienceUserId: 'userId' in audience ? audience.userId : null,
      dedupeKey: `${kind}:${movementKey}:${to}`,
      createdAt: now,
    });
  }
  return [...rows.values()];
}

/** Writes a movement's alerts in the movement's own transaction. */
export async function recordStaffAlerts(tx: Executor, rows: NewStaffAlert[]): Promise<void> {
  // Named (lib/db/prepared.ts): a movement writes one row per audience, a handful at most.
  if (rows.length) await tx.insert(staffAlerts).values(rows).onConflictDoNothing({ target: staffAlerts.dedupeKey }).prepare('record_staff_alerts').execute();
}

/** Each audience this person belongs to: their role, each of their secretarias, and them. */
function audiencesOf(actor: StaffActor): SQL[] {
  return [
    eq(staffAlerts.audienceRole, actor.role),
    eq(staffAlerts.audienceUserId, actor.userId),
    ...actor.departmentIds.map((departmentId) => eq(staffAlerts.audienceDepartmentId, departmentId)),
  ];
}

/** The alerts addressed to this person: their role, one of their secretarias, or them. */
function addressedTo(actor: StaffActor): SQL {
  return or(...audiencesOf(actor)) as SQL;
}

function windowStart(now: Date): Date {
  return new Date(now.getTime() - ALERT_WINDOW_DAYS * 86_400_000);
}

export type StaffAlertItem = {
  id: string;
  kind: StaffAlertKind;
  createdAt: Date;
  read: boolean;
  protocol: string;
  subject: string;
  service: Service;
  demandKind: DemandKind;
  dueOn: string;
};

/**
 * The person's latest alerts, unread first within the window, newest first. Each audience (role, each
 * secretaria, the person) is read on its own (audience, created_at) index backwards and the lists merged
 * here: one query with the three audiences OR-ed sorted every alert of the window first (190 ms for the
 * ombudsman at 1,000,000 demands); the read ones come from the person's own reads.
 */
export async function listStaffAlerts(actor: StaffActor | null, options: { now?: Date; db?: Executor } = {}): Promise<UseCaseResult<{ alerts: StaffAlertItem[]; unread: number }>> {
  const refusal = staffRefusal(actor);
  if (refusal || !actor) return refusal ?? FORBIDDEN;
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  const since = gte(staffAlerts.createdAt, windowStart(now));
  const item = {
    id: staffAlerts.id,
    kind: staffAlerts.kind,
    createdAt: staffAlerts.createdAt,
    protocol: demands.protocol,
    subject: demands.subject,
    service: demands.service,
    demandKind: demands.kind,
    dueOn: demands.dueOn,
  };
  const unreadOf = (audience: SQL) =>
    db
      .select(item)
      .from(staffAlerts)
      .innerJoin(demands, eq(demands.id, staffAlerts.demandId))
      .leftJoin(staffAlertReads, and(eq(staffAlertReads.alertId, staffAlerts.id), eq(staffAlertReads.userId, actor.userId)))
      .where(and(audience, since, isNull(staffAlertReads.alertId)))
      .orderBy(desc(staffAlerts.createdAt))
      .limit(LIST_LIMIT);
  const [read, unreadCount, ...unreadLists] = await Promise.all([
    db
      .select(item)
      .from(staffAlertReads)
      .innerJoin(staffAlerts, eq(staffAlerts.id, staffAlertReads.alertId))
      .innerJoin(demands, eq(demands.id, staffAlerts.demandId))
      .where(and(eq(staffAlertReads.userId, actor.userId), addressedTo(actor), since))
      .orderBy(desc(staffAlerts.createdAt))
      .limit(LIST_LIMIT),
    countUnread(db, actor, now),
    ...audiencesOf(actor).map(unreadOf),
  ]);
  const newestFirst = (a: { createdAt: Date }, b: { createdAt: Date }) => b.createdAt.getTime() - a.createdAt.getTime();
  const unread = unreadLists.flat().sort(newestFirst).slice(0, LIST_LIMIT);
  const alerts = [...unread.map((row) => ({ ...row, read: false })), ...read.map((row) => ({ ...row, read: true }))].slice(0, LIST_LIMIT);
  return { ok: true, alerts, unread: unreadCount };
}

/** How many of the person's alerts are unread (capped: the shell shows "99+"). */
export async function countUnreadStaffAlerts(actor: StaffActor, options: { now?: Date; db?: Executor } = {}): Promise<number> {
  if (staffRefusal(actor)) return 0;
  return countUnread(options.db ?? (await getDb()), actor, options.now ?? new Date());
}

async function countUnread(db: Executor, actor: StaffActor, now: Date): Promise<number> {
  const unread = db
    .select({ id: staffAlerts.id })
    .from(staffAlerts)
    .leftJoin(staffAlertReads, and(eq(staffAlertReads.alertId, staffAlerts.id), eq(staffAlertReads.userId, actor.userId)))
    .where(and(addressedTo(actor), gte(staffAlerts.createdAt, windowStart(now)), isNull(staffAlertReads.alertId)))
    .limit(UNREAD_COUNT_CAP + 1)
    .as('unread');
  const [row] = await db.select({ count: sql<number>`count(*)`.mapWith(Number) }).from(unread);
  return row?.count ?? 0;
}

const MarkReadSchema = z.object({ alertId: z.union([z.uuid(), z.literal('todos')], { error: 'Aviso inválido.' }) });

/** Marks one alert (that is the person's) or all of them as read, for this person only. */
export async function markStaffAlertsRead(actor: StaffActor | null, input: unknown, options: { now?: Date; db?: Executor } = {}): Promise<UseCaseResult> {
  const refusal = staffRefusal(actor);
  if (refusal || !actor) return refusal ?? FORBIDDEN;
  const parsed = MarkReadSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  const which = parsed.data.alertId === 'todos' ? undefined : eq(staffAlerts.id, parsed.data.alertId);
  const mine = await db
    .select({ id: staffAlerts.id })
    .from(staffAlerts)
    .leftJoin(staffAlertReads, and(eq(staffAlertReads.alertId, staffAlerts.id), eq(staffAlertReads.userId, actor.userId)))
    .where(and(addressedTo(actor), gte(staffAlerts.createdAt, windowStart(now)), isNull(staffAlertReads.alertId), which));
  // Someone else's alert answers as a missing one: its existence does not leak.
  if (which && !mine.length) {
    const [already] = await db
      .select({ id: staffAlerts.id })
      .from(staffAlerts)
      .where(and(addressedTo(actor), eq(staffAlerts.id, parsed.data.alertId)));
    return already ? { ok: true } : { ...NOT_FOUND, error: 'Aviso não encontrado.' };
  }
  if (mine.length) {
    await db
      .insert(staffAlertReads)
      .values(mine.map((row) => ({ alertId: row.id, userId: actor.userId, readAt: now })))
      .onConflictDoNothing();
  }
  return { ok: true };
}
