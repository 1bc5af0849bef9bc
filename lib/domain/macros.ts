import { z } from 'zod';
import { INFORMATION_ANSWER_NEEDS_OUTCOME } from './information-requests';
import { lineText } from './plain-text';
import { TAG_OF_ANOTHER_DEPARTMENT } from './tags';
import { decideTransition } from './transitions';
import { AnswerSchema, NoteSchema, PublicReplySchema, RequestInfoSchema } from './workspace-schemas';
import type { DemandKind, DemandState, Role, Service } from './vocabulary';

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

/** The text each action takes: a template is sent through the same rule, so one too short or too long for it never fits. */
const SENT_TEXT: Record<MacroAction, z.ZodType<string>> = {
  public_reply: PublicReplySchema.shape.body,
  request_info: RequestInfoSchema.shape.body,
  answer: AnswerSchema.shape.body,
  note: NoteSchema.shape.body,
};

/** Why a template's text cannot be sent as this action (shorter or longer than the action takes), or null. */
export function templateMisfit(action: MacroAction, body: string): string | null {
  const parsed = SENT_TEXT[action].safeParse(body);
  if (parsed.success) return null;
  return `O texto do modelo não serve para “${MACRO_ACTION_LABELS[action]}”: ${parsed.error.issues[0]?.message ?? 'texto inválido.'}`;
}

/** What decides whether a macro fits a demand: the state table's facts, its kind, and the etiquetas it may carry. */
export type MacroTarget = {
  service: Service;
  state: DemandState;
  kind: DemandKind;
  /** The global etiquetas and those of the secretarias that hold the demand. */
  availableTagIds: readonly string[];
};

/** `performer`: this person may never do it here (403); `demand`: not this demand, or not now (409). */
export type MacroRefusal = { reason: 'performer' | 'demand'; message: string };

/**
 * Why this person cannot apply this macro to this demand now, or null: the one rule behind the macros the
 * demand page offers and behind applyMacro, so that a macro offered is a macro that applies. Each part's
 * use case still checks itself. A part is refused by the state table (its action now, the etiqueta in the
 * state the action leaves), a final answer by the kind (a LAI request is answered with its outcome form),
 * and an etiqueta by the secretarias that hold the demand. A template whose text the action would refuse
 * (edited after the macro was made) never fits.
 */
export function macroRefusal(macro: { action: MacroAction; tagId: string | null; body: string }, demand: MacroTarget, performer: Role): MacroRefusal | null {
  const misfit = templateMisfit(macro.action, macro.body);
  if (misfit) return { reason: 'demand', message: misfit };
  const sent = decideTransition({ service: demand.service, state: demand.state, action: macro.action, performer });
  if (!sent.allowed) return { reason: sent.reason === 'performer' ? 'performer' : 'demand', message: sent.message };
  if (macro.action === 'answer' && demand.kind === 'information') return { reason: 'demand', message: INFORMATION_ANSWER_NEEDS_OUTCOME };
  if (!macro.tagId) return null;
  const stateAfter = sent.next === 'previous' ? demand.state : sent.next;
  const tagged = decideTransition({ service: demand.service, state: stateAfter, action: 'tag', performer });
  if (!tagged.allowed) return { reason: tagged.reason === 'performer' ? 'performer' : 'demand', message: tagged.message };
  if (!demand.availableTagIds.includes(macro.tagId)) return { reason: 'demand', message: TAG_OF_ANOTHER_DEPARTMENT };
  return null;
}

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
