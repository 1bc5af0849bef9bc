import { z } from 'zod';
import type { CategoryField } from '@/lib/domain/category-fields';
import { deadlineStatus } from '@/lib/domain/deadlines';
import { BalcaoIntakeSchema, EmailSchema, MobilePhoneSchema, OuvidoriaIntakeSchema } from '@/lib/domain/intake-schema';
import { formatDate, KIND_HINTS, SERVICE_LABELS, STATE_LABELS } from '@/lib/domain/labels';
import { parseProtocol, EXAMPLE_PROTOCOL } from '@/lib/domain/protocol';
import { IDENTITIES, OUVIDORIA_KINDS, SERVICES, type DemandState, type OuvidoriaKind, type Service } from '@/lib/domain/vocabulary';
import { municipality } from '@/lib/municipality';
import { fitTo, LIMITS, type ListRow, type OutgoingContent, type ReplyButton } from './messages';
import { CONTROL_CHARACTERS_TYPE } from './webhook-schema';

/**
 * The guided WhatsApp conversation as a pure state machine: `advance` takes the stored state, one message
 * and what the database knows (catalogue, this contact's demands) and returns the next state, the
 * replies, and at most one action for the I/O layer (file the demand, look a protocol up, add a message);
 * `settle` turns the action's result into the final state and replies. Every prompt works with buttons
 * and lists and with typed numbers or words, since many phones and people do not use the buttons.
 */

// ---------------------------------------------------------------------------------------------------
// State (stored as JSON in whatsapp_conversations.state)

const DraftMediaSchema = z.object({
  mediaId: z.string(),
  kind: z.enum(['image', 'document']),
  mimeType: z.string(),
  fileName: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
});
export type DraftMedia = z.infer<typeof DraftMediaSchema>;

const DraftSchema = z.object({
  service: z.enum(SERVICES),
  kind: z.enum(OUVIDORIA_KINDS).optional(),
  categoryId: z.string().optional(),
  details: z.record(z.string(), z.string()).default({}),
  description: z.string().optional(),
  media: z.array(DraftMediaSchema).default([]),
  addressLine: z.string().optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  neighbourhoodId: z.string().optional(),
  identity: z.enum(IDENTITIES).optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  /** When filing began: an anonymous filing redacts the messages exchanged since then. */
  startedAt: z.string(),
});
export type Draft = z.infer<typeof DraftSchema>;

const page = z.number().int().min(0).default(0);
const demandRef = { demandId: z.string(), protocol: z.string() };

export const ConversationStateSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('start') }),
  z.object({ step: z.literal('menu') }),
  z.object({ step: z.literal('ouvidoria_kind'), draft: DraftSchema }),
  z.object({ step: z.literal('balcao_category'), draft: DraftSchema, page }),
  z.object({ step: z.literal('balcao_question'), draft: DraftSchema, fieldIndex: z.number().int().min(0) }),
  z.object({ step: z.literal('description'), draft: DraftSchema }),
  z.object({ step: z.literal('attachments'), draft: DraftSchema }),
  z.object({ step: z.literal('address'), draft: DraftSchema }),
  z.object({ step: z.literal('neighbourhood'), draft: DraftSchema, page }),
  z.object({ step: z.literal('identity'), draft: DraftSchema }),
  z.object({ step: z.literal('name'), draft: DraftSchema }),
  z.object({ step: z.literal('email'), draft: DraftSchema }),
  z.object({ step: z.literal('confirm'), draft: DraftSchema }),
  z.object({ step: z.literal('follow') }),
  /** A protocol that is not this contact's: shown once the citizen proves it is theirs. */
  z.object({ step: z.literal('access_code'), protocol: z.string() }),
  z.object({
    step: z.literal('following'),
    ...demandRef,
    canMessage: z.boolean(),
    /** Set when a notification put the demand in front of the citizen: a reply is about it for a day. */
    fromNotification: z.boolean().default(false),
  }),
  z.object({ step: z.literal('attendant_pick') }),
  z.object({ step: z.literal('compose'), ...demandRef, purpose: z.enum(['attendant', 'message']) }),
]);
export type ConversationState = z.infer<typeof ConversationStateSchema>;
export type Step = ConversationState['step'];
type StateOf<S extends Step> = Extract<ConversationState, { step: S }>;
type DraftState = Extract<ConversationState, { draft: Draft }>;

export const START: ConversationState = { step: 'start' };

/** A stored state from an older version (or damaged) starts over instead of failing every message. */
export function parseConversationState(value: unknown): ConversationState {
  const parsed = ConversationStateSchema.safeParse(value);
  return parsed.success ? parsed.data : START;
}

// ---------------------------------------------------------------------------------------------------
// Inputs, context, actions

export type ConversationInput =
  | { type: 'text'; text: string }
  /** A tapped reply button or list row (or a template's quick reply): its id and title. */
  | { type: 'choice'; id: string; title: string }
  | { type: 'media'; media: DraftMedia }
  | { type: 'location'; latitude: number; longitude: number; name?: string; address?: string }
  | { type: 'unsupported'; messageType: string };

export type CatalogService = { id: string; name: string; fields: CategoryField[] };
export type MyDemand = { id: string; protocol: string; subject: string; state: DemandState };

export type ConversationContext = {
  /** When the citizen sent the message. */
  now: Date;
  balcaoServices: CatalogService[];
  neighbourhoods: { id: string; name: string }[];
  /** `phone` is known when WhatsApp shared a Brazilian mobile number (not for username-only users). */
  contact: { profileName: string | null; phone: string | null };
  /** This contact's demands, newest first. */
  myDemands: MyDemand[];
};

export type ConversationAction =
  | { type: 'file_demand'; draft: Draft }
  | { type: 'lookup'; protocol: string }
  | { type: 'lookup'; demandId: string }
  /** The access code, or the e-mail or mobile given when filing, as the tracking page takes it. */
  | { type: 'check_access_code'; protocol: string; code: string }
  | { type: 'add_message'; demandId: string; body: string; purpose: 'attendant' | 'message' };

export type DemandView = {
  demandId: string;
  protocol: string;
  service: Service;
  subject: string;
  state: DemandState;
  dueOn: string;
  lastMovement: { label: string; at: Date; body?: string } | null;
  statusUrl: string;
  /** An access-to-information request's appeal: until when, and how (lib/channels/whatsapp/information-appeal.ts). */
  appealLine?: string;
};

export type ActionResult =
  | {
      type: 'filed';
      protocol: string;
      dueOn: string;
      service: Service;
      statusUrl: string;
      accessCode?: string;
      /** Anonymous: nothing links this number to the demand, so no notices come. */
      anonymous: boolean;
      /** Attachments that were not accepted, with the reason the citizen reads. */
      skippedFiles: { name: string; reason: string }[];
    }
  | { type: 'filing_rejected'; fieldErrors: Partial<Record<string, string[]>> }
  | { type: 'demand_found'; view: DemandView }
  | { type: 'demand_not_found'; protocol: string }
  | { type: 'proof_needed'; protocol: string }
  | { type: 'proof_refused'; protocol: string; message: string }
  | { type: 'rate_limited'; message?: string }
  | { type: 'message_added'; demandId: string; protocol: string; purpose: 'attendant' | 'message'; notice?: string }
  | { type: 'message_refused'; error: string };

