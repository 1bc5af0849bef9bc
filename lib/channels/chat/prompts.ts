import type { CategoryField } from '@/lib/domain/category-fields';
import { KIND_HINTS, STATE_LABELS } from '@/lib/domain/labels';
import { EXAMPLE_PROTOCOL } from '@/lib/domain/protocol';
import { OUVIDORIA_KINDS, type OuvidoriaKind } from '@/lib/domain/vocabulary';
import { fitTo, LIMITS, type ListRow, type OutgoingContent, type ReplyButton } from './content';
import { surfaceOf, type ConversationContext, type JoinOption, type ConversationInput, type ConversationState, type Draft, type Outcome, type StateOf } from './state';
import { normalize, text, withPrefix } from './texts';

/**
 * What each step shows and which options it takes — by id (a tapped button or row), by number, by title
 * or by an alias — so that every prompt works with buttons and lists and with typed answers alike.
 */

export const MAX_ATTACHMENTS = 5;


export type Option = { id: string; title: string; number?: number; aliases?: string[] };
export type Prompt = { content: OutgoingContent; options: Option[] };

export function currentField(state: StateOf<'balcao_question'>, ctx: ConversationContext): CategoryField | undefined {
  return ctx.balcaoServices.find((s) => s.id === state.draft.categoryId)?.fields[state.fieldIndex];
}

export function to(state: ConversationState, ctx: ConversationContext): Outcome {
  return { state, replies: [promptFor(state, ctx).content] };
}

/** Says what went wrong and asks again, in one message. */
export function repeat(state: ConversationState, ctx: ConversationContext, problem: string): Outcome {
  return { state, replies: [withPrefix(promptFor(state, ctx).content, problem)] };
}

