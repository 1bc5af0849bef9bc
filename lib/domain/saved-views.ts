import { z } from 'zod';
import { lineText } from './plain-text';
import { QUEUE_SLUGS, queueFromSlug, QueueSearchSchema } from './queues';
import type { Role } from './vocabulary';

/**
 * A saved view is the queue page's query string under a name. What it keeps: the queue, the filters and
 * the order — never the page or the demand opened beside the list.
 */
const VIEW_PARAMETERS = ['fila', 'protocolo', 'texto', 'servico', 'tipo', 'assunto', 'situacao', 'secretaria', 'canal', 'bairro', 'de', 'ate', 'ordem'] as const;

/**
 * The query string a view keeps, from what the queue page was given: unknown or invalid parameters are
 * dropped, and the queue is one the role has (the queue page would fall back to the first one anyway).
 */
export function viewQuery(raw: Record<string, string | string[] | undefined>, role: Role): string {
  const search = QueueSearchSchema.parse(raw);
  const params = new URLSearchParams();
  params.set('fila', QUEUE_SLUGS[queueFromSlug(search.fila, role)]);
  for (const name of VIEW_PARAMETERS) {
    const value = search[name];
    if (name !== 'fila' && value !== undefined) params.set(name, String(value));
  }
  return params.toString();
}

export const SaveViewSchema = z.object({
  name: lineText({ error: 'Dê um nome à visão.' }).min(2, { error: 'Dê um nome à visão (pelo menos 2 caracteres).' }).max(80, { error: 'O nome pode ter até 80 caracteres.' }),
  /** The queue page's query string, as the form carries it. */
  query: z.string().max(2000),
  share: z.preprocess((value) => value === 'on' || value === 'true', z.boolean()),
  /** Which of the person's secretarias, when they belong to several. */
  departmentId: z.preprocess((value) => (value === '' ? undefined : value), z.uuid({ error: 'Escolha uma das suas secretarias.' }).optional()),
});

export const DeleteViewSchema = z.object({ viewId: z.uuid({ error: 'Visão inválida.' }) });

/** The queue page's query string as a record, for viewQuery. */
export function queryRecord(query: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(query));
}
