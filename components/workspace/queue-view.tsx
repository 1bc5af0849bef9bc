import Link from 'next/link';
import type { QueueRow } from '@/lib/db/queries/demand-queues';
import { CHANNEL_LABELS, KIND_LABELS, SERVICE_LABELS, STATE_LABELS } from '@/lib/domain/labels';
import { QUEUE_LABELS, SORT_LABELS, SORTS, STATE_GROUP_LABELS, STATE_GROUPS, type Queue, type StateGroup } from '@/lib/domain/queues';
import { CHANNELS, DEMAND_KINDS, DEMAND_STATES, SERVICES } from '@/lib/domain/vocabulary';
import { DeadlineBadge } from './deadline-badge';
import { PriorityBadge, TagChips } from './organisation-chips';
import { PRIORITY_LABELS } from '@/lib/domain/priorities';
import { DEMAND_PRIORITIES } from '@/lib/domain/vocabulary';
import { EXAMPLE_PROTOCOL } from '@/lib/domain/protocol';
import { RowCheckbox } from './row-checkbox';

/** The queue page's pieces: queue tabs with counts, the filter form (GET), the table and the pages. */

export type QueryString = Record<string, string | undefined>;

export function hrefWith(base: QueryString, changes: QueryString, path = '/painel'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...base, ...changes })) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

export function QueueTabs({ queues, current, counts, hrefOf }: { queues: Queue[]; current: Queue; counts: Partial<Record<Queue, number>>; hrefOf: (queue: Queue) => string }) {
  return (
    <nav aria-label="Filas">
      <ul className="flex flex-wrap gap-2">
        {queues.map((queue) => {
          const count = counts[queue];
          const active = queue === current;
          return (
            <li key={queue}>
              <Link
                href={hrefOf(queue)}
                aria-current={active ? 'page' : undefined}
                className={`inline-block rounded border px-3 py-2 ${active ? 'border-brand bg-brand font-semibold text-white' : 'border-slate-400 text-slate-900 hover:bg-slate-100'}`}
              >
                {QUEUE_LABELS[queue]}
                {count !== undefined && <span className="ml-2 rounded-full bg-white px-2 text-sm font-semibold text-slate-900">{count.toLocaleString('pt-BR')}</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

type Choice = { value: string; label: string };

export function QueueFilters({
  values,
  queueSlug,
  categories,
  departments,
  neighbourhoods,
  tags = [],
  action = '/painel',
  collapsed = false,
}: {
  values: QueryString;
  queueSlug: string;
  categories: Choice[];
  departments: Choice[];
  neighbourhoods: Choice[];
  tags?: Choice[];
  /** The list (/painel) or the map (/painel/mapa) of the same queue. */
  action?: string;
  /** Beside an open demand the filters fold under their title (a <details>, no JavaScript needed). */
  collapsed?: boolean;
}) {
  const field = 'mt-1 block w-full rounded border border-slate-500 bg-white px-2 py-1.5';
  const select = (name: string, label: string, choices: Choice[]) => (
    <div>
      <label htmlFor={`filtro-${name}`} className="block text-sm font-semibold">
        {label}
      </label>
      <select id={`filtro-${name}`} name={name} defaultValue={values[name] ?? ''} className={field}>
        <option value="">Todos</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
  const form = (
    <form method="get" action={action} className={collapsed ? 'pt-3' : 'rounded border border-slate-300 p-4'} aria-labelledby="filtros-titulo">
      <h2 id="filtros-titulo" className={collapsed ? 'sr-only' : 'mb-3 text-lg font-bold'}>
        Filtros
      </h2>
      <input type="hidden" name="fila" value={queueSlug} />
      <div className={`grid gap-3 sm:grid-cols-2 ${collapsed ? '' : 'lg:grid-cols-4'}`}>
        <div>
          <label htmlFor="filtro-protocolo" className="block text-sm font-semibold">
            Protocolo
          </label>
          <input id="filtro-protocolo" name="protocolo" defaultValue={values.protocolo ?? ''} inputMode="numeric" placeholder={EXAMPLE_PROTOCOL} className={field} />
        </div>
        <div>
          <label htmlFor="busca" className="block text-sm font-semibold">
            Palavras no assunto ou na descrição
          </label>
          <input id="busca" name="texto" type="search" defaultValue={values.texto ?? ''} className={field} />
        </div>
        {select('servico', 'Serviço', SERVICES.map((s) => ({ value: s, label: SERVICE_LABELS[s] })))}
        {select('tipo', 'Tipo', DEMAND_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] })))}
        {select('assunto', 'Assunto / serviço do catálogo', categories)}
        {select('situacao', 'Situação', [
          ...(Object.keys(STATE_GROUPS) as StateGroup[]).map((g) => ({ value: g, label: STATE_GROUP_LABELS[g] })),
          ...DEMAND_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] })),
        ])}
        {select('secretaria', 'Secretaria', departments)}
        {select('canal', 'Canal', CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })))}
        {select('bairro', 'Bairro', neighbourhoods)}
        {select('etiqueta', 'Etiqueta', tags)}
        {select('prioridade', 'Prioridade', DEMAND_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] })))}
        <div>
          <label htmlFor="filtro-de" className="block text-sm font-semibold">
            Registrada de
          </label>
          <input id="filtro-de" name="de" type="date" defaultValue={values.de ?? ''} className={field} />
        </div>
        <div>
          <label htmlFor="filtro-ate" className="block text-sm font-semibold">
            até
          </label>
          <input id="filtro-ate" name="ate" type="date" defaultValue={values.ate ?? ''} className={field} />
        </div>
        <div>
          <label htmlFor="filtro-ordem" className="block text-sm font-semibold">
            Ordem
          </label>
          <select id="filtro-ordem" name="ordem" defaultValue={values.ordem ?? ''} className={field}>
            <option value="">Padrão da fila</option>
            {SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
          Filtrar
        </button>
        <Link href={hrefWith({}, { fila: queueSlug }, action)} className="text-brand underline">
          Limpar filtros
        </Link>
      </div>
    </form>
  );
  if (!collapsed) return form;
  const filtered = Object.entries(values).some(([key, value]) => value && !['fila', 'ordem', 'pagina'].includes(key));
  return (
    <details open={filtered || undefined} className="rounded border border-slate-300 p-3">
      <summary className="cursor-pointer font-semibold text-brand">Filtros e busca</summary>
      {form}
    </details>
  );
}

