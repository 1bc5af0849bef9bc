import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { getReadDb } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/migrate';
import { CHANNELS, DEMAND_KINDS, DEMAND_STATES, SERVICES } from '@/lib/domain/vocabulary';
import { CHANNEL_LABELS, KIND_LABELS, SERVICE_LABELS, STATE_LABELS } from '@/lib/domain/labels';
import { CSV_BOM, csvLine } from './csv';
import { EXAMPLE_PROTOCOL } from '@/lib/domain/protocol';

/**
 * Open data: one row per demand with nothing that identifies a person. The query below names every
 * column it reads, and none of them is the requester's name, e-mail, phone, CPF or address, nor any text
 * a person wrote (subject, description, messages, rating comments): an Ouvidoria subject is typed by the
 * citizen, so the catalogue's subject name stands in for it. Dates are calendar dates, not instants.
 */

export type OpenDataRow = {
  protocolo: string;
  servico: string;
  tipo: string;
  assunto: string | null;
  secretaria: string | null;
  bairro: string | null;
  canal: string;
  recebida_em: string;
  prazo: string;
  respondida_em: string | null;
  concluida_em: string | null;
  situacao: string;
  dias_ate_resposta: number | null;
  respondida_no_prazo: boolean | null;
  prazo_prorrogado: boolean;
  reaberta: boolean;
  duplicada_de: string | null;
};

const codes = (values: readonly string[], labels: Record<string, string>) => values.map((v) => `${v} (${labels[v]})`).join(', ');

/** The column dictionary published beside the files. */
export const OPEN_DATA_COLUMNS: { name: keyof OpenDataRow; type: string; description: string }[] = [
  { name: 'protocolo', type: 'texto', description: `Número de protocolo: ano, sequência do ano e dígito verificador (ex.: ${EXAMPLE_PROTOCOL}).` },
  { name: 'servico', type: 'código', description: `Serviço que recebeu a manifestação: ${codes(SERVICES, SERVICE_LABELS)}.` },
  { name: 'tipo', type: 'código', description: `Tipo de manifestação: ${codes(DEMAND_KINDS, KIND_LABELS)}.` },
  { name: 'assunto', type: 'texto', description: 'Serviço do catálogo (Balcão) ou assunto (Ouvidoria), pelo nome do catálogo da Prefeitura.' },
  { name: 'secretaria', type: 'texto', description: 'Secretaria ou unidade responsável hoje. Vazio enquanto a manifestação está na triagem.' },
  { name: 'bairro', type: 'texto', description: 'Bairro informado nos pedidos do Balcão. Vazio nas manifestações da Ouvidoria.' },
  { name: 'canal', type: 'código', description: `Canal de entrada: ${codes(CHANNELS, CHANNEL_LABELS)}.` },
  { name: 'recebida_em', type: 'data (AAAA-MM-DD)', description: 'Data de recebimento, no horário de Brasília.' },
  { name: 'prazo', type: 'data (AAAA-MM-DD)', description: 'Último dia do prazo legal, já contadas a prorrogação e a suspensão durante pedido de complementação.' },
  { name: 'respondida_em', type: 'data (AAAA-MM-DD)', description: 'Data da resposta conclusiva. Vazio se ainda não respondida.' },
  { name: 'concluida_em', type: 'data (AAAA-MM-DD)', description: 'Data de conclusão ou de arquivamento. Vazio se ainda em andamento.' },
  { name: 'situacao', type: 'código', description: `Situação atual: ${codes(DEMAND_STATES, STATE_LABELS)}.` },
  { name: 'dias_ate_resposta', type: 'inteiro', description: 'Dias corridos entre o recebimento e a resposta conclusiva. Vazio se ainda não respondida.' },
  { name: 'respondida_no_prazo', type: 'verdadeiro/falso', description: 'Se a resposta conclusiva saiu até o último dia do prazo. Vazio se ainda não respondida.' },
  { name: 'prazo_prorrogado', type: 'verdadeiro/falso', description: 'Se o prazo foi prorrogado uma vez, com justificativa (Lei nº 13.460/2017, art. 16).' },
  { name: 'reaberta', type: 'verdadeiro/falso', description: 'Se o cidadão reabriu a manifestação depois da resposta.' },
  {
    name: 'duplicada_de',
    type: 'texto',
    description:
      'Protocolo da manifestação principal quando esta foi ligada a ela como o mesmo problema. Vazio nas demais: contar as linhas com este campo vazio dá o número de problemas distintos.',
  },
];

