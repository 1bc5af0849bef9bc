import { BalcaoIntakeSchema, EmailSchema, MobilePhoneSchema, OuvidoriaIntakeSchema } from '@/lib/domain/intake-schema';
import { parseProtocol, EXAMPLE_PROTOCOL } from '@/lib/domain/protocol';
import { IDENTITIES, OUVIDORIA_KINDS } from '@/lib/domain/vocabulary';
import { municipality } from '@/lib/municipality';
import { fitTo } from './content';
import { placeOfSharedLocation } from './location';
import {
  attachmentsPrompt,
  choose,
  currentField,
  followingPrompt,
  joinPrompt,
  isChosen,
  MAX_ATTACHMENTS,
  menuPrompt,
  namePrompt,
  pageMove,
  promptFor,
  repeat,
  to,
  usableProfileName,
} from './prompts';
import {
  START,
  surfaceOf,
  type ConversationContext,
  type ConversationInput,
  type ConversationState,
  type Draft,
  type Outcome,
  type StateOf,
} from './state';
import { attendantWithoutDemand, expiryNotice, firstMessage, normalize, protocolInput, text, unsupportedNotice, withPrefix } from './texts';

/**
 * The guided conversation as a pure state machine, the same for WhatsApp, Messenger and Instagram:
 * `advance` takes the stored state, one message and what the database knows (catalogue, this contact's
 * demands) and returns the next state, the replies, and at most one action for the I/O layer (file the
 * demand, look a protocol up, add a message); `settle` (./settle.ts) turns the action's result into the
 * final state and replies. Every prompt works with buttons and lists and with typed numbers or words,
 * since many phones and people do not use the buttons.
 *
 * A new step is a new entry in ConversationStateSchema (./state.ts), its prompt in `promptFor`
 * (./prompts.ts) and its handler here.
 */

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
    case 'join_offer':
      return fromJoinOffer(state, input, ctx);
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
        if (!ctx.myDemands.length) return { state: { step: 'menu' }, replies: [attendantWithoutDemand(surfaceOf(ctx)), menuPrompt(ctx).content] };
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
    const place = placeOfSharedLocation(input, ctx.neighbourhoods);
    if (!place.ok) return repeat(state, ctx, place.message);
    const named = [input.name, input.address].filter(Boolean).join(', ');
    const addressLine = fitTo(named || `Localização enviada pelo ${surfaceOf(ctx).name} (${input.latitude.toFixed(5)}, ${input.longitude.toFixed(5)})`, 200);
    const draft = { ...state.draft, addressLine, latitude: input.latitude, longitude: input.longitude };
    // The point says the bairro where the município has drawn it: asking again would only invite a wrong answer.
    if (place.neighbourhoodId) return beforeIdentity({ ...draft, neighbourhoodId: place.neighbourhoodId });
    return to({ step: 'neighbourhood', draft, page: 0 }, ctx);
  }
  if (input.type !== 'text') return repeat(state, ctx, 'Envie a localização ou digite o endereço.');
  const parsed = BalcaoIntakeSchema.shape.addressLine.safeParse(input.text);
  if (!parsed.success) return repeat(state, ctx, firstMessage(parsed.error));
  const draft = { ...state.draft, addressLine: parsed.data, latitude: undefined, longitude: undefined };
  return to({ step: 'neighbourhood', draft, page: 0 }, ctx);
}

/**
 * Where and what are known: before asking who the citizen is, the I/O layer looks for open requests of the
 * same service nearby or alike ("Já pediram isto aqui perto"); settle offers them, or goes on to identity.
 */
function beforeIdentity(draft: Draft): Outcome {
  const ready: Draft = { ...draft, join: undefined };
  return { state: { step: 'identity', draft: ready }, replies: [], action: { type: 'suggest_duplicates', draft: ready } };
}

/** A number joins that request; anything else files the citizen's own (the offer never blocks filing). */
function fromJoinOffer(state: StateOf<'join_offer'>, input: ConversationInput, ctx: ConversationContext): Outcome {
  const prompt = joinPrompt(state, ctx);
  const chosen = prompt.options.find((option) => isChosen(input, option.id, prompt));
  const suggestion = chosen ? state.suggestions.find((s) => chosen.id === `join:${s.id}`) : undefined;
  if (suggestion) {
    const draft: Draft = { ...state.draft, join: { demandId: suggestion.id, protocol: suggestion.protocol } };
    return { state: { step: 'identity', draft }, replies: [withPrefix(promptFor({ step: 'identity', draft }, ctx).content, joinedNotice(suggestion.protocol))] };
  }
  return { state: { step: 'identity', draft: state.draft }, replies: [withPrefix(promptFor({ step: 'identity', draft: state.draft }, ctx).content, 'Certo: vamos registrar o seu pedido.')] };
}

function joinedNotice(protocol: string): string {
  return `Certo: você vai apoiar a solicitação ${protocol}. Seu pedido terá protocolo e prazo próprios, e a resposta dela também responde o seu.`;
}

function fromNeighbourhood(state: StateOf<'neighbourhood'>, input: ConversationInput, ctx: ConversationContext): Outcome {
  const pick = (id: string): Outcome | null => {
    const moved = pageMove(state, id);
    if (moved) return moved;
    const bairro = ctx.neighbourhoods.find((n) => id === `bairro:${n.id}`);
    return bairro ? beforeIdentity({ ...state.draft, neighbourhoodId: bairro.id }) : null;
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


function toDescription(draft: Draft, ctx: ConversationContext): Outcome {
  return to({ step: 'description', draft }, ctx);
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

