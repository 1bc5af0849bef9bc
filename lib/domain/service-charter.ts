import { foldForSearch, searchTerms } from './search';

/**
 * The Carta de Serviços ao Usuário (Lei 13.460/2017 art. 7): the public description of each service.
 * Pure rules only — vocabulary, the deadline shown, search and the open-data shape.
 */

/** Where a service is attended (art. 7 §2 V: "locais e formas para o usuário apresentar eventual manifestação"). */
export const CHARTER_CHANNELS = ['web', 'whatsapp', 'in_person', 'phone'] as const;
export type CharterChannel = (typeof CHARTER_CHANNELS)[number];

export const CHARTER_CHANNEL_LABELS: Record<CharterChannel, string> = {
  web: 'Pela internet (este site)',
  whatsapp: 'WhatsApp',
  in_person: 'Presencial, no balcão',
  phone: 'Telefone',
};

/** Life events ("eventos da vida"), a fixed list so that browsing by them stays tidy. */
export const LIFE_EVENTS = [
  { slug: 'minha-rua', label: 'Minha rua' },
  { slug: 'meio-ambiente', label: 'Meio ambiente' },
  { slug: 'obras-e-construcao', label: 'Obras e construção' },
  { slug: 'transito-e-transporte', label: 'Trânsito e transporte' },
  { slug: 'saude', label: 'Saúde' },
  { slug: 'animais', label: 'Animais' },
  { slug: 'familia-e-assistencia', label: 'Família e assistência social' },
  { slug: 'vida-no-campo', label: 'Vida no campo' },
  { slug: 'impostos-e-documentos', label: 'Impostos e documentos' },
] as const;
export type LifeEvent = (typeof LIFE_EVENTS)[number]['slug'];
export const LIFE_EVENT_SLUGS = LIFE_EVENTS.map((event) => event.slug) as [LifeEvent, ...LifeEvent[]];

export function lifeEventLabel(slug: string): string | undefined {
  return LIFE_EVENTS.find((event) => event.slug === slug)?.label;
}

/**
 * The priority rule every entry carries unless the admin writes a narrower one: Lei 10.048/2000 art. 1º
 * (and Lei 13.146/2015, Lei 10.741/2003 art. 3º §1º I — Estatuto da Pessoa Idosa, with the over-80s first
 * by Lei 13.466/2017).
 */
export const DEFAULT_PRIORITY_RULES =
  'Atendimento prioritário a pessoas com deficiência, pessoas idosas com 60 anos ou mais (e, entre elas, ' +
  'prioridade especial às maiores de 80 anos), gestantes, lactantes, pessoas com criança de colo e pessoas ' +
  'obesas (Lei nº 10.048/2000, art. 1º; Lei nº 10.741/2003, art. 3º, §§ 1º e 2º).';

/** The fields of one entry that the admin writes (the rest comes from its Balcão service, if any). */
export type CharterContent = {
  summary: string;
  audience: string;
  requirements: string[];
  documents: string[];
  steps: string[];
  channels: CharterChannel[];
  priorityRules: string;
  expectedWait: string;
  fees: string;
  location: string;
  hours: string;
  lifeEvents: LifeEvent[];
};

/** One entry as the public reads it: the Balcão service's name, secretaria and deadline win over nothing. */
export type CharterEntry = CharterContent & {
  id: string;
  slug: string;
  name: string;
  departmentId: string;
  departmentName: string;
  /** The Balcão service's slug when it can be asked for online. */
  balcaoSlug: string | null;
  deadlineDays: number | null;
  deadlineText: string | null;
  updatedAt: Date;
};

/**
 * The deadline as the Carta states it. For a Balcão service it is the service's own deadline (one source
 * of truth: the number that also sets each request's due date); otherwise the admin's text.
 */
export function charterDeadlineLabel(entry: Pick<CharterEntry, 'deadlineDays' | 'deadlineText'>): string {
  if (entry.deadlineDays !== null) return entry.deadlineDays === 1 ? 'Até 1 dia corrido' : `Até ${entry.deadlineDays} dias corridos`;
  return entry.deadlineText?.trim() || 'Informado no atendimento';
}

/** A text box with one item per line, as a list: blank lines and surrounding spaces dropped. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

export type CharterSearch = { query?: string; departmentId?: string; lifeEvent?: string };

/**
 * Every word of the query must appear somewhere in the entry (name, what it is, who may ask, requirements,
 * documents, steps, secretaria), accents and case aside; secretaria and life event narrow it further.
 */
