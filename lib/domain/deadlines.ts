import type { DemandKind, Service } from './vocabulary';

/** Calendar days, counted in America/Sao_Paulo (DESIGN.md, "Deadlines"). */
export const DEADLINE_DAYS = {
  /** Lei 13.460/2017 art. 16. */
  ouvidoria: 30,
  ouvidoriaExtension: 30,
  /** Lei 12.527/2011 art. 11. */
  information: 20,
  informationExtension: 10,
  informationAppeal: 10,
  informationAppealDecision: 5,
  /** Internal request from the ouvidoria to a department. */
  department: 20,
  departmentExtension: 20,
  dueSoon: 5,
  awaitingCitizenArchive: 20,
  reopenWindow: 10,
} as const;

export const TIME_ZONE = 'America/Sao_Paulo';

const isoDateFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (YYYY-MM-DD) of an instant in São Paulo. */
export function dateInSaoPaulo(instant: Date): string {
  return isoDateFormatter.format(instant);
}

export function yearInSaoPaulo(instant: Date): number {
  return Number(dateInSaoPaulo(instant).slice(0, 4));
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function daysBetween(fromIsoDate: string, toIsoDate: string): number {
  const ms = Date.parse(`${toIsoDate}T00:00:00Z`) - Date.parse(`${fromIsoDate}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

export function initialDeadlineDays(input: { service: Service; kind: DemandKind; categoryDeadlineDays?: number | null }): number {
  if (input.service === 'balcao') {
    if (!input.categoryDeadlineDays) throw new Error('A Balcão demand needs its category deadline');
    return input.categoryDeadlineDays;
  }
  return input.kind === 'information' ? DEADLINE_DAYS.information : DEADLINE_DAYS.ouvidoria;
}

/** The last day to answer: the day of receipt plus the deadline, in São Paulo. */
export function initialDueOn(input: Parameters<typeof initialDeadlineDays>[0], receivedAt: Date): string {
  return addDays(dateInSaoPaulo(receivedAt), initialDeadlineDays(input));
}

export function extensionDays(kind: DemandKind): number {
  return kind === 'information' ? DEADLINE_DAYS.informationExtension : DEADLINE_DAYS.ouvidoriaExtension;
}

/** While awaiting the citizen the deadline is suspended: it moves by the days spent waiting. */
export function dueOnAfterSuspension(dueOn: string, suspendedAt: Date, resumedAt: Date): string {
  return addDays(dueOn, Math.max(0, daysBetween(dateInSaoPaulo(suspendedAt), dateInSaoPaulo(resumedAt))));
}

export type DeadlineStatus = 'on_time' | 'due_soon' | 'overdue';

export function deadlineStatus(dueOn: string, now: Date): { daysLeft: number; status: DeadlineStatus } {
  const daysLeft = daysBetween(dateInSaoPaulo(now), dueOn);
  const status = daysLeft < 0 ? 'overdue' : daysLeft <= DEADLINE_DAYS.dueSoon ? 'due_soon' : 'on_time';
  return { daysLeft, status };
}