export type Outcome = { state: ConversationState; replies: OutgoingContent[]; action?: ConversationAction };

// ---------------------------------------------------------------------------------------------------
// Timing

/** An unfinished conversation is dropped after this much silence. */
export const INACTIVITY_MINUTES = 30;
/** After a notification, a reply is taken as being about that demand for as long as Meta's window lasts. */
export const NOTIFICATION_FOLLOW_UP_HOURS = 24;

export function expiresAtFor(state: ConversationState, lastActivityAt: Date): Date | null {
  if (state.step === 'start') return null;
  const minutes = state.step === 'following' && state.fromNotification ? NOTIFICATION_FOLLOW_UP_HOURS * 60 : INACTIVITY_MINUTES;
  return new Date(lastActivityAt.getTime() + minutes * 60_000);
}

/** Only losing a half-told demand or an unsent message deserves a word; a finished lookup just ends. */
export function expiryNotice(state: ConversationState): OutgoingContent | null {
  if ('draft' in state) {
    return text(`Sua conversa ficou parada por mais de ${INACTIVITY_MINUTES} minutos e foi encerrada. Nada foi registrado. Envie qualquer mensagem para começar de novo.`);
  }
  if (state.step === 'compose') {
    return text(`Sua conversa ficou parada por mais de ${INACTIVITY_MINUTES} minutos e foi encerrada; a mensagem não foi enviada. Envie qualquer mensagem para começar de novo.`);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// receive / advance

/**
 * A message after the conversation's expiry starts over. If something was lost the citizen is told and
 * shown the menu, and the message itself is not read as an answer to a question asked long ago.
 */
export function receive(stored: ConversationState, input: ConversationInput, ctx: ConversationContext, expired: boolean): Outcome {
  if (!expired) return advance(stored, input, ctx);
  const notice = expiryNotice(stored);
  if (notice) return { state: { step: 'menu' }, replies: [notice, menuPrompt(ctx).content] };
  return advance(START, input, ctx);
}

const MAX_ATTACHMENTS = 5;
export const ACCEPTED_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'application/pdf'];
const MENU_WORDS = ['menu', 'inicio', 'voltar', 'voltar ao menu', 'cancelar', 'sair', 'parar', '0'];

export function advance(state: ConversationState, input: ConversationInput, ctx: ConversationContext): Outcome {
  const typed = input.type === 'text' ? normalize(input.text) : '';
  if (input.type === 'text' && MENU_WORDS.includes(typed) && state.step !== 'start') {
    const cancelled = 'draft' in state ? [text('Tudo bem, cancelei. Nada foi registrado.')] : [];
    return { state: { step: 'menu' }, replies: [...cancelled, menuPrompt(ctx).content] };
  }
  if (input.type === 'unsupported') return repeat(state, ctx, unsupportedNotice(input.messageType, state));

  switch (state.step) {
    case 'start':
      return fromStart(input, ctx);
    case 'menu':
      return fromMenu(input, ctx);
    case 'ouvidoria_kind':
      return choose(state, input, ctx, (id) => {
        const kind = OUVIDORIA_KINDS.find((k) => id === `kind:${k}`);
        return kind ? toDescription({ ...state.draft, kind }, ctx) : null;
      });
    case 'balcao_category':
      return choose(state, input, ctx, (id) => {
        const moved = pageMove(state, id);
        if (moved) return moved;
        const service = ctx.balcaoServices.find((s) => id === `service:${s.id}`);
        return service ? afterCategory({ ...state.draft, categoryId: service.id, details: {} }, ctx) : null;
      });
    case 'balcao_question':
      return fromQuestion(state, input, ctx);
    case 'description':
      return fromDescription(state, input, ctx);
    case 'attachments':
      return fromAttachments(state, input, ctx);
    case 'address':
      return fromAddress(state, input, ctx);
    case 'neighbourhood':
      return fromNeighbourhood(state, input, ctx);
    case 'identity':
      return choose(state, input, ctx, (id) => {
        const identity = IDENTITIES.find((i) => id === `identity:${i}`);
        if (!identity) return null;
        const draft: Draft = { ...state.draft, identity };
        if (identity === 'anonymous') return to({ step: 'confirm', draft: { ...draft, name: undefined, email: undefined, phone: undefined } }, ctx);
        return to({ step: 'name', draft }, ctx);
      });
    case 'name':
      return fromName(state, input, ctx);
    case 'email':
      return fromEmail(state, input, ctx);
    case 'confirm':
      return choose(state, input, ctx, (id) => {
        if (id === 'confirm:yes') return { state, replies: [], action: { type: 'file_demand', draft: state.draft } };
        if (id === 'confirm:no') return { state: { step: 'menu' }, replies: [text('Tudo bem, cancelei. Nada foi registrado.'), menuPrompt(ctx).content] };
        return null;
      });
    case 'follow':
      return fromFollow(state, input, ctx);
    case 'access_code':
      if (input.type !== 'text') return repeat(state, ctx, 'Digite o código de acesso, o e-mail ou o celular.');
      // Another protocol starts another lookup; a phone number never reads as a valid protocol.
      if (parseProtocol(input.text).ok) return protocolInput(input.text) ?? repeat(state, ctx, 'Não entendi.');
      return { state, replies: [], action: { type: 'check_access_code', protocol: state.protocol, code: input.text.trim() } };
    case 'following':
      return fromFollowing(state, input, ctx);
    case 'attendant_pick':
      return choose(state, input, ctx, (id) => {
        const demand = ctx.myDemands.find((d) => id === `demand:${d.id}`);
        return demand ? to({ step: 'compose', demandId: demand.id, protocol: demand.protocol, purpose: 'attendant' }, ctx) : null;
      });
    case 'compose': {
      if (input.type !== 'text') return repeat(state, ctx, 'Escreva sua mensagem em texto.');
      const body = input.text.trim();
      if (body.length < 2) return repeat(state, ctx, 'A mensagem ficou vazia.');
      return { state, replies: [], action: { type: 'add_message', demandId: state.demandId, body, purpose: state.purpose } };
    }
  }
}

function fromStart(input: ConversationInput, ctx: ConversationContext): Outcome {
  const protocolLookup = input.type === 'text' ? protocolInput(input.text) : null;
  if (protocolLookup) return protocolLookup;
  // A returning citizen may type the option they know, or tap a button on an old menu message.
  const menu = menuPrompt(ctx);
  if (menu.options.some((option) => isChosen(input, option.id, menu))) return fromMenu(input, ctx);
  const first = ctx.contact.profileName?.trim().split(/\s+/)[0];
  const greeting = text(
    `Olá${first ? `, ${first}` : ''}! Aqui é a Ouvidoria Digital da ${municipality.prefeitura}. ` +
      'Por aqui você registra manifestações na Ouvidoria, pede serviços do Balcão da Cidadania e acompanha seus protocolos.',
  );
  return { state: { step: 'menu' }, replies: [greeting, menuPrompt(ctx).content] };
}

const GREETINGS = ['oi', 'oie', 'ola', 'opa', 'bom dia', 'boa tarde', 'boa noite', 'ola bom dia', 'oi bom dia', 'ajuda'];

function fromMenu(input: ConversationInput, ctx: ConversationContext): Outcome {
  const state: ConversationState = { step: 'menu' };
  const protocolLookup = input.type === 'text' ? protocolInput(input.text) : null;
  if (protocolLookup) return protocolLookup;
  if (input.type === 'text' && GREETINGS.includes(normalize(input.text))) return to(state, ctx);
  return choose(state, input, ctx, (id) => {
    const startedAt = ctx.now.toISOString();
    switch (id) {
      case 'menu:ouvidoria':
        return to({ step: 'ouvidoria_kind', draft: { service: 'ouvidoria', details: {}, media: [], startedAt } }, ctx);
      case 'menu:balcao':
        return to({ step: 'balcao_category', draft: { service: 'balcao', details: {}, media: [], startedAt }, page: 0 }, ctx);
      case 'menu:follow':
        return to({ step: 'follow' }, ctx);
      case 'menu:attendant':
        if (!ctx.myDemands.length) return { state: { step: 'menu' }, replies: [attendantWithoutDemand(), menuPrompt(ctx).content] };
        return to({ step: 'attendant_pick' }, ctx);
      default:
        return null;
    }
  });
}

function fromQuestion(state: StateOf<'balcao_question'>, input: ConversationInput, ctx: ConversationContext): Outcome {
  const field = currentField(state, ctx);
  if (!field) return afterQuestions(state.draft, ctx);
  const answer = (value: string) =>
    afterQuestion({ ...state.draft, details: { ...state.draft.details, [field.name]: value } }, state.fieldIndex, ctx);
  const skip = () => afterQuestion(withoutDetail(state.draft, field.name), state.fieldIndex, ctx);
  if (field.type === 'select') {
    return choose(state, input, ctx, (id) => {
      if (id === 'skip' && !field.required) return skip();
      const index = Number(id.replace(/^option:/, ''));
      const option = id.startsWith('option:') ? field.options?.[index] : undefined;
      return option ? answer(option) : null;
    });
  }
  if (input.type === 'choice' && input.id === 'skip' && !field.required) return skip();
  if (input.type !== 'text') return repeat(state, ctx, 'Responda com uma mensagem de texto.');
  const value = input.text.trim();
  if (!field.required && ['pular', 'nao', 'nenhum', 'nenhuma', 'sem'].includes(normalize(value))) return skip();
  if (!value) return repeat(state, ctx, 'A resposta ficou vazia.');
  if (value.length > 2000) return repeat(state, ctx, 'Resposta longa demais (até 2.000 caracteres).');
  return answer(value);
}

function fromDescription(state: StateOf<'description'>, input: ConversationInput, ctx: ConversationContext): Outcome {
  const schema = state.draft.service === 'ouvidoria' ? OuvidoriaIntakeSchema.shape.description : BalcaoIntakeSchema.shape.description;
  if (input.type === 'media') {
    // A photo with the story in its caption is a description with an attachment.
    const fromCaption = input.media.caption ? schema.safeParse(input.media.caption) : null;
    if (!fromCaption?.success) return repeat(state, ctx, 'Primeiro descreva em texto; logo depois você poderá enviar fotos e documentos.');
    const described: StateOf<'attachments'> = { step: 'attachments', draft: { ...state.draft, description: fromCaption.data } };
    return fromAttachments(described, { type: 'media', media: { ...input.media, caption: undefined } }, ctx);
  }
  if (input.type !== 'text') return repeat(state, ctx, 'Descreva em uma mensagem de texto.');
  const parsed = schema.safeParse(input.text);
  if (!parsed.success) return repeat(state, ctx, firstMessage(parsed.error));
  return to({ step: 'attachments', draft: { ...state.draft, description: parsed.data } }, ctx);
}

function fromAttachments(state: StateOf<'attachments'>, input: ConversationInput, ctx: ConversationContext): Outcome {
  const next = () => (state.draft.service === 'balcao' ? to({ step: 'address', draft: state.draft }, ctx) : to({ step: 'identity', draft: state.draft }, ctx));
  if (input.type === 'media') {
    if (!ACCEPTED_MEDIA_TYPES.includes(input.media.mimeType.split(';')[0]?.trim().toLowerCase() ?? '')) {
      return repeat(state, ctx, 'Este tipo de arquivo não é aceito. Envie fotos (JPEG, PNG, WebP ou HEIC) ou documentos em PDF.');
    }
    if (state.draft.media.length >= MAX_ATTACHMENTS) {
      return repeat(state, ctx, `Você já enviou ${MAX_ATTACHMENTS} arquivos, o máximo por registro.`);
    }
    const draft = { ...state.draft, media: [...state.draft.media, input.media] };
    const count = draft.media.length;
    const received = count === 1 ? 'Recebi 1 arquivo.' : `Recebi ${count} arquivos.`;
    return { state: { step: 'attachments', draft }, replies: [withPrefix(attachmentsPrompt(draft).content, received)] };
  }
  if (input.type === 'location' && state.draft.service === 'balcao') {
    return fromAddress({ step: 'address', draft: state.draft }, input, ctx);
  }
  return choose(state, input, ctx, (id) => (id === 'attachments:done' ? next() : null));
}

function fromAddress(state: StateOf<'address'>, input: ConversationInput, ctx: ConversationContext): Outcome {
  if (input.type === 'location') {
    const place = [input.name, input.address].filter(Boolean).join(', ');
    const addressLine = fitTo(place || `Localização enviada pelo WhatsApp (${input.latitude.toFixed(5)}, ${input.longitude.toFixed(5)})`, 200);
    const draft = { ...state.draft, addressLine, latitude: input.latitude, longitude: input.longitude };
    return to({ step: 'neighbourhood', draft, page: 0 }, ctx);
  }
  if (input.type !== 'text') return repeat(state, ctx, 'Envie a localização ou digite o endereço.');
  const parsed = BalcaoIntakeSchema.shape.addressLine.safeParse(input.text);
  if (!parsed.success) return repeat(state, ctx, firstMessage(parsed.error));
  const draft = { ...state.draft, addressLine: parsed.data, latitude: undefined, longitude: undefined };
  return to({ step: 'neighbourhood', draft, page: 0 }, ctx);
}

function fromNeighbourhood(state: StateOf<'neighbourhood'>, input: ConversationInput, ctx: ConversationContext): Outcome {
  const pick = (id: string): Outcome | null => {
    const moved = pageMove(state, id);
    if (moved) return moved;
    const bairro = ctx.neighbourhoods.find((n) => id === `bairro:${n.id}`);
    return bairro ? to({ step: 'identity', draft: { ...state.draft, neighbourhoodId: bairro.id } }, ctx) : null;
  };
  if (input.type === 'text') {
    // Typed names are common ("centro", "Vila Jau"): match them without accents or case.
    const typed = normalize(input.text);
    const exact = ctx.neighbourhoods.filter((n) => normalize(n.name) === typed);
    const partial = typed.length >= 3 ? ctx.neighbourhoods.filter((n) => normalize(n.name).includes(typed)) : [];
    const found = exact.length === 1 ? exact : partial;
    if (found.length === 1 && found[0]) return pick(`bairro:${found[0].id}`) ?? repeat(state, ctx, 'Não encontrei esse bairro.');
    if (found.length > 1) return repeat(state, ctx, `Encontrei mais de um bairro: ${found.map((n) => n.name).join(', ')}. Qual deles?`);
  }
  return choose(state, input, ctx, pick);
}

function fromName(state: StateOf<'name'>, input: ConversationInput, ctx: ConversationContext): Outcome {
  const proceed = (name: string) => {
    const draft = { ...state.draft, name };
    return ctx.contact.phone ? to({ step: 'confirm', draft: { ...draft, phone: ctx.contact.phone } }, ctx) : to({ step: 'email', draft }, ctx);
  };
  const profileName = usableProfileName(ctx);
  if (profileName && isChosen(input, 'name:profile', namePrompt(ctx))) return proceed(profileName);
  if (input.type !== 'text') return repeat(state, ctx, 'Digite seu nome completo.');
  const name = input.text.trim().replace(/\s+/g, ' ');
  if (name.length < 3) return repeat(state, ctx, 'Informe seu nome (pelo menos 3 letras).');
  if (name.length > 120) return repeat(state, ctx, 'O nome pode ter até 120 caracteres.');
  return proceed(name);
}

function fromEmail(state: StateOf<'email'>, input: ConversationInput, ctx: ConversationContext): Outcome {
  if (input.type !== 'text') return repeat(state, ctx, 'Digite um e-mail ou um celular com DDD.');
  const email = EmailSchema.safeParse(input.text);
  if (email.success) return to({ step: 'confirm', draft: { ...state.draft, email: email.data, phone: undefined } }, ctx);
  const phone = MobilePhoneSchema.safeParse(input.text);
  if (phone.success) return to({ step: 'confirm', draft: { ...state.draft, phone: phone.data, email: undefined } }, ctx);
  return repeat(state, ctx, 'Não reconheci. Informe um e-mail, como nome@exemplo.com, ou um celular com DDD, como (14) 99123-4567.');
}

function fromFollow(state: StateOf<'follow'>, input: ConversationInput, ctx: ConversationContext): Outcome {
  if (input.type === 'text') {
    const lookup = protocolInput(input.text);
    if (lookup) return lookup;
  }
  return choose(state, input, ctx, (id) => {
    const demand = ctx.myDemands.find((d) => id === `demand:${d.id}`);
    return demand ? { state, replies: [], action: { type: 'lookup', demandId: demand.id } } : null;
  }, `Digite o número do protocolo, como ${EXAMPLE_PROTOCOL}.`);
}

function fromFollowing(state: StateOf<'following'>, input: ConversationInput, ctx: ConversationContext): Outcome {
  const prompt = followingPrompt(state);
  for (const option of prompt.options) {
    if (!isChosen(input, option.id, prompt)) continue;
    if (option.id === 'following:message') return to({ step: 'compose', demandId: state.demandId, protocol: state.protocol, purpose: 'message' }, ctx);
    if (option.id === 'following:other') return to({ step: 'follow' }, ctx);
    return to({ step: 'menu' }, ctx);
  }
  if (input.type === 'text') {
    const lookup = protocolInput(input.text);
    if (lookup) return lookup;
    // Free text about a demand this contact filed becomes a message on its timeline, for staff to see.
    if (state.canMessage) {
      return { state, replies: [], action: { type: 'add_message', demandId: state.demandId, body: input.text.trim(), purpose: 'message' } };
    }
  }
  if (input.type === 'media') return repeat(state, ctx, 'Para enviar arquivos sobre este protocolo, use o link de acompanhamento.');
  return repeat(state, ctx, 'Não entendi.');
}

// ---------------------------------------------------------------------------------------------------
// settle

export function settle(state: ConversationState, result: ActionResult, ctx: ConversationContext): Outcome {
  switch (result.type) {
    case 'filed':
      return { state: START, replies: [filedReceipt(result), text('Posso ajudar em algo mais? Envie *menu* para ver as opções.')] };
    case 'filing_rejected': {
      if (!('draft' in state)) return { state: { step: 'menu' }, replies: [menuPrompt(ctx).content] };
      return rejectedFiling(state.draft, result.fieldErrors, ctx);
    }
    case 'demand_found': {
      const next: StateOf<'following'> = {
        step: 'following',
        demandId: result.view.demandId,
        protocol: result.view.protocol,
        canMessage: true,
        fromNotification: false,
      };
      return { state: next, replies: [demandSummary(result.view, ctx.now), followingPrompt(next).content] };
    }
    case 'demand_not_found':
      return {
        state: { step: 'follow' },
        replies: [withPrefix(followPrompt(ctx).content, `Não encontramos o protocolo ${result.protocol}. Confira o número no comprovante.`)],
      };
    case 'proof_needed':
      return to({ step: 'access_code', protocol: result.protocol }, ctx);
    case 'proof_refused':
      return {
        state: { step: 'access_code', protocol: result.protocol },
        replies: [text(`${result.message} Digite de novo, ou envie *menu* para voltar.`)],
      };
    case 'rate_limited':
      return {
        state: { step: 'menu' },
        replies: [text(result.message ?? 'Você fez muitas consultas seguidas. Tente de novo daqui a alguns minutos.'), menuPrompt(ctx).content],
      };
    case 'message_added': {
      const next: StateOf<'following'> = { step: 'following', demandId: result.demandId, protocol: result.protocol, canMessage: true, fromNotification: false };
      const sent =
        result.notice ??
        (result.purpose === 'attendant'
          ? `Pronto! Sua mensagem foi juntada ao protocolo ${result.protocol}. Um atendente vai ler e responder por aqui, no horário de atendimento (${municipality.ouvidoria.hours.toLowerCase()}).`
          : `Mensagem enviada! Ela foi juntada ao protocolo ${result.protocol} e a equipe responderá por aqui.`);
      return { state: next, replies: [withPrefix(followingPrompt(next).content, sent)] };
    }
    case 'message_refused':
      return { state: { step: 'menu' }, replies: [text(result.error), menuPrompt(ctx).content] };
  }
}

function rejectedFiling(draft: Draft, fieldErrors: Partial<Record<string, string[]>>, ctx: ConversationContext): Outcome {
  const keys = Object.keys(fieldErrors);
  const messages = keys.flatMap((key) => fieldErrors[key] ?? []);
  const problem = `Não foi possível registrar: ${messages.join(' ')}`;
  const key = keys[0] ?? 'form';
  const back = stateForField(key, draft, ctx);
  const outcome = to(back, ctx);
  return { state: outcome.state, replies: outcome.replies.map((reply, i) => (i === 0 ? withPrefix(reply, problem) : reply)) };
}

/** Where to go back to when the intake refuses a field: the step that asked for it. */
export function stateForField(key: string, draft: Draft, ctx: ConversationContext): ConversationState {
  if (key === 'description') return { step: 'description', draft };
  if (key === 'addressLine') return { step: 'address', draft };
  if (key === 'neighbourhoodId') return { step: 'neighbourhood', draft, page: 0 };
  if (key === 'categoryId') return draft.service === 'balcao' ? { step: 'balcao_category', draft, page: 0 } : { step: 'ouvidoria_kind', draft };
  if (key === 'kind') return { step: 'ouvidoria_kind', draft };
  if (key === 'name') return { step: 'name', draft };
  if (key === 'email' || key === 'phone') return { step: 'email', draft };
  if (key === 'identity') return { step: 'identity', draft };
  if (key.startsWith('files') || key.startsWith('attachments')) return { step: 'attachments', draft: { ...draft, media: [] } };
  if (key.startsWith('details.')) {
    const fields = ctx.balcaoServices.find((s) => s.id === draft.categoryId)?.fields ?? [];
    const fieldIndex = Math.max(0, fields.findIndex((f) => `details.${f.name}` === key));
    return { step: 'balcao_question', draft, fieldIndex };
  }
  return { step: 'confirm', draft };
}

// ---------------------------------------------------------------------------------------------------
// Prompts: what each step shows, and which options it takes (by id, by number, by title)

type Option = { id: string; title: string; number?: number; aliases?: string[] };
type Prompt = { content: OutgoingContent; options: Option[] };

function to(state: ConversationState, ctx: ConversationContext): Outcome {
  return { state, replies: [promptFor(state, ctx).content] };
}

/** Says what went wrong and asks again, in one message. */
function repeat(state: ConversationState, ctx: ConversationContext, problem: string): Outcome {
  return { state, replies: [withPrefix(promptFor(state, ctx).content, problem)] };
}

function promptFor(state: ConversationState, ctx: ConversationContext): Prompt {
  switch (state.step) {
    case 'start':
    case 'menu':
      return menuPrompt(ctx);
    case 'ouvidoria_kind':
      return kindPrompt();
    case 'balcao_category':
      return pagedPrompt(
        ctx.balcaoServices.map((s) => ({ id: `service:${s.id}`, title: s.name })),
        state.page,
        'Qual serviço você quer pedir?',
        'Ver serviços',
      );
    case 'balcao_question': {
      const field = currentField(state, ctx);
      return field ? questionPrompt(field) : confirmPrompt(state.draft, ctx);
    }
    case 'description':
      return {
        content: text(
          state.draft.service === 'ouvidoria'
            ? 'Conte o que aconteceu, em uma mensagem: o quê, onde, quando e quem estava envolvido.'
            : 'Descreva o pedido em uma mensagem (por exemplo: o tamanho do problema e há quanto tempo está assim).',
        ),
        options: [],
      };
    case 'attachments':
      return attachmentsPrompt(state.draft);
    case 'address':
      return {
        content: text('Onde é? Envie a localização (📎 › Localização) ou digite o endereço: rua e número, ou um ponto de referência.'),
        options: [],
      };
    case 'neighbourhood':
      return pagedPrompt(
        ctx.neighbourhoods.map((n) => ({ id: `bairro:${n.id}`, title: n.name })),
        state.page,
        'Em qual bairro? Você também pode digitar o nome.',
        'Ver bairros',
      );
    case 'identity':
      return identityPrompt(state.draft);
    case 'name':
      return namePrompt(ctx);
    case 'email':
      return {
        content: text('Este WhatsApp não nos mostra o seu número. Informe um e-mail (ou um celular com DDD) para receber as respostas.'),
        options: [],
      };
    case 'confirm':
      return confirmPrompt(state.draft, ctx);
    case 'follow':
      return followPrompt(ctx);
    case 'access_code':
      return {
        content: text(
          `Para ver o protocolo ${state.protocol}, confirme que ele é seu: digite o código de acesso (se a manifestação é anônima, ` +
            'sigilosa ou uma denúncia), ou o e-mail ou o celular informado no registro.',
        ),
        options: [],
      };
    case 'following':
      return followingPrompt(state);
    case 'attendant_pick':
      return demandListPrompt(ctx, 'Sobre qual protocolo você quer falar com a equipe?');
    case 'compose':
      return {
        content: text(
          state.purpose === 'attendant'
            ? `Escreva sua mensagem para a equipe sobre o protocolo ${state.protocol}. Um atendente vai ler e responder por aqui.`
            : `Escreva sua mensagem sobre o protocolo ${state.protocol}. Ela será juntada ao histórico e a equipe responderá por aqui.`,
        ),
        options: [],
      };
  }
}

export function menuPrompt(_ctx: ConversationContext): Prompt {
  const options: (Option & { description: string })[] = [
    { id: 'menu:ouvidoria', title: 'Ouvidoria', number: 1, description: 'Reclamação, denúncia, sugestão, elogio ou pedido de informação', aliases: ['manifestacao', 'reclamacao', 'denuncia'] },
    { id: 'menu:balcao', title: 'Balcão da Cidadania', number: 2, description: 'Pedir um serviço: poda, tapa-buraco, iluminação…', aliases: ['balcao', 'servico'] },
    { id: 'menu:follow', title: 'Acompanhar protocolo', number: 3, description: 'Ver a situação de uma manifestação ou pedido', aliases: ['acompanhar', 'protocolo', 'consultar'] },
    { id: 'menu:attendant', title: 'Falar com atendente', number: 4, description: 'Enviar uma mensagem à equipe sobre um protocolo', aliases: ['atendente', 'atendimento'] },
  ];
  return {
    content: {
      kind: 'list',
      text: 'Como podemos ajudar? Toque em “Ver opções” ou digite o número.',
      button: 'Ver opções',
      rows: options.map((o) => ({ id: o.id, title: `${o.number}. ${o.title}`, description: o.description })),
    },
    options,
  };
}

const KIND_TITLES: Record<OuvidoriaKind, string> = {
  complaint: 'Reclamação',
  denunciation: 'Denúncia',
  suggestion: 'Sugestão',
  praise: 'Elogio',
  request: 'Pedir providência',
  information: 'Acesso à informação',
};

function kindPrompt(): Prompt {
  const options = OUVIDORIA_KINDS.map((kind, i) => ({ id: `kind:${kind}`, title: KIND_TITLES[kind], number: i + 1 }));
  return {
    content: {
      kind: 'list',
      text: 'Qual é o tipo da sua manifestação? Toque em “Ver tipos” ou digite o número.',
      button: 'Ver tipos',
      rows: OUVIDORIA_KINDS.map((kind, i) => ({ id: `kind:${kind}`, title: `${i + 1}. ${KIND_TITLES[kind]}`, description: KIND_HINTS[kind] })),
    },
    options,
  };
}

/**
 * Lists longer than Meta's ten rows are shown a page at a time with "more"/"back" rows. Numbers are
 * global (typing 15 picks the 15th service from any page), so the text prompt works without the list.
 */
export function pagedPrompt(items: { id: string; title: string }[], pageIndex: number, question: string, button: string): Prompt {
  const pages = paginate(items.length);
  const current = pages[Math.min(pageIndex, pages.length - 1)] ?? { start: 0, end: items.length, hasPrev: false, hasNext: false };
  const rows: ListRow[] = [];
  if (current.hasPrev) rows.push({ id: 'page:prev', title: '‹ Anteriores' });
  items.slice(current.start, current.end).forEach((item, i) => {
    const number = current.start + i + 1;
    const title = `${number}. ${item.title}`;
    rows.push({ id: item.id, title: fitTo(title, LIMITS.rowTitle), ...(title.length > LIMITS.rowTitle ? { description: fitTo(item.title, LIMITS.rowDescription) } : {}) });
  });
  if (current.hasNext) rows.push({ id: 'page:next', title: 'Mais opções ›' });
  const pageNote = pages.length > 1 ? ` (página ${pages.indexOf(current) + 1} de ${pages.length})` : '';
  return {
    content: { kind: 'list', text: `${question} Toque em “${button}” ou digite o número, de 1 a ${items.length}.${pageNote}`, button, rows },
    options: [
      ...items.map((item, i) => ({ id: item.id, title: item.title, number: i + 1 })),
      { id: 'page:prev', title: 'Anteriores', aliases: ['voltar pagina', 'anterior'] },
      { id: 'page:next', title: 'Mais opções', aliases: ['mais', 'proxima', 'proxima pagina'] },
    ],
  };
}

function paginate(total: number): { start: number; end: number; hasPrev: boolean; hasNext: boolean }[] {
  if (total <= LIMITS.listRows) return [{ start: 0, end: total, hasPrev: false, hasNext: false }];
  const pages: { start: number; end: number; hasPrev: boolean; hasNext: boolean }[] = [];
  let start = 0;
  while (start < total) {
    const hasPrev = start > 0;
    const room = LIMITS.listRows - (hasPrev ? 1 : 0);
    const fitsAll = total - start <= room;
    const end = fitsAll ? total : start + room - 1;
    pages.push({ start, end, hasPrev, hasNext: !fitsAll });
    start = end;
  }
  return pages;
}

function pageMove(state: StateOf<'balcao_category'> | StateOf<'neighbourhood'>, id: string): Outcome | null {
  if (id !== 'page:next' && id !== 'page:prev') return null;
  return { state: { ...state, page: Math.max(0, state.page + (id === 'page:next' ? 1 : -1)) }, replies: [] };
}

function questionPrompt(field: CategoryField): Prompt {
  const hint = field.hint ? `\n${field.hint}` : '';
  const skip: Option = { id: 'skip', title: 'Pular', aliases: ['pular', 'nao sei'] };
  if (field.type === 'select') {
    const options: Option[] = (field.options ?? []).map((option, i) => ({ id: `option:${i}`, title: option, number: i + 1 }));
    if (!field.required) options.push({ ...skip, number: options.length + 1 });
    const ask = `${field.label}${hint}\nToque em uma opção ou digite o número.`;
    if (options.length <= LIMITS.buttons && options.every((o) => o.title.length <= LIMITS.buttonTitle)) {
      return { content: { kind: 'buttons', text: ask, buttons: options.map((o) => ({ id: o.id, title: o.title })) }, options };
    }
    return {
      content: { kind: 'list', text: ask, button: 'Ver opções', rows: options.map((o) => ({ id: o.id, title: `${o.number}. ${o.title}` })) },
      options,
    };
  }
  if (field.required) return { content: text(`${field.label}${hint}`), options: [] };
  return {
    content: { kind: 'buttons', text: `${field.label}${hint}\nSe não quiser responder, toque em “Pular”.`, buttons: [{ id: skip.id, title: skip.title }] },
    options: [skip],
  };
}

function attachmentsPrompt(draft: Draft): Prompt {
  const none = !draft.media.length;
  const button: ReplyButton = { id: 'attachments:done', title: none ? 'Sem anexos' : 'Continuar' };
  return {
    content: {
      kind: 'buttons',
      text: none
        ? `Quer enviar fotos ou documentos (PDF)? Envie agora, até ${MAX_ATTACHMENTS} arquivos. Se não tiver, toque em “Sem anexos”.`
        : 'Envie mais arquivos ou toque em “Continuar”.',
      buttons: [button],
    },
    options: [{ ...button, number: 1, aliases: ['continuar', 'sem anexos', 'sem anexo', 'nao', 'pular', 'seguir', 'pronto'] }],
  };
}

function identityPrompt(draft: Draft): Prompt {
  // An access-to-information request names who asks (Lei 12.527 art. 10): no anonymous option for it.
  const information = draft.service === 'ouvidoria' && draft.kind === 'information';
  const options: Option[] = [
    { id: 'identity:identified', title: 'Identificada', number: 1, aliases: ['identificado'] },
    { id: 'identity:confidential', title: 'Sigilosa', number: 2, aliases: ['sigiloso', 'sigilo'] },
    ...(information ? [] : [{ id: 'identity:anonymous', title: 'Anônima', number: 3, aliases: ['anonimo', 'anonimato'] }]),
  ];
  return {
    content: {
      kind: 'buttons',
      text:
        'Como quer se identificar?\n' +
        '1. *Identificada*: seu nome acompanha o registro e você recebe as respostas por aqui.\n' +
        '2. *Sigilosa*: só a Ouvidoria vê seus dados; as secretarias não sabem quem você é.' +
        (information
          ? '\nO pedido de acesso à informação precisa identificar quem pede (Lei nº 12.527/2011); com a opção sigilosa, só a Ouvidoria vê seus dados.'
          : '\n3. *Anônima*: nenhum dado seu é guardado, nem este número. Você acompanha com o protocolo e um código de acesso, e não recebe avisos.'),
      buttons: options.map((o) => ({ id: o.id, title: o.title })),
    },
    options,
  };
}

function usableProfileName(ctx: ConversationContext): string | null {
  const name = ctx.contact.profileName?.trim().replace(/\s+/g, ' ') ?? '';
  return name.length >= 3 && name.length <= 120 ? name : null;
}

function namePrompt(ctx: ConversationContext): Prompt {
  const profileName = usableProfileName(ctx);
  if (!profileName) return { content: text('Qual é o seu nome completo?'), options: [] };
  const option: Option = { id: 'name:profile', title: 'Usar este nome', number: 1, aliases: ['sim', 'usar', 'esse', 'este'] };
  return {
    content: {
      kind: 'buttons',
      text: `Vamos registrar em nome de *${profileName}*. Toque em “Usar este nome” ou digite seu nome completo.`,
      buttons: [{ id: option.id, title: option.title }],
    },
    options: [option],
  };
}

function confirmPrompt(draft: Draft, ctx: ConversationContext): Prompt {
  const options: Option[] = [
    { id: 'confirm:yes', title: 'Confirmar', number: 1, aliases: ['sim', 'confirmo', 'ok', 'registrar'] },
    { id: 'confirm:no', title: 'Cancelar', number: 2, aliases: ['nao'] },
  ];
  return {
    content: { kind: 'buttons', text: `Confira antes de registrar:\n${draftSummary(draft, ctx)}\n\nConfirma o registro?`, buttons: options.map((o) => ({ id: o.id, title: o.title })) },
    options,
  };
}

export function draftSummary(draft: Draft, ctx: ConversationContext): string {
  const lines: string[] = [];
  if (draft.service === 'ouvidoria') {
    lines.push(`• Ouvidoria: ${draft.kind ? KIND_TITLES[draft.kind] : '—'}`);
  } else {
    const service = ctx.balcaoServices.find((s) => s.id === draft.categoryId);
    lines.push(`• Balcão da Cidadania: ${service?.name ?? '—'}`);
    for (const field of service?.fields ?? []) {
      const answer = draft.details[field.name];
      if (answer) lines.push(`• ${field.label} ${answer}`);
    }
  }
  lines.push(`• Descrição: ${fitTo(draft.description ?? '', 300)}`);
  if (draft.service === 'balcao') {
    const bairro = ctx.neighbourhoods.find((n) => n.id === draft.neighbourhoodId)?.name;
    lines.push(`• Local: ${draft.addressLine ?? '—'}${bairro ? `, ${bairro}` : ''}`);
  }
  if (draft.media.length) lines.push(`• Anexos: ${draft.media.length === 1 ? '1 arquivo' : `${draft.media.length} arquivos`}`);
  const identity = draft.identity === 'anonymous' ? 'Anônima' : draft.identity === 'confidential' ? 'Sigilosa' : 'Identificada';
  const who = [draft.name, draft.email].filter(Boolean).join(', ');
  lines.push(`• Identificação: ${identity}${who ? ` (${who})` : ''}`);
  return lines.join('\n');
}

function followPrompt(ctx: ConversationContext): Prompt {
  if (!ctx.myDemands.length) return { content: text(`Digite o número do protocolo, como ${EXAMPLE_PROTOCOL}.`), options: [] };
  return demandListPrompt(ctx, `Digite o número do protocolo (como ${EXAMPLE_PROTOCOL}) ou escolha um dos seus em “Meus protocolos”.`, 'Meus protocolos');
}

function demandListPrompt(ctx: ConversationContext, question: string, button = 'Ver protocolos'): Prompt {
  const demands = ctx.myDemands.slice(0, LIMITS.listRows);
  const options = demands.map((d, i) => ({ id: `demand:${d.id}`, title: d.protocol, number: i + 1 }));
  return {
    content: {
      kind: 'list',
      text: question,
      button,
      rows: demands.map((d) => ({ id: `demand:${d.id}`, title: d.protocol, description: `${STATE_LABELS[d.state]} · ${d.subject}` })),
    },
    options,
  };
}

function followingPrompt(state: StateOf<'following'>): Prompt {
  const options: Option[] = [
    ...(state.canMessage ? [{ id: 'following:message', title: 'Enviar mensagem', aliases: ['mensagem', 'enviar'] }] : []),
    { id: 'following:other', title: 'Outro protocolo', aliases: ['outro'] },
    { id: 'following:menu', title: 'Menu', aliases: [] },
  ].map((o, i) => ({ ...o, number: i + 1 }));
  const ask = state.canMessage
    ? `Quer mandar uma mensagem sobre o protocolo ${state.protocol}? Toque em “Enviar mensagem” ou escreva direto aqui.`
    : 'O que deseja agora?';
  return { content: { kind: 'buttons', text: ask, buttons: options.map((o) => ({ id: o.id, title: o.title })) }, options };
}

/** A typed option: its id from a button/list, its number, its title or one of its aliases. */
function isChosen(input: ConversationInput, id: string, prompt: Prompt): boolean {
  const option = prompt.options.find((o) => o.id === id);
  if (!option) return false;
  if (input.type === 'choice') return input.id === id;
  if (input.type !== 'text') return false;
  const typed = normalize(input.text).replace(/[.)]$/, '');
  if (option.number !== undefined && typed === String(option.number)) return true;
  return normalize(option.title) === typed || (option.aliases ?? []).includes(typed);
}

