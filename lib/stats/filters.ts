import { z } from 'zod';
import { addDays, dateInSaoPaulo } from '@/lib/domain/deadlines';
import {
  CHANNELS,
  DEMAND_KINDS,
  DEMAND_PRIORITIES,
  DEMAND_STATES,
  SERVICES,
  type Channel,
  type DemandKind,
  type DemandPriority,
  type DemandState,
  type Service,
} from '@/lib/domain/vocabulary';
import { QUEUE_SLUGS, STATE_GROUPS, type StateFilter } from '@/lib/domain/queues';
import type { Dimension } from './grains';

/**
 * What every indicator is computed over: the demands received (in São Paulo dates) from `from` to `to`,
 * inclusive, narrowed by any of the dimensions. The query-string names are the ones the workspace queue
 * (/painel) honours too, so a number links to the list of demands behind it.
 */
export type StatsFilter = {
  from: string;
  to: string;
  service?: Service;
  kind?: DemandKind;
  categoryId?: string;
  departmentId?: string;
  channel?: Channel;
  neighbourhoodId?: string;
  /** The demand's priority now, legal priorities included. */
  priority?: DemandPriority;
};

/** Whose demands an actor may count: every department's, or only the listed ones. */
export type StatsScope = { departmentIds: 'all' } | { departmentIds: readonly string[] };

export type StatsQuery = { filter: StatsFilter; scope: StatsScope };

export const ALL_DEPARTMENTS: StatsScope = { departmentIds: 'all' };

export type Granularity = 'month' | 'week';

/** Weekly volume reads every fact of the period: offered for periods up to this long. */
export const MAX_WEEKLY_DAYS = 183;

const isoDate = z.iso.date();
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).optional().catch(undefined);
const optionalUuid = z.uuid().optional().catch(undefined);

const ParamsSchema = z.object({
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  service: optionalEnum(SERVICES),
  kind: optionalEnum(DEMAND_KINDS),
  category: optionalUuid,
  department: optionalUuid,
  channel: optionalEnum(CHANNELS),
  bairro: optionalUuid,
  priority: optionalEnum(DEMAND_PRIORITIES),
  by: z.enum(['month', 'week']).optional().catch(undefined),
});

export type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single === '' ? undefined : single;
}

/** The default period: the current month and the eleven before it. */
export function defaultPeriod(now: Date): { from: string; to: string } {
  const today = dateInSaoPaulo(now);
  const [year, month] = today.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(year, month - 1 - 11, 1));
  return { from: start.toISOString().slice(0, 10), to: today };
}

/** Reads the filter from a page's search params; anything malformed is ignored rather than refused. */
export function parseStatsFilter(params: SearchParams, now = new Date()): { filter: StatsFilter; granularity: Granularity } {
  const raw = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, first(value)]));
  const parsed = ParamsSchema.parse(raw);
  const period = defaultPeriod(now);
  let from = parsed.from ?? period.from;
  let to = parsed.to ?? period.to;
  if (from > to) [from, to] = [to, from];
  const filter: StatsFilter = {
    from,
    to,
    service: parsed.service,
    kind: parsed.kind,
    categoryId: parsed.category,
    departmentId: parsed.department,
    channel: parsed.channel,
    neighbourhoodId: parsed.bairro,
    priority: parsed.priority,
  };
  const weeklyAllowed = daysInPeriod(filter) <= MAX_WEEKLY_DAYS;
  return { filter, granularity: parsed.by === 'week' && weeklyAllowed ? 'week' : 'month' };
}

export function daysInPeriod(filter: Pick<StatsFilter, 'from' | 'to'>): number {
  return Math.round((Date.parse(`${filter.to}T00:00:00Z`) - Date.parse(`${filter.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The dimensions a filter narrows by (each must be present in whatever the query reads). */
export function filteredDimensions(filter: StatsFilter, scope: StatsScope): Dimension[] {
  const dimensions: Dimension[] = [];
  if (filter.service) dimensions.push('service');
  if (filter.kind) dimensions.push('kind');
  if (filter.categoryId) dimensions.push('category');
  if (filter.departmentId || scope.departmentIds !== 'all') dimensions.push('department');
  if (filter.channel) dimensions.push('channel');
  if (filter.neighbourhoodId) dimensions.push('bairro');
  if (filter.priority) dimensions.push('priority');
  return dimensions;
}

/** The filter as query-string pairs, named as /painel/estatisticas reads them. */
export function filterParams(filter: Partial<StatsFilter>): [string, string][] {
  const pairs: [string, string | undefined][] = [
    ['from', filter.from],
    ['to', filter.to],
    ['service', filter.service],
    ['kind', filter.kind],
    ['category', filter.categoryId],
    ['department', filter.departmentId],
    ['channel', filter.channel],
    ['bairro', filter.neighbourhoodId],
    ['priority', filter.priority],
  ];
  return pairs.filter((pair): pair is [string, string] => Boolean(pair[1]));
}

export type DemandListExtras = { state?: StateFilter; overdue?: boolean; tagId?: string };

/**
 * The workspace queue showing exactly the demands behind a number, in the queue's own parameter names
 * (QueueSearchSchema): every demand the viewer may see (`fila=todas`), or today's overdue ones
 * (`fila=atrasadas`), narrowed by the same filter. Periods are days of filing in São Paulo in both.
 */
export function demandListHref(filter: Partial<StatsFilter>, extras: DemandListExtras = {}): string {
  const pairs: [string, string | undefined][] = [
    ['fila', QUEUE_SLUGS[extras.overdue ? 'overdue' : 'all']],
    ['de', filter.from],
    ['ate', filter.to],
    ['servico', filter.service],
    ['tipo', filter.kind],
    ['assunto', filter.categoryId],
    ['secretaria', filter.departmentId],
    ['canal', filter.channel],
    ['bairro', filter.neighbourhoodId],
    ['prioridade', filter.priority],
    ['situacao', extras.state],
    ['etiqueta', extras.tagId],
  ];
  const params = new URLSearchParams(pairs.filter((pair): pair is [string, string] => Boolean(pair[1])));
  return `/painel?${params.toString()}`;
}

export function withFilter(filter: StatsFilter, narrower: Partial<StatsFilter>): StatsFilter {
  return { ...filter, ...narrower };
}

/** A calendar month as the period [first day, last day]. */
export function monthPeriod(month: string): { from: string; to: string } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
  return { from: `${month.slice(0, 7)}-01`, to: last };
}

export function weekPeriod(weekStart: string): { from: string; to: string } {
  return { from: weekStart, to: addDays(weekStart, 6) };
}

/** The same groups as the queue's situation filter, so a number and the queue behind it agree. */
export const OPEN_STATES = STATE_GROUPS.abertas;
/** Open and running against the deadline (awaiting the citizen suspends it). */
export const RUNNING_STATES = ['received', 'forwarded', 'in_progress'] as const satisfies readonly DemandState[];
export const ANSWERED_STATES = STATE_GROUPS.respondidas;

export { DEMAND_STATES };