export function promptFor(state: ConversationState, ctx: ConversationContext): Prompt {
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
        content: text(
          surfaceOf(ctx).sharesLocation
            ? 'Onde é? Envie a localização (📎 › Localização) ou digite o endereço: rua e número, ou um ponto de referência.'
            : 'Onde é? Digite o endereço: rua e número, ou um ponto de referência.',
        ),
        options: [],
      };
    case 'neighbourhood':
      return pagedPrompt(
        ctx.neighbourhoods.map((n) => ({ id: `bairro:${n.id}`, title: n.name })),
        state.page,
        'Em qual bairro? Você também pode digitar o nome.',
        'Ver bairros',
      );
    case 'join_offer':
      return joinPrompt(state, ctx);
    case 'identity':
      return identityPrompt(state.draft, ctx);
    case 'name':
      return namePrompt(ctx);
    case 'email':
      return {
        content: text(
          surfaceOf(ctx).platform === 'whatsapp'
            ? 'Este WhatsApp não nos mostra o seu número. Informe um e-mail (ou um celular com DDD) para receber as respostas.'
            : `Informe um e-mail (ou um celular com DDD) para receber as respostas também fora do ${surfaceOf(ctx).name}.`,
        ),
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

export const KIND_TITLES: Record<OuvidoriaKind, string> = {
  complaint: 'Reclamação',
  denunciation: 'Denúncia',
  suggestion: 'Sugestão',
  praise: 'Elogio',
  request: 'Pedir providência',
  information: 'Acesso à informação',
};

export function kindPrompt(): Prompt {
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

export function paginate(total: number): { start: number; end: number; hasPrev: boolean; hasNext: boolean }[] {
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

export function pageMove(state: StateOf<'balcao_category'> | StateOf<'neighbourhood'>, id: string): Outcome | null {
  if (id !== 'page:next' && id !== 'page:prev') return null;
  return { state: { ...state, page: Math.max(0, state.page + (id === 'page:next' ? 1 : -1)) }, replies: [] };
}

export function questionPrompt(field: CategoryField): Prompt {
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

export function attachmentsPrompt(draft: Draft): Prompt {
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

export function identityPrompt(draft: Draft, ctx: ConversationContext): Prompt {
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
          : `\n3. *Anônima*: nenhum dado seu é guardado, nem ${surfaceOf(ctx).handle}. Você acompanha com o protocolo e um código de acesso, e não recebe avisos.`),
      buttons: options.map((o) => ({ id: o.id, title: o.title })),
    },
    options,
  };
}

/**
 * "Já pediram isto aqui perto": each open request by number (protocol, bairro or distance, date, state,
 * supporters — never a name or what its requester typed), and one more number to file anyway.
 */
export function joinPrompt(state: StateOf<'join_offer'>, ctx: ConversationContext): Prompt {
  const service = ctx.balcaoServices.find((s) => s.id === state.draft.categoryId)?.name;
  const own = state.suggestions.length + 1;
  const place = (s: JoinOption) => [s.neighbourhood, s.where].filter(Boolean).join(', ');
  const supporters = (s: JoinOption) => (s.followers ? ` · ${s.followers === 1 ? '1 apoio' : `${s.followers} apoios`}` : '');
  const lines = state.suggestions.map(
    (s, i) => `${i + 1}. Protocolo ${s.protocol}${service ? ` — ${service}` : ''} — ${place(s)} — registrado em ${s.filedOn} — ${s.state}${supporters(s)}`,
  );
  const body =
    `Já pediram isto aqui perto:\n${lines.join('\n')}\n\n` +
    'Se for o mesmo problema, digite o número para apoiar o pedido: você recebe as respostas dele e fica com seu próprio protocolo e prazo. ' +
    `Para registrar o seu pedido separado, digite ${own} (ou qualquer outra resposta).`;
  const options: Option[] = [
    ...state.suggestions.map((s, i) => ({ id: `join:${s.id}`, title: s.protocol, number: i + 1 })),
    { id: 'join:none', title: 'Registrar o meu', number: own, aliases: ['nao', 'novo', 'registrar', 'separado'] },
  ];
  return {
    content: {
      kind: 'list',
      text: fitTo(body, LIMITS.interactiveBody),
      button: 'Ver pedidos',
      rows: [
        ...state.suggestions.map((s, i) => ({
          id: `join:${s.id}`,
          title: `${i + 1}. ${s.protocol}`,
          description: fitTo(`${s.state} · ${s.filedOn} · ${s.neighbourhood ?? s.where}`, LIMITS.rowDescription),
        })),
        { id: 'join:none', title: `${own}. Registrar o meu`, description: 'Não é o mesmo problema: registrar um pedido novo' },
      ],
    },
    options,
  };
}

export function usableProfileName(ctx: ConversationContext): string | null {
  const name = ctx.contact.profileName?.trim().replace(/\s+/g, ' ') ?? '';
  return name.length >= 3 && name.length <= 120 ? name : null;
}

export function namePrompt(ctx: ConversationContext): Prompt {
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

export function confirmPrompt(draft: Draft, ctx: ConversationContext): Prompt {
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
    if (draft.join) lines.push(`• Apoia a solicitação: ${draft.join.protocol} (a resposta dela também responde o seu pedido)`);
  }
  if (draft.media.length) lines.push(`• Anexos: ${draft.media.length === 1 ? '1 arquivo' : `${draft.media.length} arquivos`}`);
  const identity = draft.identity === 'anonymous' ? 'Anônima' : draft.identity === 'confidential' ? 'Sigilosa' : 'Identificada';
  const who = [draft.name, draft.email].filter(Boolean).join(', ');
  lines.push(`• Identificação: ${identity}${who ? ` (${who})` : ''}`);
  return lines.join('\n');
}

export function followPrompt(ctx: ConversationContext): Prompt {
  if (!ctx.myDemands.length) return { content: text(`Digite o número do protocolo, como ${EXAMPLE_PROTOCOL}.`), options: [] };
  return demandListPrompt(ctx, `Digite o número do protocolo (como ${EXAMPLE_PROTOCOL}) ou escolha um dos seus em “Meus protocolos”.`, 'Meus protocolos');
}

export function demandListPrompt(ctx: ConversationContext, question: string, button = 'Ver protocolos'): Prompt {
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

export function followingPrompt(state: StateOf<'following'>): Prompt {
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
export function isChosen(input: ConversationInput, id: string, prompt: Prompt): boolean {
  const option = prompt.options.find((o) => o.id === id);
  if (!option) return false;
  if (input.type === 'choice') return input.id === id;
  if (input.type !== 'text') return false;
  const typed = normalize(input.text).replace(/[.)]$/, '');
  if (option.number !== undefined && typed === String(option.number)) return true;
  return normalize(option.title) === typed || (option.aliases ?? []).includes(typed);
}

export function choose(
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

