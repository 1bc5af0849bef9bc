import { z } from 'zod';
import { lineText } from './plain-text';

/**
 * What a macro sends its answer template as. Each is the workspace action of the same name, so the macro
 * moves the state exactly as that action does (a reply: "em análise"; a complementação: "aguardando o
 * cidadão"; the final answer: "respondida"; a note keeps it) and is refused where that action would be.
 */
export const MACRO_ACTIONS = ['public_reply', 'request_info', 'answer', 'note'] as const;
export type MacroAction = (typeof MACRO_ACTIONS)[number];

export const MACRO_ACTION_LABELS: Record<MacroAction, string> = {
  public_reply: 'Resposta ao cidadão (fica “Em análise”)',
  request_info: 'Pedido de complementação (fica “Aguardando o cidadão”)',
  answer: 'Resposta conclusiva (fica “Respondida”)',
  note: 'Nota interna (a situação não muda)',
};

const optionalUuid = (message: string) =>
  z.preprocess((value) => (value === '' || value === null ? null : value), z.uuid({ error: message }).nullable().default(null));

/** The admin's macro form. */
export const MacroSchema = z.object({
  name: lineText({ error: 'Informe o nome da macro.' })
    .min(3, { error: 'O nome precisa ter pelo menos 3 caracteres.' })
    .max(80, { error: 'O nome pode ter até 80 caracteres.' }),
  answerTemplateId: z.uuid({ error: 'Escolha um modelo de resposta da lista.' }),
  action: z.enum(MACRO_ACTIONS, { error: 'Escolha como o modelo é enviado.' }),
  tagId: optionalUuid('Escolha uma etiqueta da lista.'),
});

/** The one-click form on the demand page. */
export const ApplyMacroSchema = z.object({
  demandId: z.uuid({ error: 'Manifestação inválida.' }),
  macroId: z.uuid({ error: 'Escolha uma macro da lista.' }),
});