/**
 * The queue's rows. `hrefOf` is where a row opens (beside the list, or the demand's page); `openProtocol`
 * marks the row whose demand is open beside it. `compact` keeps the columns that fit beside an open
 * demand; below 1024 px the channel column gives way so the table fits a tablet. Rows carry
 * data-queue-row and their link data-row-link: the keyboard shortcuts move through them.
 */
export function QueueTable({
  rows,
  now,
  caption,
  hrefOf = (row) => `/painel/demandas/${row.protocol}`,
  openProtocol,
  compact = false,
  selectable,
}: {
  rows: QueueRow[];
  now: Date;
  caption: string;
  hrefOf?: (row: QueueRow) => string;
  openProtocol?: string;
  compact?: boolean;
  /** Inside the bulk form: a box per row (`allChecked`: "Selecionar todas desta página" was chosen). */
  selectable?: { allChecked: boolean };
}) {
  if (!rows.length) return <p className="rounded border border-slate-300 p-4">Nenhuma manifestação nesta fila com estes filtros.</p>;
  const cell = compact ? 'px-2 py-1.5' : 'p-2';
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left" data-queue-table>
        <caption className="mb-2 text-left font-semibold">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-slate-400">
            {selectable && (
              <th scope="col" className={cell}>
                <span className="sr-only">Selecionar</span>
              </th>
            )}
            <th scope="col" className={cell}>Protocolo</th>
            <th scope="col" className={cell}>Assunto</th>
            {!compact && <th scope="col" className={cell}>Situação</th>}
            <th scope="col" className={cell}>Prazo</th>
            {!compact && <th scope="col" className={cell}>Secretaria</th>}
            {!compact && <th scope="col" className={`${cell} max-lg:hidden`}>Canal e bairro</th>}
            {!compact && <th scope="col" className={`${cell} whitespace-nowrap`}>Com quem</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const open = row.protocol === openProtocol;
            return (
              <tr
                key={row.id}
                data-queue-row
                className={`border-b border-slate-300 align-top data-[selected]:bg-sky-50 data-[selected]:outline-2 data-[selected]:outline-brand ${open ? 'bg-slate-100' : ''}`}
              >
                {selectable && (
                  <td className={cell}>
                    <RowCheckbox demandId={row.id} protocol={row.protocol} checked={selectable.allChecked} />
                  </td>
                )}
                <td className={`${cell} whitespace-nowrap`}>
                  <Link href={hrefOf(row)} data-row-link aria-current={open ? 'true' : undefined} className="font-semibold text-brand underline">
                    {row.protocol}
                  </Link>
                </td>
                <td className={cell}>
                  {row.subject}
                  <span className="block text-sm text-slate-700">
                    {compact ? STATE_LABELS[row.state] : `${SERVICE_LABELS[row.service]} · ${KIND_LABELS[row.kind]}`}
                    {!compact && row.categoryName && row.categoryName !== row.subject ? ` · ${row.categoryName}` : ''}
                  </span>
                  {row.duplicateCount > 0 && (
                    <span className="mt-1 block text-sm font-semibold text-slate-900">
                      {row.duplicateCount === 1 ? '+1 vinculada (mesmo problema)' : `+${row.duplicateCount} vinculadas (mesmo problema)`}
                    </span>
                  )}
                  {row.isDuplicate && <span className="mt-1 block text-sm text-slate-700">Duplicada: segue a principal</span>}
                  {(row.priority !== 'normal' || row.tagNames.length > 0) && (
                    <span className="mt-1 flex flex-wrap items-center gap-1">
                      <PriorityBadge priority={row.priority} />
                      <TagChips names={row.tagNames} />
                    </span>
                  )}
                </td>
                {!compact && <td className={cell}>{STATE_LABELS[row.state]}</td>}
                <td className={cell}>
                  <DeadlineBadge dueOn={row.dueOn} state={row.state} suspendedAt={null} now={now} compact />
                </td>
                {!compact && <td className={cell}>{row.departmentName ?? '—'}</td>}
                {!compact && (
                  <td className={`${cell} max-lg:hidden`}>
                    {CHANNEL_LABELS[row.channel]}
                    {row.neighbourhoodName && <span className="block text-sm text-slate-700">{row.neighbourhoodName}</span>}
                  </td>
                )}
                {!compact && <td className={cell}>{row.assigneeName ?? '—'}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function Pagination({ page, hasNextPage, hrefOf }: { page: number; hasNextPage: boolean; hrefOf: (page: number) => string }) {
  if (page === 1 && !hasNextPage) return null;
  return (
    <nav aria-label="Páginas" className="flex items-center gap-4">
      {page > 1 && (
        <Link href={hrefOf(page - 1)} className="text-brand underline" rel="prev">
          ← Página anterior
        </Link>
      )}
      <span>Página {page}</span>
      {hasNextPage && (
        <Link href={hrefOf(page + 1)} className="text-brand underline" rel="next">
          Próxima página →
        </Link>
      )}
    </nav>
  );
}
