import 'server-only';
import { aliasedTable, and, asc, count, eq, gte, inArray, isNotNull, lte, notExists, sql } from 'drizzle-orm';
import type { Executor } from '@/lib/db/client';
import { categories, demands, departments, outbox, users, type NewOutboxMessage } from '@/lib/db/schema';
import { addDays, dateInSaoPaulo, DEADLINE_DAYS } from '@/lib/domain/deadlines';
import { DIGEST_ITEM_LIMIT, type StaffDemandPayload, type StaffDigestPayload } from '@/lib/domain/notifications';
import type { DemandState } from '@/lib/domain/vocabulary';
import { recordStaffAlerts, staffAlertRows } from '@/lib/demands/staff-alerts';

/**
 * Deadline alerts and the daily digest, written as outbox rows. Each alert is written once: its
 * idempotency key names the demand, the kind of alert, the due date and the recipient, so a later scan
 * (or a second worker scanning at the same time) adds nothing, while an extended deadline earns new ones.
 */

/** States whose deadline runs. While awaiting the citizen it is suspended; answered demands are done. */
export const RUNNING_STATES = ['received', 'forwarded', 'in_progress'] as const satisfies readonly DemandState[];
export const OPEN_STATES = [...RUNNING_STATES, 'awaiting_citizen'] as const satisfies readonly DemandState[];

/**
 * A demand whose deadline passed long before the scanner first saw it (a worker down for days, data
 * imported from the old system) is reported by the digest rather than by a flood of single alerts.
 */
export const OVERDUE_ALERT_LOOKBACK_DAYS = 7;

/** At most this many alerts per scan; the next scan picks up where this one stopped. */
const ALERT_BATCH = 500;

const categoryOfDemand = aliasedTable(categories, 'demand_category');

/**
 * The department holding a demand: the one it was forwarded to, or, for a Balcão request not yet
 * forwarded, the department that owns its service. An Ouvidoria demand not yet forwarded is the
 * ombudsman's alone.
 */
const holdingDepartmentId = sql<string | null>`coalesce(${demands.departmentId}, case when ${demands.service} = 'balcao' then ${categoryOfDemand.departmentId} end)`;

export async function ombudsmanEmails(db: Executor): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.role, 'ombudsman'), eq(users.active, true)));
  return rows.map((row) => row.email);
}

type AlertTemplate = 'staff_due_soon' | 'staff_overdue';

async function demandsNeedingAlert(db: Executor, template: AlertTemplate, from: string, to: string) {
  const alreadyAlerted = db
    .select({ one: sql`1` })
    .from(outbox)
    .where(and(eq(outbox.demandId, demands.id), eq(outbox.template, template), sql`${outbox.payload}->>'dueOn' = ${demands.dueOn}::text`));
  const holding = aliasedTable(departments, 'holding_department');
  return db
    .select({
      id: demands.id,
      protocol: demands.protocol,
      service: demands.service,
      kind: demands.kind,
      subject: demands.subject,
      state: demands.state,
      dueOn: demands.dueOn,
      departmentId: holding.id,
      departmentName: holding.name,
      departmentEmail: holding.email,
    })
    .from(demands)
    .leftJoin(categoryOfDemand, eq(categoryOfDemand.id, demands.categoryId))
    .leftJoin(holding, eq(holding.id, holdingDepartmentId))
    .where(and(inArray(demands.state, RUNNING_STATES), gte(demands.dueOn, from), lte(demands.dueOn, to), notExists(alreadyAlerted)))
    .orderBy(asc(demands.dueOn))
    .limit(ALERT_BATCH);
}

/** Writes the "due in 5 days" and "overdue" alerts that are due now. Returns how many rows were added. */
export async function writeDeadlineAlerts(db: Executor, now: Date): Promise<number> {
  const today = dateInSaoPaulo(now);
  const ombudsmen = await ombudsmanEmails(db);
  const windows: { template: AlertTemplate; from: string; to: string }[] = [
    { template: 'staff_due_soon', from: today, to: addDays(today, DEADLINE_DAYS.dueSoon) },
    { template: 'staff_overdue', from: addDays(today, -OVERDUE_ALERT_LOOKBACK_DAYS), to: addDays(today, -1) },
  ];
  let written = 0;
  for (const { template, from, to } of windows) {
    const found = await demandsNeedingAlert(db, template, from, to);
    const rows: NewOutboxMessage[] = found.flatMap((demand) => {
      const payload: StaffDemandPayload = {
        protocol: demand.protocol,
        service: demand.service,
        kind: demand.kind,
        subject: demand.subject,
        state: demand.state,
        dueOn: demand.dueOn,
        departmentName: demand.departmentName ?? undefined,
      };
      const recipients = new Set([...(demand.departmentEmail ? [demand.departmentEmail] : []), ...ombudsmen]);
      return [...recipients].map((recipient) => ({
        demandId: demand.id,
        channel: 'email' as const,
        template,
        recipient,
        payload,
        idempotencyKey: `${template}:${demand.id}:${demand.dueOn}:${recipient}`,
        nextAttemptAt: now,
      }));
    });
    // The same alerts in the workspace: to the secretaria holding the demand and to the ombudsmen.
    const alerts = found.flatMap((demand) =>
      staffAlertRows(demand.id, template === 'staff_due_soon' ? 'due_soon' : 'overdue', [...(demand.departmentId ? [{ departmentId: demand.departmentId }] : []), { role: 'ombudsman' as const }], `${demand.id}:${demand.dueOn}`, now),
    );
    if (rows.length || alerts.length) {
      await db.transaction(async (tx) => {
        if (rows.length) {
          const inserted = await tx.insert(outbox).values(rows).onConflictDoNothing({ target: outbox.idempotencyKey }).returning({ id: outbox.id });
          written += inserted.length;
        }
        await recordStaffAlerts(tx, alerts);
      });
    }
  }
  return written;
}