function choose(
  state: ConversationState,
  input: ConversationInput,
  ctx: ConversationContext,
  pick: (id: string) => Outcome | null,
  notUnderstood = 'Não entendi.',
): Outcome {
  const prompt = promptFor(state, ctx);
  for (const option of prompt.options) {
    if (!isChosen(input, option.id, prompt)) continue;
    const outcome = pick(option.id);
    if (!outcome) break;
    // A page move keeps the step: show the page it moved to.
    return outcome.replies.length || outcome.action ? outcome : to(outcome.state, ctx);
  }
  if (input.type === 'media') return repeat(state, ctx, 'Recebi o arquivo, mas agora preciso de outra resposta.');
  if (input.type === 'location') return repeat(state, ctx, 'Recebi a localização, mas agora preciso de outra resposta.');
  const numbered = prompt.options.filter((o) => o.number !== undefined).length;
  return repeat(state, ctx, numbered ? `${notUnderstood} Escolha uma opção (de 1 a ${numbered}).` : notUnderstood);
}

// ---------------------------------------------------------------------------------------------------
// Filing helpers

function toDescription(draft: Draft, ctx: ConversationContext): Outcome {
  return to({ step: 'description', draft }, ctx);
}

function currentField(state: StateOf<'balcao_question'>, ctx: ConversationContext): CategoryField | undefined {
  return ctx.balcaoServices.find((s) => s.id === state.draft.categoryId)?.fields[state.fieldIndex];
}

