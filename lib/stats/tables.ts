import 'server-only';
import { STATE_LABELS } from '@/lib/domain/labels';
import { DEMAND_PRIORITIES, DEMAND_STATES } from '@/lib/domain/vocabulary';
import type { Database } from '@/lib/db/client';
import type { Cell, Column, StatsTable } from './table-types';
import { loadStatsDimensions, labelOf, type StatsDimensions } from './dimensions';
import {
  demandListHref,
  monthPeriod,
  weekPeriod,
  withFilter,
  type DemandListExtras,
  type Granularity,
  type StatsFilter,
  type StatsQuery,
} from './filters';
import { formatDays, formatDecimal, formatInteger, formatMonth, formatPercent, formatIsoDate } from './format';
import {
  answerTimes,
  answerTimesBy,
  backlogByDepartment,
  recurringSubjects,
  summarize,
  summarizeBy,
  totalBacklog,
  volumeOverTime,
  type AnswerTimes,
  type GroupKey,
  type Totals,
} from './indicators';
import { summarizeByTag } from './tag-indicators';

/**
 * Every table of the dashboard and of the transparency panel, built from the indicators. The page draws
 * a chart and an accessible table from each; the CSV route writes the same rows. Cells link to the
 * workspace queue behind their number when the viewer is staff.
 */

export type { Cell, Chart, Column, StatsTable } from './table-types';

export type TableContext = {
  query: StatsQuery;
  granularity: Granularity;
  dimensions: StatsDimensions;
  /** Staff tables link each number to /painel; public ones do not. */
  linked: boolean;
  now: Date;
  db?: Database;
};

type Builder = (context: TableContext) => Promise<StatsTable>;

function count(value: number, context: TableContext, narrower: Partial<StatsFilter> = {}, extras: DemandListExtras = {}): Cell {
  return {
    display: formatInteger(value),
    value,
    href: context.linked ? demandListHref(withFilter(context.query.filter, narrower), extras) : undefined,
  };
}

function text(display: string): Cell {
  return { display };
}

function rate(value: number | null): Cell {
  return { display: formatPercent(value), value: value === null ? null : Math.round(value * 1000) / 10 };
}

function days(value: number | null): Cell {
  return { display: formatDays(value), value };
}

/** The filter narrowed to one value of a grouping dimension. */
function narrowTo(key: GroupKey, value: string | null): Partial<StatsFilter> {
  switch (key) {
    case 'month':
      return value ? monthPeriod(value) : {};
    case 'service':
      return { service: (value ?? undefined) as StatsFilter['service'] };
    case 'kind':
      return { kind: (value ?? undefined) as StatsFilter['kind'] };
    case 'category':
      return { categoryId: value ?? undefined };
    case 'department':
      return { departmentId: value ?? undefined };
    case 'channel':
      return { channel: (value ?? undefined) as StatsFilter['channel'] };
    case 'bairro':
      return { neighbourhoodId: value ?? undefined };
    case 'priority':
      return { priority: (value ?? undefined) as StatsFilter['priority'] };
    case 'tag':
      // The statistics have no etiqueta filter: its tables link to the queue with `etiqueta` instead.
      return {};
  }
}

/** A month bucket narrowed to the filter's own period, so the link never lists more than the table counts. */
function clampToPeriod(filter: StatsFilter, period: { from: string; to: string }): Partial<StatsFilter> {
  return { from: period.from < filter.from ? filter.from : period.from, to: period.to > filter.to ? filter.to : period.to };
}

/** The columns every per-group table shares: volume, answers, deadlines, extensions, information, reopenings, satisfaction. */
const GROUP_COLUMNS: Column[] = [
  { label: 'Recebidas', numeric: true },
  { label: 'Respondidas', numeric: true },
  { label: 'No prazo', numeric: true },
  { label: 'Com atraso', numeric: true },
  { label: '% no prazo', numeric: true },
  { label: 'Mediana até a resposta', numeric: true },
  { label: '90% respondidas em até', numeric: true },
  { label: 'Prorrogadas', numeric: true },
  { label: 'Com complementação', numeric: true },
  { label: 'Reabertas', numeric: true },
  { label: 'Satisfação média (1 a 5)', numeric: true },
  { label: '% resolvidas (pesquisa)', numeric: true },
  { label: 'Problemas distintos', numeric: true },
];

