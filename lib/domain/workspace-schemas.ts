import { z } from 'zod';
import { APPEAL_DECISIONS, checkInformationAnswer, informationAnswerFields } from './information-requests';
import { multilineText } from './plain-text';
import { CHANNELS, DEMAND_KINDS } from './vocabulary';

/**
 * The inputs of the workspace's actions and of the citizen-side actions, shared by the forms, the server
 * actions and the use cases (which parse again: WhatsApp and the status page call them too).
 * Messages are what the user reads next to the field.
 */

const demandId = z.uuid({ error: 'Manifestação inválida.' });

const text = (min: number, max: number, tooShort: string) =>
  multilineText({ error: tooShort })
    .min(min, { error: tooShort })
    .max(max, { error: `O texto pode ter até ${max.toLocaleString('pt-BR')} caracteres.` });

/** Form posts send "" for "none chosen". */
const optionalUuid = (message: string) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), z.uuid({ error: message }).optional());

/** Checkboxes arrive as one value or several; none checked arrives as nothing. */
const uuidList = (message: string) =>
  z.preprocess(
    (value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value.filter((v) => v !== '') : [value]),
    z.array(z.uuid({ error: message })).max(10, { error: 'Escolha no máximo 10 secretarias.' }),
  );

export const ClassifySchema = z.object({
  demandId,
  kind: z.enum(DEMAND_KINDS, { error: 'Escolha o tipo.' }),
  categoryId: optionalUuid('Escolha um assunto da lista.'),
});

export const ForwardSchema = z.object({
  demandId,
  departmentId: z.uuid({ error: 'Escolha a secretaria responsável.' }),
  supportingDepartmentIds: uuidList('Escolha secretarias da lista.'),
});

export const AssignSchema = z.object({
  demandId,
  assigneeId: z.uuid({ error: 'Escolha uma pessoa da lista.' }),
});

/** Revoking the e-mailed status links; the reason stays in the internal timeline. */
export const RevokeStatusLinksSchema = z.object({
  demandId,
  reason: text(5, 2000, 'Conte por que os links enviados devem deixar de funcionar (pelo menos 5 caracteres).'),
});

/**
 * Mark (`sim`) or unmark (`nao`) a Balcão request's description as publishable on the public map. A boolean
 * is taken too: the workspace action parses the form and the use case parses what it got again.
 */
export const PublishDescriptionSchema = z.object({
  demandId,
  publishable: z.union([z.boolean(), z.enum(['sim', 'nao']).transform((value) => value === 'sim')], {
    error: 'Escolha se a descrição aparece ou não no mapa público.',
  }),
});

export const NoteSchema = z.object({ demandId, body: text(3, 8000, 'Escreva a nota (pelo menos 3 caracteres).') });

export const RequestInfoSchema = z.object({
  demandId,
  body: text(10, 4000, 'Escreva o que o cidadão precisa informar (pelo menos 10 caracteres).'),
});

export const PublicReplySchema = z.object({ demandId, body: text(10, 8000, 'Escreva a resposta (pelo menos 10 caracteres).') });

export const ExtendSchema = z.object({
  demandId,
  justification: text(20, 4000, 'Justifique a prorrogação para o cidadão (pelo menos 20 caracteres).'),
});

export const AnswerSchema = z.object({ demandId, body: text(20, 8000, 'Escreva a resposta conclusiva (pelo menos 20 caracteres).') });

/** The answer of an access-to-information request: the text, and its outcome with the legal part of a refusal. */
export const InformationAnswerSchema = AnswerSchema.extend(informationAnswerFields).superRefine(checkInformationAnswer);

/** The appeal authority's decision of a recurso or a reclamação por omissão. */
export const DecideAppealSchema = z.object({
  demandId,
  appealId: z.uuid({ error: 'Recurso inválido.' }),
  decision: z.enum(APPEAL_DECISIONS, { error: 'Escolha se o recurso é provido ou não.' }),
  decisionText: text(20, 8000, 'Escreva a decisão fundamentada (pelo menos 20 caracteres).'),
});

export const ArchiveSchema = z.object({
  demandId,
  justification: text(20, 4000, 'Explique ao cidadão por que a manifestação será arquivada (pelo menos 20 caracteres).'),
});

export const ReopenSchema = z.object({ demandId, reason: text(10, 4000, 'Explique por que a manifestação será reaberta (pelo menos 10 caracteres).') });

export const EscalateSchema = z.object({
  demandId,
  reason: text(20, 8000, 'Conte o que não foi resolvido (pelo menos 20 caracteres).'),
});