function afterCategory(draft: Draft, ctx: ConversationContext): Outcome {
  const fields = ctx.balcaoServices.find((s) => s.id === draft.categoryId)?.fields ?? [];
  return fields.length ? to({ step: 'balcao_question', draft, fieldIndex: 0 }, ctx) : afterQuestions(draft, ctx);
}

function afterQuestion(draft: Draft, fieldIndex: number, ctx: ConversationContext): Outcome {
  const fields = ctx.balcaoServices.find((s) => s.id === draft.categoryId)?.fields ?? [];
  return fieldIndex + 1 < fields.length ? to({ step: 'balcao_question', draft, fieldIndex: fieldIndex + 1 }, ctx) : afterQuestions(draft, ctx);
}

function afterQuestions(draft: Draft, ctx: ConversationContext): Outcome {
  return toDescription(draft, ctx);
}

function withoutDetail(draft: Draft, name: string): Draft {
  const details = { ...draft.details };
  delete details[name];
  return { ...draft, details };
}

/**
 * The intake object for `fileDemand`. The Ouvidoria asks for a subject on the web form; on WhatsApp the
 * first sentence of the description stands in for it (staff can reclassify), one question fewer.
 */
export function intakeFromDraft(draft: Draft): Record<string, unknown> {
  const requester =
    draft.identity === 'anonymous'
      ? { identity: 'anonymous' }
      : { identity: draft.identity ?? 'identified', name: draft.name, email: draft.email, phone: draft.phone, notifyByWhatsapp: Boolean(draft.phone) };
  if (draft.service === 'ouvidoria') {
    return { service: 'ouvidoria', kind: draft.kind, subject: subjectFrom(draft.description ?? ''), description: draft.description, ...requester };
  }
  return {
    service: 'balcao',
    categoryId: draft.categoryId,
    description: draft.description,
    addressLine: draft.addressLine,
    neighbourhoodId: draft.neighbourhoodId,
    latitude: draft.latitude,
    longitude: draft.longitude,
    details: draft.details,
    ...requester,
  };
}

