import { z } from 'zod';
import { isValidCpf, normalizeCpf } from './cpf';
import { normalizeMobilePhone } from './phone';
import { lineText, multilineText } from './plain-text';
import { PROFILE_QUESTIONS } from './privacy';
import { CHANNELS, IDENTITIES, OUVIDORIA_KINDS, type Role } from './vocabulary';

/**
 * The one intake object every channel produces (web form, staff, WhatsApp, Open311). Field schemas are
 * exported so forms and actions share them. Messages are what the citizen reads next to the field.
 */

/** Form posts send "" for an empty field: treat it as absent. */
const optionalText = (max: number, tooLong: string) =>
  lineText()
    .max(max, { error: tooLong })
    .optional()
    .transform((value) => (value ? value : undefined));

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Informe um e-mail válido, como nome@exemplo.com.' }))
  .pipe(z.string().max(254, { error: 'O e-mail é longo demais.' }));

export const MobilePhoneSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const phone = normalizeMobilePhone(value);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: 'Informe um celular com DDD, como (14) 99123-4567.' });
      return z.NEVER;
    }
    return phone;
  });

export const CpfSchema = z
  .string()
  .trim()
  .refine(isValidCpf, { error: 'CPF inválido: confira os 11 números.' })
  .transform(normalizeCpf);

const optionalField = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const uuidField = (message: string) => z.uuid({ error: message });

/** A map pin's coordinates, posted by the form's hidden fields, WhatsApp or Open311. */
export const LatitudeSchema = z.coerce
  .number({ error: 'Marque o local no mapa de novo: a latitude veio inválida.' })
  .min(-90, { error: 'Latitude entre -90 e 90.' })
  .max(90, { error: 'Latitude entre -90 e 90.' });
export const LongitudeSchema = z.coerce
  .number({ error: 'Marque o local no mapa de novo: a longitude veio inválida.' })
  .min(-180, { error: 'Longitude entre -180 e 180.' })
  .max(180, { error: 'Longitude entre -180 e 180.' });

const pointFields = {
  latitude: optionalField(LatitudeSchema),
  longitude: optionalField(LongitudeSchema),
};

const profileAnswer = <T extends readonly [string, ...string[]]>(options: T) =>
  optionalField(z.enum(options, { error: 'Escolha uma das opções (ou deixe em branco: é opcional).' }));

/**
 * The optional requester profile (as Fala.BR asks): never required, kept apart from the identity
 * (requester_profiles), read only in aggregate. Unanswered questions are simply absent.
 */
export const RequesterProfileSchema = z
  .object({
    ageRange: profileAnswer(PROFILE_QUESTIONS.ageRange.options),
    gender: profileAnswer(PROFILE_QUESTIONS.gender.options),
    race: profileAnswer(PROFILE_QUESTIONS.race.options),
    education: profileAnswer(PROFILE_QUESTIONS.education.options),
  })
  .optional();

const requesterFields = {
  profile: RequesterProfileSchema,
  identity: z.enum(IDENTITIES, { error: 'Escolha como quer se identificar.' }),
  name: optionalText(120, 'O nome pode ter até 120 caracteres.'),
  email: optionalField(EmailSchema),
  phone: optionalField(MobilePhoneSchema),
  cpf: optionalField(CpfSchema),
  notifyByWhatsapp: z
    .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('')])
    .optional()
    .transform((value) => value === true || value === 'on' || value === 'true'),
};

export const OuvidoriaIntakeSchema = z.object({
  service: z.literal('ouvidoria'),
  kind: z.enum(OUVIDORIA_KINDS, { error: 'Escolha o tipo da manifestação.' }),
  subject: lineText({ error: 'Informe o assunto.' })
    .min(5, { error: 'Descreva o assunto em pelo menos 5 caracteres.' })
    .max(150, { error: 'O assunto pode ter até 150 caracteres.' }),
  description: multilineText({ error: 'Descreva sua manifestação.' })
    .min(20, { error: 'Conte o que aconteceu em pelo menos 20 caracteres.' })
    .max(8000, { error: 'A descrição pode ter até 8.000 caracteres.' }),
  suggestedDepartmentId: optionalField(uuidField('Escolha uma secretaria da lista.')),
  categoryId: optionalField(uuidField('Escolha um assunto da lista.')),
  /** Kept only for the subjects the município asks a place for (the use case checks). */
  ...pointFields,
  ...requesterFields,
});

export const BalcaoIntakeSchema = z.object({
  service: z.literal('balcao'),
  categoryId: uuidField('Escolha um serviço do catálogo.'),
  description: multilineText({ error: 'Descreva o pedido.' })
    .min(10, { error: 'Descreva o pedido em pelo menos 10 caracteres.' })
    .max(8000, { error: 'A descrição pode ter até 8.000 caracteres.' }),
  addressLine: lineText({ error: 'Informe o endereço.' })
    .min(5, { error: 'Informe rua e número (ou um ponto de referência).' })
    .max(200, { error: 'O endereço pode ter até 200 caracteres.' }),
  /** Optional only when a point is given: the use case then derives the bairro from the município's boundaries. */
  neighbourhoodId: optionalField(uuidField('Escolha o bairro.')),
  ...pointFields,
  /** The service's own questions; checked against the category's field list by the use case. */
  details: z.record(lineText(), multilineText().max(2000, { error: 'Resposta longa demais (até 2.000 caracteres).' })).default({}),
  ...requesterFields,
});

