import { z } from 'zod';

/**
 * Bulk actions on the rows chosen in a queue: every demand gets the single action's checks and its own
 * event (lib/demands/bulk.ts), all in one transaction. `duplicate` marks the chosen demands as duplicates
 * of one main demand — the protocol typed, or else the one filed first among those chosen — so that the
 * main one's final answer answers them all (lib/demands/duplicates.ts).
 */

/** One page of a queue at most (PAGE_SIZE is 25): a bulk action never reaches past what is on screen. */
export const BULK_LIMIT = 50;

export const BULK_OPERATIONS = ['assign', 'forward', 'tag', 'duplicate'] as const;
export type BulkOperation = (typeof BULK_OPERATIONS)[number];

const chosenDemands = z.preprocess(
  (value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value.filter((v) => v !== '') : [value]),
  z
    .array(z.uuid({ error: 'Manifestação inválida.' }))
    .min(1, { error: 'Selecione ao menos uma manifestação na tabela.' })
    .max(BULK_LIMIT, { error: `Selecione no máximo ${BULK_LIMIT} manifestações.` }),
);

const optionalUuid = (message: string) => z.preprocess((value) => (value === '' ? undefined : value), z.uuid({ error: message }).optional());

export const BulkActionSchema = z
  .object({
    demandIds: chosenDemands,
    operation: z.enum(BULK_OPERATIONS, { error: 'Escolha o que fazer com as manifestações selecionadas.' }),
    assigneeId: optionalUuid('Escolha uma pessoa da lista.'),
    departmentId: optionalUuid('Escolha uma secretaria da lista.'),
    tagId: optionalUuid('Escolha uma etiqueta da lista.'),
    mainProtocol: z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), z.string().trim().max(40, { error: 'Protocolo inválido.' }).optional()),
    note: z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), z.string().trim().max(4000, { error: 'A nota pode ter até 4.000 caracteres.' }).optional()),
  })
  .superRefine((input, context) => {
    if (input.operation === 'assign' && !input.assigneeId) context.addIssue({ code: 'custom', path: ['assigneeId'], message: 'Escolha a pessoa a quem atribuir.' });
    if (input.operation === 'forward' && !input.departmentId) context.addIssue({ code: 'custom', path: ['departmentId'], message: 'Escolha a secretaria para onde encaminhar.' });
    if (input.operation === 'tag' && !input.tagId) context.addIssue({ code: 'custom', path: ['tagId'], message: 'Escolha a etiqueta a pôr nas manifestações.' });
    if (input.operation === 'duplicate') {
      if ((input.note?.length ?? 0) < 10) context.addIssue({ code: 'custom', path: ['note'], message: 'Escreva a nota pública (pelo menos 10 caracteres): cada cidadão das duplicadas recebe o texto.' });
      if (!input.mainProtocol && new Set(input.demandIds).size < 2) {
        context.addIssue({ code: 'custom', path: ['mainProtocol'], message: 'Selecione ao menos duas manifestações (a mais antiga é a principal) ou informe o protocolo da principal.' });
      }
    }
  });
export type BulkActionInput = z.output<typeof BulkActionSchema>;