function groupCells(totals: Totals, times: AnswerTimes | undefined, context: TableContext, narrower: Partial<StatsFilter>, extras: DemandListExtras = {}): Cell[] {
  return [
    count(totals.received, context, narrower, extras),
    count(totals.answered, context, narrower, { ...extras, state: 'respondidas' }),
    { display: formatInteger(totals.answeredOnTime), value: totals.answeredOnTime },
    { display: formatInteger(totals.answeredLate), value: totals.answeredLate },
    rate(totals.onTimeRate),
    days(times?.medianDays ?? null),
    days(times?.p90Days ?? null),
    { display: formatInteger(totals.extended), value: totals.extended },
    { display: formatInteger(totals.infoRequested), value: totals.infoRequested },
    { display: formatInteger(totals.reopened), value: totals.reopened },
    { display: formatDecimal(totals.ratingAverage), value: totals.ratingAverage === null ? null : Math.round(totals.ratingAverage * 100) / 100 },
    rate(totals.resolvedRate),
    { display: formatInteger(totals.problems), value: totals.problems },
  ];
}

/** Priorities in the order staff know them (normal, alta, then the legal ones), not by volume. */
function inPriorityOrder<T extends { key: string | null }>(groups: T[]): T[] {
  const rank = (key: string | null) => DEMAND_PRIORITIES.indexOf(key as (typeof DEMAND_PRIORITIES)[number]);
  return [...groups].sort((a, b) => rank(a.key) - rank(b.key));
}

const PRIORITY_NOTE = 'Prioridade atual de cada manifestação. Prioridades legais: pessoa idosa e pessoa idosa com 80 anos ou mais (Lei 10.741/2003), pessoa com deficiência, gestante, lactante, com criança de colo ou obesa (Lei 10.048/2000).';

async function groupTable(context: TableContext, key: GroupKey, id: string, title: string, keyLabel: string, description?: string): Promise<StatsTable> {
  const [summarized, times] = await Promise.all([summarizeBy(context.query, key, context.db), answerTimesBy(context.query, key, context.db)]);
  const groups = key === 'priority' ? inPriorityOrder(summarized) : summarized;
  const rows = groups.map((group) => {
    const narrower = key === 'month' && group.key ? clampToPeriod(context.query.filter, monthPeriod(group.key)) : narrowTo(key, group.key);
    const label = key === 'month' ? formatMonth(group.key ?? '', 'long') : labelOf(context.dimensions, key, group.key);
    return [text(label), ...groupCells(group.totals, times.get(group.key), context, narrower)];
  });
  return { id, title, description, columns: [{ label: keyLabel }, ...GROUP_COLUMNS], rows, chart: { kind: key === 'month' ? 'columns' : 'bars', labelColumn: 0, valueColumn: 1 } };
}

async function shareTable(context: TableContext, key: Exclude<GroupKey, 'month'>, id: string, title: string, keyLabel: string, limit?: number): Promise<StatsTable> {
  const summarized = await summarizeBy(context.query, key, context.db, ['received', 'problems']);
  const groups = key === 'priority' ? inPriorityOrder(summarized) : summarized;
  const total = groups.reduce((sum, g) => sum + g.totals.received, 0);
  const shown = limit ? groups.slice(0, limit) : groups;
  const rows = shown.map((group) => [
    text(labelOf(context.dimensions, key, group.key)),
    count(group.totals.received, context, narrowTo(key, group.key)),
    rate(total ? group.totals.received / total : null),
    { display: formatInteger(group.totals.problems), value: group.totals.problems },
  ]);
  const description = limit && groups.length > limit ? `Os ${limit} com mais manifestações, de ${groups.length}.` : key === 'priority' ? PRIORITY_NOTE : undefined;
  return {
    id,
    title,
    description,
    columns: [{ label: keyLabel }, { label: 'Recebidas', numeric: true }, { label: '% do total', numeric: true }, { label: 'Problemas distintos', numeric: true }],
    rows,
    chart: { kind: 'bars', labelColumn: 0, valueColumn: 1 },
  };
}