export function subjectFrom(description: string): string {
  const clean = description.replace(/\s+/g, ' ').trim();
  const sentence = clean.split(/(?<=[.!?])\s/)[0] ?? clean;
  if (sentence.length <= 100) return sentence;
  const cut = sentence.slice(0, 99);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60)).trimEnd()}…`;
}

// ---------------------------------------------------------------------------------------------------
// Texts

function text(body: string): OutgoingContent {
  return { kind: 'text', text: body };
}

function withPrefix(content: OutgoingContent, prefix: string): OutgoingContent {
  if (content.kind === 'template') return content;
  return { ...content, text: `${prefix}\n\n${content.text}` };
}

function filedReceipt(result: Extract<ActionResult, { type: 'filed' }>): OutgoingContent {
  const what = result.service === 'ouvidoria' ? 'sua manifestação na Ouvidoria' : 'seu pedido ao Balcão da Cidadania';
  const lines = [
    `Pronto! Registramos ${what}.`,
    `Protocolo: *${result.protocol}*`,
    `Prazo de resposta: até ${formatDate(result.dueOn)}.`,
  ];
  if (result.accessCode && result.anonymous) {
    lines.push(
      `Código de acesso: *${result.accessCode}*`,
      'Guarde o protocolo e o código: eles não serão mostrados de novo e são a única forma de acompanhar uma manifestação anônima. Não guardamos este número nem enviaremos avisos.',
    );
  } else if (result.accessCode) {
    lines.push(
      `Código de acesso: *${result.accessCode}*`,
      'Guarde o código: ele não será mostrado de novo. Para proteger sua identidade, o site só abre esta manifestação com o protocolo e este código, nunca com o seu e-mail ou celular.',
      'Você receberá aqui cada novidade.',
    );
  } else {
    lines.push('Você receberá aqui cada novidade. Para acompanhar, envie o número do protocolo a qualquer momento.');
  }
  lines.push(`Acompanhe também pelo site: ${result.statusUrl}`);
  if (result.skippedFiles.length) {
    lines.push(`Não anexamos: ${result.skippedFiles.map((f) => `${f.name} (${f.reason})`).join('; ')}.`);
  }
  return text(lines.join('\n'));
}

export function demandSummary(view: DemandView, now: Date): OutgoingContent {
  const lines = [`Protocolo *${view.protocol}* — ${SERVICE_LABELS[view.service]}`, `Assunto: ${view.subject}`, `Situação: *${STATE_LABELS[view.state]}*`];
  if (view.lastMovement) {
    const body = view.lastMovement.body ? `: ${fitTo(view.lastMovement.body, 700)}` : '';
    lines.push(`Última movimentação: ${view.lastMovement.label}, em ${formatDate(view.lastMovement.at)}${body}`);
  }
  lines.push(deadlineLine(view, now));
  if (view.appealLine) lines.push(view.appealLine);
  lines.push(`Veja tudo em: ${view.statusUrl}`);
  return text(lines.join('\n'));
}

function deadlineLine(view: DemandView, now: Date): string {
  if (view.state === 'answered' || view.state === 'closed' || view.state === 'archived') return `Prazo de resposta era ${formatDate(view.dueOn)}.`;
  if (view.state === 'awaiting_citizen') return 'Prazo suspenso enquanto aguardamos as informações pedidas a você.';
  const { daysLeft } = deadlineStatus(view.dueOn, now);
  const left =
    daysLeft > 1 ? `faltam ${daysLeft} dias` : daysLeft === 1 ? 'falta 1 dia' : daysLeft === 0 ? 'vence hoje' : `venceu há ${-daysLeft} ${daysLeft === -1 ? 'dia' : 'dias'}`;
  return `Prazo de resposta: até ${formatDate(view.dueOn)} (${left}).`;
}

function attendantWithoutDemand(): OutgoingContent {
  const { ouvidoria, balcao } = municipality;
  const phone = ouvidoria.tollFree ?? ouvidoria.phones[0] ?? '';
  return text(
    'Para falar com a equipe por aqui, primeiro registre sua manifestação (opção 1) ou seu pedido (opção 2): ' +
      'assim tudo fica com protocolo e prazo, e a resposta chega por este WhatsApp. ' +
      `Se preferir, ligue: Ouvidoria ${phone}, Balcão da Cidadania ${balcao.phones[0] ?? ''} (${ouvidoria.hours.toLowerCase()}).`,
  );
}

function unsupportedNotice(messageType: string, state: ConversationState): string {
  const files = state.step === 'attachments' ? ' Fotos e documentos em PDF podem ser enviados.' : '';
  if (messageType === 'audio') return `Ainda não consigo ouvir áudios. Por favor, escreva sua mensagem.${files}`;
  if (messageType === 'video') return `Vídeos não são aceitos. Por favor, escreva sua mensagem.${files}`;
  if (messageType === CONTROL_CHARACTERS_TYPE) {
    return 'Sua mensagem tinha caracteres invisíveis (de controle), que costumam vir de texto colado de outro aplicativo, e não pôde ser guardada. Escreva a mensagem de novo, digitando o texto.';
  }
  return `Não consigo ler esse tipo de mensagem. Por favor, escreva em texto.${files}`;
}

/** A protocol typed where one could be: a valid number is looked up; a wrong check digit is explained. */
function protocolInput(typed: string): Outcome | null {
  const digits = typed.replace(/[\s.\-/]/g, '');
  if (!/^\d{11,13}$/.test(digits)) return null;
  const parsed = parseProtocol(typed);
  if (parsed.ok) return { state: { step: 'follow' }, replies: [], action: { type: 'lookup', protocol: parsed.protocol } };
  if (parsed.reason === 'check_digit') {
    return {
      state: { step: 'follow' },
      replies: [
        text(
          `O número ${typed.trim()} não confere: o último dígito (o dígito verificador) não corresponde aos anteriores, ` +
            `então algum número foi digitado errado. Confira no comprovante e digite de novo, como ${EXAMPLE_PROTOCOL}.`,
        ),
      ],
    };
  }
  return {
    state: { step: 'follow' },
    replies: [text(`Não reconheci esse número de protocolo. Ele tem o formato ${EXAMPLE_PROTOCOL}: ano, número e dígito verificador.`)],
  };
}

function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Resposta inválida.';
}

/** Lower case, no accents, single spaces: how typed answers are compared. */
export function normalize(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[!?¡¿]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** For callers that need to know whether a state is in the middle of filing (it has a draft). */
export function isFiling(state: ConversationState): state is DraftState {
  return 'draft' in state;
}