/**
 * Runs even when another field failed (e.g. no kind chosen), so the form shows every missing item at once;
 * it then sees the raw input, hence the string checks.
 */
function requireContactUnlessAnonymous(value: unknown, ctx: z.RefinementCtx) {
  const text = (key: string) => {
    const field = (value as Record<string, unknown>)[key];
    return typeof field === 'string' ? field.trim() : undefined;
  };
  const name = text('name');
  if (!name || name.length < 3) {
    ctx.addIssue({ code: 'custom', path: ['name'], message: 'Informe seu nome (ou escolha manifestação anônima).' });
  }
  if (!text('email') && !text('phone')) {
    const message = 'Informe um e-mail ou um celular para receber a resposta.';
    ctx.addIssue({ code: 'custom', path: ['email'], message });
    ctx.addIssue({ code: 'custom', path: ['phone'], message });
  }
}

function given(value: unknown, key: string): boolean {
  const field = (value as Record<string, unknown>)[key];
  return field !== undefined && field !== null && !(typeof field === 'string' && field.trim() === '');
}

/** A Balcão request says where: a bairro from the list, or a point on the map (the bairro follows from it). */
function requireNeighbourhood(_value: unknown, ctx: z.RefinementCtx) {
  ctx.addIssue({ code: 'custom', path: ['neighbourhoodId'], message: 'Escolha o bairro.' });
}

function balcaoWithoutPlace(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return (value as Record<string, unknown>).service === 'balcao' && !given(value, 'neighbourhoodId') && !(given(value, 'latitude') && given(value, 'longitude'));
}

function requireBothCoordinates(_value: unknown, ctx: z.RefinementCtx) {
  ctx.addIssue({ code: 'custom', path: ['latitude'], message: 'Marque o local no mapa de novo: faltou a latitude ou a longitude.' });
}

function halfAPoint(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return given(value, 'latitude') !== given(value, 'longitude');
}

function identityNeedsContact(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const identity = (value as Record<string, unknown>).identity;
  return identity === 'identified' || identity === 'confidential';
}

/**
 * An access-to-information request must identify who asks (Lei 12.527/2011 art. 10); the requester may
 * still keep it confidential, so that only the Ouvidoria sees it.
 */
function requireIdentityForInformation(_value: unknown, ctx: z.RefinementCtx) {
  ctx.addIssue({
    code: 'custom',
    path: ['identity'],
    message: 'O pedido de acesso à informação precisa identificar quem pede (Lei nº 12.527/2011, art. 10). Escolha “Sigilosa” para que só a Ouvidoria veja seus dados.',
  });
}

function isAnonymousInformationRequest(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { service, kind, identity } = value as Record<string, unknown>;
  return service === 'ouvidoria' && kind === 'information' && identity === 'anonymous';
}

/** Anonymous demands store no identity at all: whatever was typed is dropped here. */
function dropIdentityIfAnonymous<T extends { identity: string; name?: string; email?: string; phone?: string; cpf?: string; notifyByWhatsapp: boolean }>(
  value: T,
): T {
  if (value.identity !== 'anonymous') return value;
  return { ...value, name: undefined, email: undefined, phone: undefined, cpf: undefined, notifyByWhatsapp: false };
}

export const IntakeSchema = z
  .discriminatedUnion('service', [OuvidoriaIntakeSchema, BalcaoIntakeSchema], {
    error: 'Escolha Ouvidoria ou Balcão da Cidadania.',
  })
  .superRefine(requireContactUnlessAnonymous, { when: ({ value }) => identityNeedsContact(value) })
  .superRefine(requireIdentityForInformation, { when: ({ value }) => isAnonymousInformationRequest(value) })
  .superRefine(requireNeighbourhood, { when: ({ value }) => balcaoWithoutPlace(value) })
  .superRefine(requireBothCoordinates, { when: ({ value }) => halfAPoint(value) })
  .transform(dropIdentityIfAnonymous);

export type IntakeInput = z.input<typeof IntakeSchema>;
export type Intake = z.output<typeof IntakeSchema>;

export const IntakeContextSchema = z.object({
  channel: z.enum(CHANNELS),
  enteredByUserId: z.uuid().optional(),
  requesterUserId: z.uuid().optional(),
  /** The Balcão request a complaint escalates (a linked Ouvidoria complaint). */
  linkedDemandId: z.uuid().optional(),
  /** Messenger/Instagram: the citizen's page-scoped id there, where notices go back. Set by the channel only. */
  requesterChatId: z.string().min(1).max(200).optional(),
});
export type IntakeContext = z.infer<typeof IntakeContextSchema>;

/**
 * The public web form's context. A signed-in citizen files as themself, so the demand appears in their
 * "Minhas manifestações"; staff using the public form are not linked (what they enter for someone else
 * goes through the staff intake, which records them as the one who entered it). Whether the demand is
 * anonymous is the intake's decision: an anonymous demand is never linked to anyone.
 */
export function webIntakeContext(signedIn: { userId: string; role: Role } | null): IntakeContext {
  return signedIn?.role === 'citizen' ? { channel: 'web', requesterUserId: signedIn.userId } : { channel: 'web' };
}

export type FieldErrors = Partial<Record<string, string[]>>;

/** Every message of every field, keyed by the field's name as the form knows it (details.x → details.x). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : 'form';
    const list = (errors[key] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return errors;
}
