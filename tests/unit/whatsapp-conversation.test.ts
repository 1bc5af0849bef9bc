import { describe, expect, it } from 'vitest';
import {
  advance,
  draftSummary,
  expiresAtFor,
  expiryNotice,
  intakeFromDraft,
  pagedPrompt,
  settle,
  START,
  subjectFrom,
  type ConversationContext,
  type ConversationInput,
  type ConversationState,
  type Outcome,
} from '@/lib/channels/chat/conversation';
import { IntakeSchema } from '@/lib/domain/intake-schema';
import { formatProtocol } from '@/lib/domain/protocol';
import { municipality } from '@/lib/municipality';
import type { OutgoingContent } from '@/lib/channels/chat/content';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The seeded catalogue and bairros, with stable ids, as the conversation sees them. */
const services = [...municipality.services]
  .sort((a, b) => a.name.localeCompare(b.name, 'pt-BR'))
  .map((s, i) => ({ id: uuid(100 + i), name: s.name, fields: s.fields ?? [] }));
const bairros = municipality.neighbourhoods.map((n, i) => ({ id: uuid(500 + i), name: n.name })).sort((a, b) => a.name.localeCompare(b.name, 'pt-BR'));
const serviceNamed = (name: string) => {
  const service = services.find((s) => s.name === name);
  if (!service) throw new Error(name);
  return service;
};

function context(overrides: Partial<ConversationContext> = {}): ConversationContext {
  return {
    now: new Date('2026-05-04T13:00:00Z'),
    balcaoServices: services,
    neighbourhoods: bairros,
    contact: { profileName: 'Maria da Silva', phone: '+5514991234567' },
    myDemands: [],
    ...overrides,
  };
}

const draftSummaryOf = (draft: Parameters<typeof draftSummary>[0]) => draftSummary(draft, context());
const say = (text: string): ConversationInput => ({ type: 'text', text });
const tap = (id: string, title = id): ConversationInput => ({ type: 'choice', id, title });
const photo = (n: number, mimeType = 'image/jpeg'): ConversationInput => ({
  type: 'media',
  media: { mediaId: `media-${n}`, kind: 'image', mimeType, sha256: 'abc' },
});

/** Feeds inputs one after another, as the processing loop does. */
function run(inputs: ConversationInput[], ctx = context(), from: ConversationState = START): Outcome {
  let outcome: Outcome = { state: from, replies: [] };
  for (const input of inputs) {
    if (outcome.action) throw new Error(`unexpected action before ${JSON.stringify(input)}`);
    outcome = advance(outcome.state, input, ctx);
  }
  return outcome;
}

function textOf(content: OutgoingContent | undefined): string {
  if (!content || content.kind === 'template') return '';
  return content.text;
}

function lastText(outcome: Outcome): string {
  return textOf(outcome.replies.at(-1));
}