export type OpenDataCursor = { year: number; sequence: number };

/** One page in protocol order, after `after` (keyset pagination over the protocol's unique index). */
export async function openDataPage(
  options: { after?: OpenDataCursor; limit: number; year?: number },
  db?: Database,
): Promise<{ rows: OpenDataRow[]; next?: OpenDataCursor }> {
  const executor = db ?? (await getReadDb());
  const after = options.after ?? { year: 0, sequence: 0 };
  const yearCondition = options.year ? sql`and d.protocol_year = ${options.year}` : sql``;
  const result = await executor.execute(sql`
    select d.protocol as protocolo, d.service::text as servico, d.kind::text as tipo, c.name as assunto, dep.name as secretaria,
      n.name as bairro, d.channel::text as canal, f.received_on::text as recebida_em, d.due_on::text as prazo,
      f.answered_on::text as respondida_em, (d.closed_at at time zone 'America/Sao_Paulo')::date::text as concluida_em,
      d.state::text as situacao, f.days_to_answer as dias_ate_resposta,
      case when f.answered_on is null then null else f.answered_on <= f.due_on end as respondida_no_prazo,
      d.extension_used as prazo_prorrogado, d.reopen_count > 0 as reaberta, main.protocol as duplicada_de,
      d.protocol_year as cursor_year, d.protocol_sequence as cursor_sequence
    from demands d
    join demand_facts f on f.demand_id = d.id
    left join categories c on c.id = d.category_id
    left join departments dep on dep.id = d.department_id
    left join neighbourhoods n on n.id = d.neighbourhood_id
    left join demands main on main.id = d.duplicate_of_id
    where (d.protocol_year, d.protocol_sequence) > (${after.year}, ${after.sequence}) ${yearCondition}
    order by d.protocol_year, d.protocol_sequence
    limit ${options.limit}`);
  const raw = rowsOf<OpenDataRow & { cursor_year: number; cursor_sequence: number }>(result);
  const last = raw.at(-1);
  const rows = raw.map(({ cursor_year: _year, cursor_sequence: _sequence, ...row }) => ({
    ...row,
    dias_ate_resposta: row.dias_ate_resposta === null ? null : Number(row.dias_ate_resposta),
  }));
  return { rows, next: last && raw.length === options.limit ? { year: Number(last.cursor_year), sequence: Number(last.cursor_sequence) } : undefined };
}

const PAGE_SIZE = 5000;

/**
 * The whole file, page by page as the client reads it: memory stays at one page whatever the number of
 * demands, and a slow download holds no transaction open.
 */
export function openDataStream(format: 'csv' | 'json', options: { year?: number } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: OpenDataCursor | undefined;
  let started = false;
  let finished = false;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(format === 'csv' ? CSV_BOM + csvLine(OPEN_DATA_COLUMNS.map((c) => c.name)) : '['));
        return;
      }
      if (finished) {
        controller.close();
        return;
      }
      const page = await openDataPage({ after: cursor, limit: PAGE_SIZE, year: options.year });
      let chunk = '';
      for (const row of page.rows) {
        if (format === 'csv') {
          chunk += csvLine(OPEN_DATA_COLUMNS.map((c) => csvValue(row[c.name])));
        } else {
          chunk += `${first ? '\n' : ',\n'}${JSON.stringify(row)}`;
          first = false;
        }
      }
      cursor = page.next;
      if (!cursor) {
        finished = true;
        if (format === 'json') chunk += '\n]\n';
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
    },
  });
}

function csvValue(value: string | number | boolean | null): string | number | null {
  if (typeof value === 'boolean') return value ? 'sim' : 'não';
  return value;
}
