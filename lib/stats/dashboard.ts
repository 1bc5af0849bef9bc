import 'server-only';
import type { Database } from '@/lib/db/client';
import { getReadDb } from '@/lib/db/client';
import { loadDemandAccessFacts } from '@/lib/db/queries/visibility';
import { addDays } from '@/lib/domain/deadlines';
import { canViewDemand, type PermissionActor } from '@/lib/domain/permissions';
import { labelOf, type StatsDimensions } from './dimensions';
import { daysInPeriod, demandListHref, type StatsFilter, type StatsQuery } from './filters';
import { formatDays, formatDecimal, formatInteger, formatMonth, formatPercent } from './format';
import {
  answerTimes,
  backlogByDepartment,
  onTimeByDepartmentAndMonth,
  summarize,
  summarizeBy,
  totalBacklog,
  worstOverdueByDepartment,
  type Totals,
} from './indicators';

/**
 * The first screen of /painel/estatisticas: the key figures of the period, each beside the same figure
 * for the period of the same length just before it, and per secretaria the share answered within the
 * legal deadline, the demand most overdue today and the last six months' trend. Built only from the
 * indicators (lib/stats/indicators.ts), so the figures equal the detailed tables'.
 */

/** How a figure moved: `better` says whether the move is good news (more answered on time, fewer days…). */
export type Change = { display: string; direction: 'up' | 'down' | 'same'; better: boolean | null };

export type KeyFigure = {
  id: 'received' | 'problems' | 'on-time' | 'overdue' | 'median' | 'satisfaction';
  label: string;
  display: string;
  value: number | null;
  previous: number | null;
  previousDisplay: string | null;
  change: Change | null;
  note?: string;
  href?: string;
};

export type DepartmentCompliance = {
  departmentId: string | null;
  name: string;
  received: number;
  problems: number;
  answered: number;
  answeredOnTime: number;
  onTimeRate: number | null;
  overdueNow: number;
  worstOverdue: { protocol: string; daysLate: number; href?: string } | null;
  /** Share answered on time per month of receipt, oldest first (null: nothing answered from that month). */
  trend: { month: string; label: string; rate: number | null }[];
};

export type Dashboard = {
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  figures: KeyFigure[];
  departments: DepartmentCompliance[];
};

const TREND_MONTHS = 6;

/** The period of the same number of days that ends the day before the filter's. */
export function previousPeriodOf(filter: Pick<StatsFilter, 'from' | 'to'>): { from: string; to: string } {
  const to = addDays(filter.from, -1);
  return { from: addDays(to, -(daysInPeriod(filter) - 1)), to };
}

/** The months of the trend: the filter's last month and the five before it. */
export function trendMonths(to: string): string[] {
  const [year, month] = to.split('-').map(Number) as [number, number];
  return Array.from({ length: TREND_MONTHS }, (_, index) => new Date(Date.UTC(year, month - 1 - (TREND_MONTHS - 1 - index), 1)).toISOString().slice(0, 10));
}

const signed = (value: number, format: (n: number) => string) => (value > 0 ? `+${format(value)}` : value < 0 ? `−${format(-value)}` : format(0));

/** A change between two values; `higherIsBetter` null for a volume, where more is neither good nor bad. */
export function changeOf(
  current: number | null,
  previous: number | null,
  kind: 'relative' | 'points' | 'days' | 'decimal',
  higherIsBetter: boolean | null,
): Change | null {
  if (current === null || previous === null) return null;
  const delta = current - previous;
  const direction = Math.abs(delta) < 1e-9 ? 'same' : delta > 0 ? 'up' : 'down';
  const better = direction === 'same' || higherIsBetter === null ? null : (direction === 'up') === higherIsBetter;
  let display: string;
  switch (kind) {
    case 'relative':
      display = previous === 0 ? (current === 0 ? 'sem variação' : `${signed(delta, formatInteger)} (antes: nenhuma)`) : `${signed(delta / previous, (n) => formatPercent(n))}`;
      break;
    case 'points':
      display = `${signed(delta * 100, (n) => formatDecimal(n))} p.p.`;
      break;
    case 'days':
      display = signed(delta, (n) => formatDays(n));
      break;
    case 'decimal':
      display = signed(delta, (n) => formatDecimal(n));
      break;
  }
  if (direction === 'same') display = 'sem variação';
  return { display, direction, better };
}

