import { z } from 'zod';

/**
 * Bulk actions on the rows chosen in a queue: every demand gets the single action's checks and its own
 * event (lib/demands/bulk.ts), all in one transaction.
 */

/** One page of a queue at most (PAGE_SIZE is 25): a bulk action never reaches past what is on screen. */
export const BULK_LIMIT = 50;

export const BULK_OPERATIONS = ['assign', 'forward'] as const;
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
    operation: z.enum(BULK_OPERATIONS, { error: 'Escolha o que fazer: atribuir ou encaminhar.' }),
    assigneeId: optionalUuid('Escolha uma pessoa da lista.'),
    departmentId: optionalUuid('Escolha uma secretaria da lista.'),
  })
  .superRefine((input, context) => {
    if (input.operation === 'assign' && !input.assigneeId) context.addIssue({ code: 'custom', path: ['assigneeId'], message: 'Escolha a pessoa a quem atribuir.' });
    if (input.operation === 'forward' && !input.departmentId) context.addIssue({ code: 'custom', path: ['departmentId'], message: 'Escolha a secretaria para onde encaminhar.' });
  });
export type BulkActionInput = z.output<typeof BulkActionSchema>;