export function matchesCharterSearch(entry: CharterEntry, search: CharterSearch): boolean {
  if (search.departmentId && entry.departmentId !== search.departmentId) return false;
  if (search.lifeEvent && !(entry.lifeEvents as string[]).includes(search.lifeEvent)) return false;
  const terms = searchTerms(search.query ?? '');
  if (terms.length === 0) return true;
  const haystack = foldForSearch(
    [entry.name, entry.summary, entry.audience, ...entry.requirements, ...entry.documents, ...entry.steps, entry.departmentName].join(' '),
  );
  return terms.every((term) => haystack.includes(term));
}

/** The open-data record of an entry: the same fields as the page, plain values, dates in ISO 8601. */
export type CharterOpenRecord = {
  slug: string;
  nome: string;
  descricao: string;
  quem_pode_pedir: string;
  requisitos: string[];
  documentos: string[];
  etapas: string[];
  prazo: string;
  prazo_dias: number | null;
  formas_de_atendimento: string[];
  prioridade: string;
  tempo_de_espera: string;
  taxas: string;
  local: string;
  horario: string;
  secretaria: string;
  eventos_da_vida: string[];
  pedido_online: string | null;
  pagina: string;
  como_reclamar: string;
  atualizada_em: string;
};

export function charterOpenRecord(entry: CharterEntry, urls: { page: string; balcaoForm: string | null; complaint: string }): CharterOpenRecord {
  return {
    slug: entry.slug,
    nome: entry.name,
    descricao: entry.summary,
    quem_pode_pedir: entry.audience,
    requisitos: entry.requirements,
    documentos: entry.documents,
    etapas: entry.steps,
    prazo: charterDeadlineLabel(entry),
    prazo_dias: entry.deadlineDays,
    formas_de_atendimento: entry.channels.map((channel) => CHARTER_CHANNEL_LABELS[channel]),
    prioridade: entry.priorityRules,
    tempo_de_espera: entry.expectedWait,
    taxas: entry.fees,
    local: entry.location,
    horario: entry.hours,
    secretaria: entry.departmentName,
    eventos_da_vida: entry.lifeEvents.map((slug) => lifeEventLabel(slug) ?? slug),
    pedido_online: urls.balcaoForm,
    pagina: urls.page,
    como_reclamar: urls.complaint,
    atualizada_em: entry.updatedAt.toISOString(),
  };
}

export const CHARTER_CSV_HEADER = [
  'slug',
  'nome',
  'descricao',
  'quem_pode_pedir',
  'requisitos',
  'documentos',
  'etapas',
  'prazo',
  'prazo_dias',
  'formas_de_atendimento',
  'prioridade',
  'tempo_de_espera',
  'taxas',
  'local',
  'horario',
  'secretaria',
  'eventos_da_vida',
  'pedido_online',
  'pagina',
  'como_reclamar',
  'atualizada_em',
] as const satisfies readonly (keyof CharterOpenRecord)[];

/** A CSV row of the record: lists joined with " | ", which no item of a list contains (one per line). */
export function charterCsvRow(record: CharterOpenRecord): (string | number | null)[] {
  return CHARTER_CSV_HEADER.map((key) => {
    const value = record[key];
    return Array.isArray(value) ? value.join(' | ') : value;
  });
}

/** Labels of the content fields, for the change history ("what changed") and the admin form. */
export const CHARTER_FIELD_LABELS = {
  name: 'Nome',
  departmentId: 'Secretaria responsável',
  deadlineText: 'Prazo',
  summary: 'O que é',
  audience: 'Quem pode pedir',
  requirements: 'Requisitos',
  documents: 'Documentos',
  steps: 'Etapas',
  channels: 'Formas de atendimento',
  priorityRules: 'Prioridade',
  expectedWait: 'Tempo de espera',
  fees: 'Taxas',
  location: 'Local',
  hours: 'Horário',
  lifeEvents: 'Eventos da vida',
  published: 'Publicação',
} as const;
export type CharterField = keyof typeof CHARTER_FIELD_LABELS;

/** Which fields differ between two versions, in the form's order, for the history's "what". */
export function changedCharterFields(before: Partial<Record<CharterField, unknown>>, after: Partial<Record<CharterField, unknown>>): CharterField[] {
  return (Object.keys(CHARTER_FIELD_LABELS) as CharterField[]).filter(
    (field) => field in after && JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null),
  );
}

/** One history row as the pages say it: the fields changed, then the admin's note. */
export function charterChangeText(change: { fields: readonly CharterField[]; note: string }): string {
  const fields = change.fields.map((field) => CHARTER_FIELD_LABELS[field]).join(', ');
  return [fields, change.note].filter(Boolean).join(' — ') || 'Revisão sem mudança de conteúdo';
}
