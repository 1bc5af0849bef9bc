import { z } from 'zod';
import { lineText } from './plain-text';
import { CHANNELS, DEMAND_KINDS, DEMAND_PRIORITIES, DEMAND_STATES, SERVICES, type DemandState, type Role } from './vocabulary';

/**
 * The workspace's queues and filters. Which demands a queue holds is `lib/db/queries/demand-queues.ts`;
 * which queues a role has is here, with the names the page shows.
 */

export const QUEUES = ['triage', 'department', 'mine', 'awaiting', 'due_soon', 'overdue', 'all'] as const;
export type Queue = (typeof QUEUES)[number];

export const QUEUE_LABELS: Record<Queue, string> = {
  triage: 'Novas para triagem',
  department: 'Da minha secretaria',
  mine: 'Atribuídas a mim',
  awaiting: 'Aguardando o cidadão',
  due_soon: 'Vencem em 5 dias',
  overdue: 'Atrasadas',
  all: 'Todas',
};

/** In the URL (`?fila=`), in Portuguese. */
export const QUEUE_SLUGS: Record<Queue, string> = {
  triage: 'triagem',
  department: 'secretaria',
  mine: 'minhas',
  awaiting: 'aguardando',
  due_soon: 'vencendo',
  overdue: 'atrasadas',
  all: 'todas',
};

export function queuesFor(role: Role): Queue[] {
  switch (role) {
    case 'ombudsman':
    case 'attendant':
      return ['triage', 'mine', 'awaiting', 'due_soon', 'overdue', 'all'];
    case 'department':
    case 'internal_control':
      return ['department', 'mine', 'awaiting', 'due_soon', 'overdue', 'all'];
    case 'manager':
      return ['awaiting', 'due_soon', 'overdue', 'all'];
    // Its own queue is the appeals (/painel/recursos); "all" lists the information requests it may read.
    case 'appeal_authority':
      return ['all'];
    case 'admin':
    case 'citizen':
      return [];
  }
}

export const SORTS = ['deadline', 'risk', 'newest', 'oldest'] as const;
export type Sort = (typeof SORTS)[number];
/** `risk`: overdue first (the latest first), then the least share of the term left; paused after running. */
export const SORT_LABELS: Record<Sort, string> = {
  deadline: 'Prazo (mais urgente primeiro)',
  risk: 'Risco de prazo',
  newest: 'Mais recentes',
  oldest: 'Mais antigas',
};

export const PAGE_SIZE = 25;

/**
 * Situations the filter takes together under one value (`?situacao=abertas`): what the statistics count as
 * "em aberto" and as "respondidas", so that the queue behind such a number lists exactly those demands.
 */
export const STATE_GROUPS = {
  abertas: ['received', 'forwarded', 'in_progress', 'awaiting_citizen'],
  respondidas: ['answered', 'closed'],
} as const satisfies Record<string, readonly DemandState[]>;
export type StateGroup = keyof typeof STATE_GROUPS;
export const STATE_GROUP_LABELS: Record<StateGroup, string> = {
  abertas: 'Em aberto (qualquer situação)',
  respondidas: 'Respondidas ou encerradas',
};
/** A value of the queue's situation filter: one situation, or a group of them. */
export type StateFilter = DemandState | StateGroup;
const STATE_FILTERS = ['abertas', 'respondidas', ...DEMAND_STATES] as const satisfies readonly StateFilter[];

export function statesOf(filter: StateFilter): readonly DemandState[] {
  return filter in STATE_GROUPS ? STATE_GROUPS[filter as StateGroup] : [filter as DemandState];
}

/** A value that is not a valid choice is dropped, as if the filter were empty: URLs are edited by hand. */
const loose = <T extends z.ZodType>(schema: T) =>
  z
    .unknown()
    .transform((value) => {
      const single = Array.isArray(value) ? value[0] : value;
      if (single === '' || single === undefined) return undefined;
      const parsed = schema.safeParse(typeof single === 'string' ? single.trim() : single);
      return parsed.success ? (parsed.data as z.output<T>) : undefined;
    })
    .optional();

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)));

/** The queue page's query string (GET form), in Portuguese names. */
export const QueueSearchSchema = z.object({
  fila: loose(z.enum(Object.values(QUEUE_SLUGS) as [string, ...string[]])),
  protocolo: loose(lineText().max(30)),
  texto: loose(lineText().max(200)),
  servico: loose(z.enum(SERVICES)),
  tipo: loose(z.enum(DEMAND_KINDS)),
  assunto: loose(z.uuid()),
  situacao: loose(z.enum(STATE_FILTERS)),
  secretaria: loose(z.uuid()),
  canal: loose(z.enum(CHANNELS)),
  bairro: loose(z.uuid()),
  de: loose(isoDate),
  ate: loose(isoDate),
  etiqueta: loose(z.uuid()),
  prioridade: loose(z.enum(DEMAND_PRIORITIES)),
  ordem: loose(z.enum(SORTS)),
  // The demand opened beside the queue (split view on wide screens).
  demanda: loose(lineText().max(30)),
  // The saved view the queue was opened from (the navigation marks it), and "every row of this page ticked".
  visao: loose(z.uuid()),
  selecao: loose(z.literal('pagina')),
  pagina: loose(z.coerce.number().int().min(1).max(10_000)),
});
export type QueueSearch = z.output<typeof QueueSearchSchema>;

/**
 * Where an action taken on a demand opened beside the queue goes back to: the same queue, filters, order
 * and page, with the demand still open and the confirmation key. Only the queue's own parameters survive
 * the round trip (a posted value is never a free redirect).
 */
export function splitViewPath(queueQuery: string, protocol: string, done: string): string {
  const parsed = QueueSearchSchema.safeParse(Object.fromEntries(new URLSearchParams(queueQuery)));
  const params = new URLSearchParams();
  if (parsed.success) {
    for (const [key, value] of Object.entries(parsed.data)) if (value !== undefined && key !== 'demanda') params.set(key, String(value));
  }
  params.set('demanda', protocol);
  params.set('feito', done);
  return `/painel?${params}`;
}

export type DemandFilters = {
  protocol?: string;
  text?: string;
  service?: (typeof SERVICES)[number];
  kind?: (typeof DEMAND_KINDS)[number];
  categoryId?: string;
  /** One situation or several (a group of the filter); empty or absent: any. */
  states?: readonly DemandState[];
  departmentId?: string;
  channel?: (typeof CHANNELS)[number];
  neighbourhoodId?: string;
  createdFrom?: string;
  createdTo?: string;
  tagId?: string;
  priority?: (typeof DEMAND_PRIORITIES)[number];
};

export function queueFromSlug(slug: string | undefined, role: Role): Queue {
  const available = queuesFor(role);
  const queue = (Object.keys(QUEUE_SLUGS) as Queue[]).find((q) => QUEUE_SLUGS[q] === slug);
  return queue && available.includes(queue) ? queue : (available[0] ?? 'all');
}

export function filtersFromSearch(search: QueueSearch): DemandFilters {
  return {
    protocol: search.protocolo,
    text: search.texto,
    service: search.servico,
    kind: search.tipo,
    categoryId: search.assunto,
    states: search.situacao ? statesOf(search.situacao) : undefined,
    departmentId: search.secretaria,
    channel: search.canal,
    neighbourhoodId: search.bairro,
    createdFrom: search.de,
    createdTo: search.ate,
    tagId: search.etiqueta,
    priority: search.prioridade,
  };
}