export const TABLE_BUILDERS = {
  indicadores: async (context) => {
    const [totals, times] = await Promise.all([summarize(context.query, context.db), answerTimes(context.query, context.db)]);
    const row = (label: string, cell: Cell) => [text(label), cell];
    return {
      highlights: [
        { label: 'Recebidas', cell: count(totals.received, context) },
        { label: 'Respondidas no prazo', cell: rate(totals.onTimeRate) },
        { label: 'Mediana até a resposta', cell: days(times.medianDays) },
        { label: 'Satisfação média (1 a 5)', cell: { display: formatDecimal(totals.ratingAverage) } },
      ],
      id: 'indicadores',
      title: 'Indicadores do período',
      columns: [{ label: 'Indicador' }, { label: 'Valor', numeric: true }],
      rows: [
        row('Manifestações recebidas', count(totals.received, context)),
        row('Problemas distintos (duplicadas contadas uma vez)', { display: formatInteger(totals.problems), value: totals.problems }),
        row('Ainda em aberto', count(totals.open, context, {}, { state: 'abertas' })),
        row('Respondidas (resposta conclusiva)', count(totals.answered, context, {}, { state: 'respondidas' })),
        row('Respondidas no prazo', { display: formatInteger(totals.answeredOnTime), value: totals.answeredOnTime }),
        row('Respondidas com atraso', { display: formatInteger(totals.answeredLate), value: totals.answeredLate }),
        row('Respondidas no prazo (%)', rate(totals.onTimeRate)),
        row('Mediana de dias até a resposta', days(times.medianDays)),
        row('90% respondidas em até', days(times.p90Days)),
        row('Prazos prorrogados', { display: formatInteger(totals.extended), value: totals.extended }),
        row('Com pedido de complementação', { display: formatInteger(totals.infoRequested), value: totals.infoRequested }),
        row('Pedidos de complementação (total)', { display: formatInteger(totals.infoRequests), value: totals.infoRequests }),
        row('Reabertas pelo cidadão', { display: formatInteger(totals.reopened), value: totals.reopened }),
        row('Taxa de reabertura (das respondidas)', rate(totals.reopenRate)),
        row('Pesquisas de satisfação respondidas', { display: formatInteger(totals.rated), value: totals.rated }),
        row('Satisfação média (1 a 5)', { display: formatDecimal(totals.ratingAverage), value: totals.ratingAverage }),
        row('Disseram que o problema foi resolvido (%)', rate(totals.resolvedRate)),
      ],
    };
  },
  volume: async (context) => {
    const points = await volumeOverTime(context.query, context.granularity, context.db);
    const weekly = context.granularity === 'week';
    return {
      id: 'volume',
      title: weekly ? 'Manifestações recebidas por semana' : 'Manifestações recebidas por mês',
      columns: [{ label: weekly ? 'Semana (início)' : 'Mês' }, { label: 'Recebidas', numeric: true }],
      rows: points.map((point) => [
        text(weekly ? formatIsoDate(point.period) : formatMonth(point.period)),
        count(point.received, context, clampToPeriod(context.query.filter, weekly ? weekPeriod(point.period) : monthPeriod(point.period))),
      ]),
      chart: { kind: 'columns', labelColumn: 0, valueColumn: 1 },
    };
  },
  situacao: async (context) => {
    const totals = await summarize(context.query, context.db);
    return {
      id: 'situacao',
      title: 'Situação atual das manifestações recebidas no período',
      columns: [{ label: 'Situação' }, { label: 'Manifestações', numeric: true }, { label: '% do total', numeric: true }],
      rows: DEMAND_STATES.map((state) => [
        text(STATE_LABELS[state]),
        count(totals.byState[state], context, {}, { state }),
        rate(totals.received ? totals.byState[state] / totals.received : null),
      ]),
      chart: { kind: 'bars', labelColumn: 0, valueColumn: 1 },
    };
  },
  prazos: async (context) => {
    const totals = await summarize(context.query, context.db);
    return {
      id: 'prazos',
      title: 'Respostas no prazo e com atraso',
      description: 'Prazo legal de cada manifestação, já contadas a prorrogação e a suspensão enquanto se aguardava o cidadão.',
      columns: [{ label: 'Resposta' }, { label: 'Manifestações', numeric: true }, { label: '% das respondidas', numeric: true }],
      rows: [
        [text('No prazo'), { display: formatInteger(totals.answeredOnTime), value: totals.answeredOnTime }, rate(totals.onTimeRate)],
        [text('Com atraso'), { display: formatInteger(totals.answeredLate), value: totals.answeredLate }, rate(totals.onTimeRate === null ? null : 1 - totals.onTimeRate)],
      ],
      chart: { kind: 'bars', labelColumn: 0, valueColumn: 1 },
    };
  },
  pendentes: async (context) => {
    const rows = await backlogByDepartment(context.query, context.now, context.db);
    const total = totalBacklog(rows);
    const line = (label: string, departmentId: string | null | undefined, backlog: typeof total): Cell[] => {
      const narrower = departmentId === undefined ? {} : { departmentId: departmentId ?? undefined };
      const now = { from: undefined, to: undefined };
      return [
        text(label),
        count(backlog.open, context, { ...narrower, ...now }, { state: 'abertas' }),
        count(backlog.overdue, context, { ...narrower, ...now }, { overdue: true }),
        { display: formatInteger(backlog.dueSoon), value: backlog.dueSoon },
        count(backlog.awaitingCitizen, context, { ...narrower, ...now }, { state: 'awaiting_citizen' }),
      ];
    };
    return {
      highlights: [
        { label: 'Em aberto agora', cell: line('', undefined, total)[1] ?? text('') },
        { label: 'Em atraso agora', cell: line('', undefined, total)[2] ?? text('') },
      ],
      id: 'pendentes',
      title: 'Pendentes agora, por secretaria',
      description: 'Situação de hoje, qualquer que seja o período escolhido. Aguardando o cidadão: prazo suspenso.',
      columns: [
        { label: 'Secretaria' },
        { label: 'Em aberto', numeric: true },
        { label: 'Em atraso', numeric: true },
        { label: 'Vencem em até 5 dias', numeric: true },
        { label: 'Aguardando o cidadão', numeric: true },
      ],
      rows: [...rows.map((row) => line(labelOf(context.dimensions, 'department', row.departmentId), row.departmentId, row)), line('Total', undefined, total)],
      chart: { kind: 'bars', labelColumn: 0, valueColumn: 2 },
    };
  },
  secretarias: (context) => groupTable(context, 'department', 'secretarias', 'Indicadores por secretaria', 'Secretaria'),
  'secretarias-volume': (context) => shareTable(context, 'department', 'secretarias-volume', 'Manifestações por secretaria', 'Secretaria'),
  prioridades: (context) => groupTable(context, 'priority', 'prioridades', 'Indicadores por prioridade', 'Prioridade', PRIORITY_NOTE),
  'prioridades-volume': (context) => shareTable(context, 'priority', 'prioridades-volume', 'Manifestações por prioridade', 'Prioridade'),
  etiquetas: async (context) => {
    const groups = await summarizeByTag(context.query, context.db);
    const scoped = context.query.scope.departmentIds !== 'all';
    return {
      id: 'etiquetas',
      title: 'Indicadores por etiqueta',
      description: `Conta as etiquetas que cada manifestação tem hoje. Uma manifestação com duas etiquetas conta nas duas, e uma sem etiqueta em nenhuma: as linhas não somam o total do período.${scoped ? ' Aparecem as etiquetas gerais e as das suas secretarias.' : ''}`,
      columns: [{ label: 'Etiqueta' }, { label: 'Secretaria da etiqueta' }, ...GROUP_COLUMNS.slice(0, 1), { label: 'Em aberto', numeric: true }, ...GROUP_COLUMNS.slice(1)],
      rows: groups.map((group) => {
        const [received = text(''), ...rest] = groupCells(group.totals, group.times, context, {}, { tagId: group.tagId });
        return [
          text(group.name),
          text(group.departmentId ? labelOf(context.dimensions, 'department', group.departmentId) : 'Todas (etiqueta geral)'),
          received,
          count(group.totals.open, context, {}, { tagId: group.tagId, state: 'abertas' }),
          ...rest,
        ];
      }),
      chart: { kind: 'bars', labelColumn: 0, valueColumn: 2 },
      empty: 'Nenhuma manifestação com etiqueta no período e filtros escolhidos.',
    };
  },
  meses: (context) => groupTable(context, 'month', 'meses', 'Indicadores por mês', 'Mês'),
  tipos: (context) => shareTable(context, 'kind', 'tipos', 'Tipos de manifestação', 'Tipo'),
  canais: (context) => shareTable(context, 'channel', 'canais', 'Canais de entrada', 'Canal'),
  assuntos: (context) => shareTable(context, 'category', 'assuntos', 'Serviços e assuntos mais demandados', 'Serviço ou assunto', 15),
  bairros: (context) => shareTable(context, 'bairro', 'bairros', 'Bairros com mais pedidos', 'Bairro', 15),
  recorrentes: async (context) => {
    const subjects = await recurringSubjects(context.query, 15, context.db);
    return {
      id: 'recorrentes',
      title: 'Assuntos recorrentes (serviço ou assunto no mesmo bairro)',
      description: 'Os pares com mais manifestações e em quantos meses diferentes apareceram.',
      columns: [{ label: 'Serviço ou assunto' }, { label: 'Bairro' }, { label: 'Manifestações', numeric: true }, { label: 'Meses em que apareceu', numeric: true }],
      rows: subjects.map((s) => [
        text(labelOf(context.dimensions, 'category', s.categoryId)),
        text(labelOf(context.dimensions, 'bairro', s.neighbourhoodId)),
        count(s.received, context, { categoryId: s.categoryId ?? undefined, neighbourhoodId: s.neighbourhoodId ?? undefined }),
        { display: formatInteger(s.months), value: s.months },
      ]),
      chart: { kind: 'bars', labelColumn: 0, valueColumn: 2 },
    };
  },
  'ranking-reclamacoes': async (context) => {
    const complaints = { ...context.query, filter: withFilter(context.query.filter, { kind: 'complaint' }) };
    const groups = await summarizeBy(complaints, 'department', context.db, ['received', 'answered', 'answered_on_time']);
    const total = groups.reduce((sum, g) => sum + g.totals.received, 0);
    return {
      id: 'ranking-reclamacoes',
      title: 'Ranking das secretarias por reclamações recebidas',
      description: 'Lei nº 13.460/2017, art. 23, § 2º: secretarias ordenadas pelo número de reclamações.',
      columns: [{ label: 'Posição', numeric: true }, { label: 'Secretaria' }, { label: 'Reclamações', numeric: true }, { label: '% das reclamações', numeric: true }, { label: '% respondidas no prazo', numeric: true }],
      rows: groups.map((group, index) => [
        { display: `${index + 1}º`, value: index + 1 },
        text(labelOf(context.dimensions, 'department', group.key)),
        count(group.totals.received, { ...context, query: complaints }, { departmentId: group.key ?? undefined }),
        rate(total ? group.totals.received / total : null),
        rate(group.totals.onTimeRate),
      ]),
      chart: { kind: 'bars', labelColumn: 1, valueColumn: 2 },
    };
  },
} satisfies Record<string, Builder>;