/** Where a citizen-side action came from; `account` needs the signed-in user's id to check ownership. */
export const CITIZEN_VIAS = ['status_link', 'account', 'whatsapp', 'messenger', 'instagram', 'email'] as const;
export type CitizenVia = (typeof CITIZEN_VIAS)[number];

const citizenBase = {
  demandId,
  via: z.enum(CITIZEN_VIAS),
  citizenUserId: z.uuid().optional(),
};

export const CitizenReplySchema = z.object({
  ...citizenBase,
  body: text(5, 8000, 'Escreva a complementação (pelo menos 5 caracteres).'),
  attachmentIds: z.array(z.uuid()).max(5, { error: 'Envie no máximo 5 arquivos.' }).optional(),
});

export const CitizenReopenSchema = z.object({
  ...citizenBase,
  reason: text(10, 4000, 'Conte por que a resposta não resolveu (pelo menos 10 caracteres).'),
});

export const RatingSchema = z.object({
  ...citizenBase,
  rating: z.coerce.number({ error: 'Escolha uma nota de 1 a 5.' }).int({ error: 'Escolha uma nota de 1 a 5.' }).min(1, { error: 'Escolha uma nota de 1 a 5.' }).max(5, { error: 'Escolha uma nota de 1 a 5.' }),
  resolved: z.union([z.boolean(), z.enum(['sim', 'nao', 'true', 'false'])], { error: 'Diga se o problema foi resolvido.' }).transform((v) => v === true || v === 'sim' || v === 'true'),
  comment: multilineText()
    .max(2000, { error: 'O comentário pode ter até 2.000 caracteres.' })
    .optional()
    .transform((v) => (v ? v : undefined)),
});

export const CitizenMessageSchema = z.object({
  ...citizenBase,
  body: text(2, 8000, 'Escreva a mensagem.'),
  attachmentIds: z.array(z.uuid()).max(5, { error: 'Envie no máximo 5 arquivos.' }).optional(),
});

/** A recurso or a reclamação por omissão, from the status page, the account or WhatsApp. */
export const CitizenAppealSchema = z.object({
  ...citizenBase,
  reason: text(10, 8000, 'Conte por que você discorda ou o que falta (pelo menos 10 caracteres).'),
});

/** The requester's appeal form on their pages: which movement, and their reasons. */
export const CitizenAppealFormSchema = z.object({
  kind: z.enum(['appeal', 'omission_complaint'], { error: 'Escolha o que você quer fazer.' }),
  reason: CitizenAppealSchema.shape.reason,
});

export const CitizenEscalateSchema = z.object({ ...citizenBase, reason: EscalateSchema.shape.reason });

/** How a demand may reach the counter or the ombudsman when a staff member types it in. */
export const STAFF_INTAKE_CHANNELS = ['in_person', 'phone', 'letter', 'email', 'facebook'] as const satisfies readonly (typeof CHANNELS)[number][];

export const StaffIntakeContextSchema = z.object({
  channel: z.enum(STAFF_INTAKE_CHANNELS, { error: 'Escolha por onde a demanda chegou.' }),
  requesterUserId: optionalUuid('Cidadão inválido.'),
});

/** Staff link a demand to the main one of the same problem, by the main one's protocol as typed. */
export const LinkDuplicateSchema = z.object({
  demandId,
  mainProtocol: z.string({ error: 'Informe o protocolo da manifestação principal.' }).trim().min(1, { error: 'Informe o protocolo da manifestação principal.' }).max(40, { error: 'Protocolo inválido.' }),
  note: text(10, 4000, 'Escreva a nota pública (pelo menos 10 caracteres): o cidadão recebe o texto.'),
});

export const UnlinkDuplicateSchema = z.object({
  demandId,
  reason: text(10, 4000, 'Explique por que a manifestação deixa de ser duplicada (pelo menos 10 caracteres).'),
});

/** What a Balcão form sends to ask for "Já pediram isto aqui perto" (the coordinates come from the pin). */
export const DuplicateSuggestionQuerySchema = z.object({
  categoryId: z.uuid({ error: 'Serviço inválido.' }),
  latitude: z.preprocess((value) => (value === '' || value === null ? undefined : value), z.coerce.number().min(-90).max(90).optional()),
  longitude: z.preprocess((value) => (value === '' || value === null ? undefined : value), z.coerce.number().min(-180).max(180).optional()),
  description: z.preprocess((value) => (typeof value === 'string' ? value.slice(0, 500) : undefined), z.string().optional()),
});
export type DuplicateSuggestionQuery = z.infer<typeof DuplicateSuggestionQuerySchema>;