/**
 * Once a day, from `digestHour` (São Paulo), each department with an e-mail and open demands gets a
 * summary: counts and the most urgent protocols.
 */
export async function writeDailyDigests(db: Executor, now: Date, digestHour: number): Promise<number> {
  const today = dateInSaoPaulo(now);
  if (hourInSaoPaulo(now) < digestHour) return 0;
  const dueSoonLimit = addDays(today, DEADLINE_DAYS.dueSoon);
  const running = sql`${demands.state} in ('received', 'forwarded', 'in_progress')`;
  const counts = await db
    .select({
      departmentId: holdingDepartmentId,
      open: count(),
      dueSoon: sql<number>`count(*) filter (where ${running} and ${demands.dueOn} >= ${today} and ${demands.dueOn} <= ${dueSoonLimit})`.mapWith(Number),
      overdue: sql<number>`count(*) filter (where ${running} and ${demands.dueOn} < ${today})`.mapWith(Number),
      awaitingCitizen: sql<number>`count(*) filter (where ${demands.state} = 'awaiting_citizen')`.mapWith(Number),
    })
    .from(demands)
    .leftJoin(categoryOfDemand, eq(categoryOfDemand.id, demands.categoryId))
    .where(inArray(demands.state, OPEN_STATES))
    .groupBy(holdingDepartmentId);
  const countsByDepartment = new Map(counts.filter((row) => row.departmentId).map((row) => [row.departmentId, row]));
  if (countsByDepartment.size === 0) return 0;

  const recipients = await db
    .select({ id: departments.id, name: departments.name, email: departments.email })
    .from(departments)
    .where(and(eq(departments.active, true), isNotNull(departments.email), inArray(departments.id, [...countsByDepartment.keys()].filter((id) => id !== null))));
  let written = 0;
  for (const department of recipients) {
    const summary = countsByDepartment.get(department.id);
    if (!summary || !department.email) continue;
    const idempotencyKey = `staff_digest:${department.id}:${today}`;
    const [existing] = await db.select({ id: outbox.id }).from(outbox).where(eq(outbox.idempotencyKey, idempotencyKey));
    if (existing) continue;
    const items = await db
      .select({ demandId: demands.id, protocol: demands.protocol, subject: demands.subject, dueOn: demands.dueOn })
      .from(demands)
      .leftJoin(categoryOfDemand, eq(categoryOfDemand.id, demands.categoryId))
      .where(and(inArray(demands.state, RUNNING_STATES), lte(demands.dueOn, dueSoonLimit), sql`${holdingDepartmentId} = ${department.id}`))
      .orderBy(asc(demands.dueOn))
      .limit(DIGEST_ITEM_LIMIT);
    const payload: StaffDigestPayload = {
      departmentName: department.name,
      date: today,
      open: summary.open,
      dueSoon: summary.dueSoon,
      overdue: summary.overdue,
      awaitingCitizen: summary.awaitingCitizen,
      items: items.map((item) => ({ ...item, status: item.dueOn < today ? 'overdue' : 'due_soon' })),
    };
    const inserted = await db
      .insert(outbox)
      .values({ channel: 'email', template: 'staff_digest', recipient: department.email, payload, idempotencyKey, nextAttemptAt: now })
      .onConflictDoNothing({ target: outbox.idempotencyKey })
      .returning({ id: outbox.id });
    written += inserted.length;
  }
  return written;
}

const hourFormatter = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Sao_Paulo', hour: '2-digit', hourCycle: 'h23' });

function hourInSaoPaulo(instant: Date): number {
  return Number(hourFormatter.format(instant));
}