export type TableId = keyof typeof TABLE_BUILDERS;

export const DASHBOARD_TABLE_IDS: readonly TableId[] = [
  'indicadores',
  'pendentes',
  'volume',
  'situacao',
  'prazos',
  'secretarias',
  'tipos',
  'canais',
  'prioridades',
  'etiquetas',
  'assuntos',
  'bairros',
  'recorrentes',
];

/** The transparency panel's tables: counts per month and per secretaria, never a person; never the staff's etiquetas or priorities. */
export const PUBLIC_TABLE_IDS: readonly TableId[] = ['indicadores', 'meses', 'secretarias', 'ranking-reclamacoes', 'situacao', 'prazos', 'tipos', 'canais', 'assuntos', 'bairros', 'recorrentes'];

export function isTableId(value: string): value is TableId {
  return Object.hasOwn(TABLE_BUILDERS, value);
}

export async function buildTables(ids: readonly TableId[], context: Omit<TableContext, 'dimensions'>): Promise<Record<TableId, StatsTable | undefined>> {
  const dimensions = await loadStatsDimensions();
  const built = await Promise.all(ids.map((id) => TABLE_BUILDERS[id]({ ...context, dimensions })));
  return Object.fromEntries(ids.map((id, index) => [id, built[index]])) as Record<TableId, StatsTable | undefined>;
}

export function tableToCsvRows(table: StatsTable): { header: string[]; rows: (string | number | null)[][] } {
  return {
    header: table.columns.map((c) => c.label),
    rows: table.rows.map((row) => row.map((cell) => (cell.value !== undefined && typeof cell.value === 'number' ? cell.value : cell.display))),
  };
}