describe('the WhatsApp conversation', () => {
  it('greets by first name and offers the four options as a list', () => {
    const outcome = run([say('Oi')]);
    expect(outcome.state).toEqual({ step: 'menu' });
    expect(textOf(outcome.replies[0])).toContain('Olá, Maria!');
    const menu = outcome.replies[1];
    expect(menu?.kind).toBe('list');
    if (menu?.kind !== 'list') return;
    expect(menu.rows.map((r) => r.id)).toEqual(['menu:ouvidoria', 'menu:balcao', 'menu:follow', 'menu:attendant']);
    expect(menu.rows.every((r) => r.title.length <= 24 && (r.description ?? '').length <= 72)).toBe(true);
  });

  it.each([
    ['a typed number', say('2')],
    ['a typed number with a dot', say('2.')],
    ['the option name', say('Balcão da Cidadania')],
    ['the list row', tap('menu:balcao', '2. Balcão da Cidadania')],
  ])('takes the menu choice from %s', (_how, input) => {
    const outcome = run([say('oi'), input]);
    expect(outcome.state.step).toBe('balcao_category');
  });

  it('files an Ouvidoria complaint: kind, description, photos, identity, name, confirmation', () => {
    let outcome = run([say('oi'), say('1')]);
    expect(outcome.state.step).toBe('ouvidoria_kind');
    outcome = run([say('1')], context(), outcome.state);
    expect(outcome.state.step).toBe('description');

    const tooShort = run([say('Demorou muito')], context(), outcome.state);
    expect(tooShort.state.step).toBe('description');
    expect(lastText(tooShort)).toContain('pelo menos 20 caracteres');

    outcome = run([say('Esperei quatro horas na UBS do Lavapés sem nenhuma informação da equipe.')], context(), outcome.state);
    expect(outcome.state.step).toBe('attachments');
    outcome = run([photo(1), photo(2, 'application/pdf')], context(), outcome.state);
    expect(lastText(outcome)).toContain('Recebi 2 arquivos.');
    const refused = run([photo(3, 'video/mp4')], context(), outcome.state);
    expect(lastText(refused)).toContain('não é aceito');
    if (refused.state.step !== 'attachments') throw new Error('left the step');
    expect(refused.state.draft.media).toHaveLength(2);

    outcome = run([tap('attachments:done', 'Continuar')], context(), outcome.state);
    expect(outcome.state.step).toBe('identity');
    outcome = run([say('identificada'), tap('name:profile', 'Usar este nome')], context(), outcome.state);
    expect(outcome.state.step).toBe('confirm');
    expect(lastText(outcome)).toContain('• Ouvidoria: Reclamação');
    expect(lastText(outcome)).toContain('• Anexos: 2 arquivos');

    outcome = run([say('sim')], context(), outcome.state);
    expect(outcome.action?.type).toBe('file_demand');
    if (outcome.action?.type !== 'file_demand') return;
    const intake = IntakeSchema.safeParse(intakeFromDraft(outcome.action.draft));
    expect(intake.success && intake.data).toMatchObject({
      service: 'ouvidoria',
      kind: 'complaint',
      subject: 'Esperei quatro horas na UBS do Lavapés sem nenhuma informação da equipe.',
      name: 'Maria da Silva',
      phone: '+5514991234567',
      notifyByWhatsapp: true,
      identity: 'identified',
    });
    expect(outcome.action.draft.media.map((m) => m.mediaId)).toEqual(['media-1', 'media-2']);
  });

  it('files a Balcão request: a paged catalogue, the service questions, a shared location, a typed bairro', () => {
    let outcome = run([say('oi'), say('2')]);
    const firstPage = outcome.replies.at(-1);
    expect(firstPage?.kind === 'list' && firstPage.rows.length).toBe(10);
    expect(firstPage?.kind === 'list' && firstPage.rows.at(-1)?.id).toBe('page:next');

    outcome = run([tap('page:next')], context(), outcome.state);
    const secondPage = outcome.replies.at(-1);
    expect(secondPage?.kind === 'list' && secondPage.rows[0]?.id).toBe('page:prev');

    // Typed numbers are global: the service numbered on a later page is picked from any page.
    const number = services.findIndex((s) => s.name === 'Poda de árvore') + 1;
    outcome = run([say(String(number))], context(), outcome.state);
    expect(outcome.state.step).toBe('balcao_question');
    expect(outcome.replies.at(-1)?.kind).toBe('list'); // four places: more than three buttons
    outcome = run([say('2')], context(), outcome.state);
    const risk = outcome.replies.at(-1);
    expect(risk?.kind).toBe('buttons');
    outcome = run([tap('option:1', 'Sim')], context(), outcome.state);
    expect(outcome.state.step).toBe('description');

    outcome = run([say('Galho grande encostando na fiação da rua.'), say('sem anexos')], context(), outcome.state);
    expect(outcome.state.step).toBe('address');
    // A point where the município drew no bairro: the bairro is still asked.
    outcome = run([{ type: 'location', latitude: -22.95, longitude: -48.35, name: 'Estrada Municipal', address: 'Botucatu' }], context(), outcome.state);
    expect(outcome.state.step).toBe('neighbourhood');

    const ambiguous = run([say('vila')], context(), outcome.state);
    expect(lastText(ambiguous)).toContain('mais de um bairro');
    outcome = run([say('vila jau')], context(), outcome.state);
    // Before asking who files, the I/O layer looks for open requests alike; none here.
    expect(outcome.action).toMatchObject({ type: 'suggest_duplicates' });
    outcome = settle(outcome.state, { type: 'duplicates_found', suggestions: [] }, context());
    expect(outcome.state.step).toBe('identity');
    outcome = run([say('1'), say('José Carlos Pereira'), tap('confirm:yes')], context(), outcome.state);
    expect(outcome.action?.type).toBe('file_demand');
    if (outcome.action?.type !== 'file_demand') return;
    const draft = outcome.action.draft;
    expect(draft).toMatchObject({
      categoryId: serviceNamed('Poda de árvore').id,
      details: { tree_location: 'Praça', risk: 'Sim' },
      addressLine: 'Estrada Municipal, Botucatu',
      latitude: -22.95,
      neighbourhoodId: bairros.find((b) => b.name === 'Vila Jaú')?.id,
      name: 'José Carlos Pereira',
    });
    expect(IntakeSchema.safeParse(intakeFromDraft(draft)).success).toBe(true);
  });

  it('takes the bairro from a shared location inside a drawn bairro, without asking it', () => {
    const tapaBuraco = serviceNamed('Tapa-buraco');
    const state: ConversationState = {
      step: 'address',
      draft: { service: 'balcao', categoryId: tapaBuraco.id, details: {}, media: [], description: 'Buraco grande no asfalto da praça.', startedAt: '' },
    };
    const outcome = run([{ type: 'location', latitude: -22.8858, longitude: -48.445, name: 'Praça Coronel Moura' }], context(), state);
    expect(outcome.replies).toEqual([]);
    expect(outcome.action).toMatchObject({ type: 'suggest_duplicates', draft: { neighbourhoodId: bairros.find((b) => b.name === 'Centro')?.id, latitude: -22.8858 } });
    const next = settle(outcome.state, { type: 'duplicates_found', suggestions: [] }, context());
    expect(next.state.step).toBe('identity');
    if (next.state.step !== 'identity') return;
    expect(draftSummaryOf(next.state.draft)).toContain('• Local: Praça Coronel Moura, Centro');
  });

  it('offers open requests alike: a number joins one, another answer files anew', () => {
    const tapaBuraco = serviceNamed('Tapa-buraco');
    const draft = { service: 'balcao' as const, categoryId: tapaBuraco.id, details: {}, media: [], description: 'Buraco grande.', addressLine: 'Praça', neighbourhoodId: bairros[0]?.id, startedAt: '' };
    const suggestion = { id: uuid(900), protocol: formatProtocol(2026, 41), state: 'Em andamento', filedOn: '01/05/2026', neighbourhood: 'Centro', where: 'a cerca de 20 m do local informado', followers: 2 };
    const offered = settle({ step: 'identity', draft }, { type: 'duplicates_found', suggestions: [suggestion] }, context());
    expect(offered.state.step).toBe('join_offer');
    const offer = lastText(offered);
    expect(offer).toContain('Já pediram isto aqui perto');
    expect(offer).toContain(`1. Protocolo ${suggestion.protocol} — Tapa-buraco — Centro, a cerca de 20 m do local informado — registrado em 01/05/2026 — Em andamento · 2 apoios`);
    expect(offer).toContain('digite 2');

    const joined = run([say('1')], context(), offered.state);
    expect(joined.state).toMatchObject({ step: 'identity', draft: { join: { demandId: suggestion.id, protocol: suggestion.protocol } } });
    expect(lastText(joined)).toContain(`você vai apoiar a solicitação ${suggestion.protocol}`);
    const confirm = run([say('1'), say('José Carlos Pereira')], context(), joined.state);
    expect(lastText(confirm)).toContain(`• Apoia a solicitação: ${suggestion.protocol}`);

    for (const other of ['2', 'não', 'é outro buraco']) {
      const own = run([say(other)], context(), offered.state);
      expect(own.state.step).toBe('identity');
      expect(own.state.step === 'identity' && own.state.draft.join).toBeUndefined();
    }

    // The request closed meanwhile: the citizen is told, and may confirm filing their own.
    const withJoin = { ...draft, join: { demandId: suggestion.id, protocol: suggestion.protocol } };
    const refused = settle({ step: 'confirm', draft: withJoin }, { type: 'filing_rejected', fieldErrors: { form: ['Esta solicitação já foi concluída.'] } }, context());
    expect(refused.state).toMatchObject({ step: 'confirm' });
    expect(refused.state.step === 'confirm' && refused.state.draft.join).toBeUndefined();
    expect(lastText(refused)).toContain('Esta solicitação já foi concluída.');
  });

  it('lets an optional question be skipped by button or by word', () => {
    const tapaBuraco = serviceNamed('Tapa-buraco');
    const state: ConversationState = { step: 'balcao_question', fieldIndex: 0, draft: { service: 'balcao', categoryId: tapaBuraco.id, details: {}, media: [], startedAt: '' } };
    expect(run([tap('skip', 'Pular')], context(), state).state.step).toBe('description');
    expect(run([say('pular')], context(), state).state.step).toBe('description');
    const answered = run([say('Em frente à padaria')], context(), state);
    expect(answered.state.step === 'description' && answered.state.draft.details).toEqual({ reference_point: 'Em frente à padaria' });
  });

  it('asks a username-only contact (no phone from WhatsApp) for an e-mail or a mobile', () => {
    const ctx = context({ contact: { profileName: null, phone: null } });
    const state: ConversationState = { step: 'identity', draft: { service: 'ouvidoria', kind: 'praise', description: 'x'.repeat(30), details: {}, media: [], startedAt: '' } };
    let outcome = run([say('1')], ctx, state);
    expect(lastText(outcome)).toBe('Qual é o seu nome completo?');
    outcome = run([say('Ana Lúcia Souza')], ctx, outcome.state);
    expect(outcome.state.step).toBe('email');
    expect(lastText(run([say('ana@')], ctx, outcome.state))).toContain('Não reconheci');
    outcome = run([say('Ana@Exemplo.com.br ')], ctx, outcome.state);
    expect(outcome.state.step === 'confirm' && outcome.state.draft.email).toBe('ana@exemplo.com.br');
  });

  it('keeps nothing that identifies an anonymous citizen', () => {
    const state: ConversationState = { step: 'identity', draft: { service: 'ouvidoria', kind: 'denunciation', description: 'x'.repeat(30), details: {}, media: [], startedAt: '' } };
    const outcome = run([tap('identity:anonymous', 'Anônima'), tap('confirm:yes')], context(), state);
    if (outcome.action?.type !== 'file_demand') throw new Error('no filing');
    expect(intakeFromDraft(outcome.action.draft)).toEqual({ service: 'ouvidoria', kind: 'denunciation', subject: 'x'.repeat(30), description: 'x'.repeat(30), identity: 'anonymous' });
  });

  it('offers no anonymous option for an access-to-information request, which names who asks', () => {
    const state: ConversationState = { step: 'identity', draft: { service: 'ouvidoria', kind: 'information', description: 'x'.repeat(30), details: {}, media: [], startedAt: '' } };
    const asked = run([say('3')], context(), state);
    expect(asked.state.step).toBe('identity');
    expect(lastText(asked)).toContain('Lei nº 12.527/2011');
    expect(lastText(asked)).not.toContain('Anônima');
    expect(run([say('2')], context(), state).state.step).toBe('name');
  });

  it('cancels from anywhere with "menu", saying nothing was filed', () => {
    const outcome = run([say('oi'), say('1'), say('2'), say('menu')]);
    expect(outcome.state).toEqual({ step: 'menu' });
    expect(textOf(outcome.replies[0])).toContain('Nada foi registrado');
  });

  it('answers audio and other unknown messages politely and asks again', () => {
    const outcome = run([say('oi'), { type: 'unsupported', messageType: 'audio' }]);
    expect(outcome.state).toEqual({ step: 'menu' });
    expect(lastText(outcome)).toContain('Ainda não consigo ouvir áudios');
    expect(lastText(run([say('oi'), { type: 'unsupported', messageType: 'sticker' }]))).toContain('Não consigo ler esse tipo de mensagem');
  });

  describe('following a protocol', () => {
    const good = formatProtocol(2026, 123);
    const wrongDigit = `${good.slice(0, -1)}${(Number(good.slice(-1)) + 1) % 10}`;

    it.each([
      ['with dashes', good],
      ['without separators', good.replaceAll('-', '')],
      ['with spaces', good.replaceAll('-', ' ')],
    ])('looks up a protocol typed %s, even straight from the greeting', (_how, typed) => {
      expect(run([say('oi'), say('3'), say(typed)]).action).toEqual({ type: 'lookup', protocol: good });
      expect(run([say(typed)]).action).toEqual({ type: 'lookup', protocol: good });
    });

    it('catches a wrong check digit and explains it', () => {
      const outcome = run([say('oi'), say('3'), say(wrongDigit)]);
      expect(outcome.action).toBeUndefined();
      expect(outcome.state.step).toBe('follow');
      expect(lastText(outcome)).toContain('dígito verificador');
    });

    it('offers "my demands" to pick from', () => {
      const ctx = context({ myDemands: [{ id: uuid(9), protocol: good, subject: 'Tapa-buraco', state: 'forwarded' }] });
      const outcome = run([say('oi'), say('3')], ctx);
      const list = outcome.replies.at(-1);
      expect(list?.kind === 'list' && list.rows).toEqual([{ id: `demand:${uuid(9)}`, title: good, description: 'Encaminhada · Tapa-buraco' }]);
      expect(run([say('oi'), say('3'), say('1')], ctx).action).toEqual({ type: 'lookup', demandId: uuid(9) });
    });

    it('shows state, last public movement and deadline; free text then goes to the demand', () => {
      const view = {
        demandId: uuid(9),
        protocol: good,
        service: 'balcao' as const,
        subject: 'Tapa-buraco',
        state: 'forwarded' as const,
        dueOn: '2026-05-19',
        lastMovement: { label: 'Encaminhada', at: new Date('2026-05-05T12:00:00Z'), body: 'Encaminhada à Secretaria de Infraestrutura.' },
        statusUrl: 'http://localhost:3000/acompanhar?protocolo=x',
      };
      const settled = settle({ step: 'follow' }, { type: 'demand_found', view }, context());
      const summary = textOf(settled.replies[0]);
      expect(summary).toContain('Situação: *Encaminhada*');
      expect(summary).toContain('Última movimentação: Encaminhada, em 05/05/2026: Encaminhada à Secretaria de Infraestrutura.');
      expect(summary).toContain('Prazo de resposta: até 19/05/2026 (faltam 15 dias).');
      expect(advance(settled.state, say('O buraco aumentou com a chuva.'), context()).action).toEqual({
        type: 'add_message',
        demandId: uuid(9),
        body: 'O buraco aumentou com a chuva.',
        purpose: 'message',
      });
    });

    it('asks for proof before showing a protocol that is not this contact’s, and passes what was typed on', () => {
      const asked = settle({ step: 'follow' }, { type: 'proof_needed', protocol: good }, context());
      expect(asked.state).toEqual({ step: 'access_code', protocol: good });
      expect(lastText(asked)).toContain('confirme que ele é seu');
      expect(advance(asked.state, say(' maria@exemplo.com.br '), context()).action).toEqual({ type: 'check_access_code', protocol: good, code: 'maria@exemplo.com.br' });
      const refused = settle(asked.state, { type: 'proof_refused', protocol: good, message: 'Não encontramos uma manifestação com esse protocolo.' }, context());
      expect(refused.state).toEqual(asked.state);
      expect(lastText(refused)).toContain('Não encontramos uma manifestação com esse protocolo. Digite de novo');
    });
  });

  it('sends "talk to an attendant" to a demand as a message, or explains how when there is none', () => {
    const none = run([say('oi'), say('4')]);
    expect(none.state).toEqual({ step: 'menu' });
    expect(textOf(none.replies[0])).toContain('primeiro registre');
    const ctx = context({ myDemands: [{ id: uuid(9), protocol: formatProtocol(2026, 9), subject: 'Poda', state: 'received' }] });
    const outcome = run([say('oi'), say('4'), say('1'), say('Preciso falar com alguém sobre a poda.')], ctx);
    expect(outcome.action).toEqual({ type: 'add_message', demandId: uuid(9), body: 'Preciso falar com alguém sobre a poda.', purpose: 'attendant' });
  });

  it('gives the protocol, the deadline in dd/mm/aaaa and, for anonymous demands, the access code', () => {
    const state: ConversationState = { step: 'confirm', draft: { service: 'ouvidoria', identity: 'anonymous', details: {}, media: [], startedAt: '' } };
    const filed = settle(state, { type: 'filed', protocol: '2026-000001-4', dueOn: '2026-06-03', service: 'ouvidoria', statusUrl: 'http://x', accessCode: 'ABCDE-FGH23', anonymous: true, skippedFiles: [] }, context());
    expect(filed.state).toEqual(START);
    const receipt = textOf(filed.replies[0]);
    expect(receipt).toContain('Protocolo: *2026-000001-4*');
    expect(receipt).toContain('até 03/06/2026');
    expect(receipt).toContain('Código de acesso: *ABCDE-FGH23*');
  });

  it('goes back to the step whose answer the intake refused', () => {
    const draft = { service: 'balcao' as const, categoryId: serviceNamed('Tapa-buraco').id, details: {}, media: [], startedAt: '' };
    const back = settle({ step: 'confirm', draft }, { type: 'filing_rejected', fieldErrors: { neighbourhoodId: ['Escolha o bairro na lista.'] } }, context());
    expect(back.state.step).toBe('neighbourhood');
    expect(textOf(back.replies[0])).toContain('Não foi possível registrar: Escolha o bairro na lista.');
  });

  it('expires after 30 minutes of silence, with a word only when something was lost', () => {
    const at = new Date('2026-05-04T13:00:00Z');
    const filing: ConversationState = { step: 'description', draft: { service: 'ouvidoria', details: {}, media: [], startedAt: '' } };
    expect(expiresAtFor(filing, at)?.toISOString()).toBe('2026-05-04T13:30:00.000Z');
    expect(expiresAtFor(START, at)).toBeNull();
    expect(textOf(expiryNotice(filing) ?? undefined)).toContain('Nada foi registrado');
    expect(expiryNotice({ step: 'menu' })).toBeNull();
  });

  it('pages any list within Meta’s ten rows and reaches every item', () => {
    const items = Array.from({ length: 23 }, (_, i) => ({ id: `item:${i}`, title: `Item ${i + 1}` }));
    const seen = new Set<string>();
    for (let page = 0; page < 3; page++) {
      const prompt = pagedPrompt(items, page, 'Qual?', 'Ver');
      if (prompt.content.kind !== 'list') throw new Error('not a list');
      expect(prompt.content.rows.length).toBeLessThanOrEqual(10);
      prompt.content.rows.filter((r) => r.id.startsWith('item:')).forEach((r) => seen.add(r.id));
    }
    expect(seen.size).toBe(23);
  });

  it('makes an Ouvidoria subject from the first sentence', () => {
    expect(subjectFrom('Buraco enorme na rua. Já caiu uma moto.')).toBe('Buraco enorme na rua.');
    expect(subjectFrom('a '.repeat(80)).length).toBeLessThanOrEqual(100);
  });
});