function keyFigures(current: Totals, previous: Totals, medianNow: number | null, medianBefore: number | null, overdueNow: number, filter: StatsFilter): KeyFigure[] {
  const duplicates = current.received - current.problems;
  return [
    {
      id: 'received',
      label: 'Manifestações recebidas',
      display: formatInteger(current.received),
      value: current.received,
      previous: previous.received,
      previousDisplay: formatInteger(previous.received),
      change: changeOf(current.received, previous.received, 'relative', null),
      href: demandListHref(filter),
    },
    {
      id: 'problems',
      label: 'Problemas distintos',
      display: formatInteger(current.problems),
      value: current.problems,
      previous: previous.problems,
      previousDisplay: formatInteger(previous.problems),
      change: changeOf(current.problems, previous.problems, 'relative', null),
      note: duplicates === 1 ? '1 manifestação ligada como duplicada' : `${formatInteger(duplicates)} manifestações ligadas como duplicadas`,
    },
    {
      id: 'on-time',
      label: 'Respondidas no prazo',
      display: formatPercent(current.onTimeRate),
      value: current.onTimeRate,
      previous: previous.onTimeRate,
      previousDisplay: formatPercent(previous.onTimeRate),
      change: changeOf(current.onTimeRate, previous.onTimeRate, 'points', true),
      note: `${formatInteger(current.answeredOnTime)} de ${formatInteger(current.answered)} respondidas`,
    },
    {
      id: 'overdue',
      label: 'Em atraso agora',
      display: formatInteger(overdueNow),
      value: overdueNow,
      previous: null,
      previousDisplay: null,
      change: null,
      note: 'Situação de hoje, qualquer que seja o período',
      href: demandListHref({ ...filter, from: undefined, to: undefined }, { overdue: true }),
    },
    {
      id: 'median',
      label: 'Mediana até a resposta',
      display: formatDays(medianNow),
      value: medianNow,
      previous: medianBefore,
      previousDisplay: formatDays(medianBefore),
      change: changeOf(medianNow, medianBefore, 'days', false),
    },
    {
      id: 'satisfaction',
      label: 'Satisfação média (1 a 5)',
      display: formatDecimal(current.ratingAverage),
      value: current.ratingAverage,
      previous: previous.ratingAverage,
      previousDisplay: formatDecimal(previous.ratingAverage),
      change: changeOf(current.ratingAverage, previous.ratingAverage, 'decimal', true),
      note: `${formatInteger(current.rated)} pesquisas respondidas`,
    },
  ];
}

/** The demand page, offered only to a viewer whom canViewDemand lets open it. */
async function demandHref(actor: PermissionActor, demandId: string, protocol: string, db: Database): Promise<string | undefined> {
  const facts = await loadDemandAccessFacts(db, demandId);
  return facts && canViewDemand(actor, facts) ? `/painel/demandas/${protocol}` : undefined;
}

export async function buildDashboard(options: {
  query: StatsQuery;
  actor: PermissionActor;
  dimensions: StatsDimensions;
  now?: Date;
  db?: Database;
}): Promise<Dashboard> {
  const { query, actor, dimensions } = options;
  const now = options.now ?? new Date();
  const db = options.db ?? (await getReadDb());
  const previousPeriod = previousPeriodOf(query.filter);
  const previousQuery: StatsQuery = { ...query, filter: { ...query.filter, ...previousPeriod } };
  const months = trendMonths(query.filter.to);
  const trendQuery: StatsQuery = { ...query, filter: { ...query.filter, from: months[0] ?? query.filter.from, to: query.filter.to } };
  const [current, previous, timesNow, timesBefore, backlog, byDepartment, worst, monthly] = await Promise.all([
    summarize(query, db),
    summarize(previousQuery, db),
    answerTimes(query, db),
    answerTimes(previousQuery, db),
    backlogByDepartment(query, now, db),
    summarizeBy(query, 'department', db, ['received', 'problems', 'answered', 'answered_on_time']),
    worstOverdueByDepartment(query, now, db),
    onTimeByDepartmentAndMonth(trendQuery, db),
  ]);

  const departmentIds = [...new Set([...byDepartment.map((g) => g.key), ...worst.map((w) => w.departmentId)])];
  const departments = await Promise.all(
    departmentIds.map(async (departmentId): Promise<DepartmentCompliance> => {
      const totals = byDepartment.find((g) => g.key === departmentId)?.totals;
      const worstRow = worst.find((w) => w.departmentId === departmentId);
      const trend = months.map((month) => {
        const row = monthly.find((m) => m.departmentId === departmentId && m.month === month);
        return { month, label: formatMonth(month), rate: row && row.answered > 0 ? row.answeredOnTime / row.answered : null };
      });
      return {
        departmentId,
        name: labelOf(dimensions, 'department', departmentId),
        received: totals?.received ?? 0,
        problems: totals?.problems ?? 0,
        answered: totals?.answered ?? 0,
        answeredOnTime: totals?.answeredOnTime ?? 0,
        onTimeRate: totals?.onTimeRate ?? null,
        overdueNow: backlog.find((b) => b.departmentId === departmentId)?.overdue ?? 0,
        worstOverdue: worstRow
          ? { protocol: worstRow.protocol, daysLate: worstRow.daysLate, href: await demandHref(actor, worstRow.demandId, worstRow.protocol, db) }
          : null,
        trend,
      };
    }),
  );

  return {
    period: { from: query.filter.from, to: query.filter.to },
    previousPeriod,
    figures: keyFigures(current, previous, timesNow.medianDays, timesBefore.medianDays, totalBacklog(backlog).overdue, query.filter),
    departments,
  };
}
