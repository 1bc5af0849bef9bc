import { describe, expect, it } from 'vitest';
import {
  changedCharterFields,
  CHARTER_CSV_HEADER,
  charterCsvRow,
  charterChangeText,
  charterDeadlineLabel,
  charterOpenRecord,
  DEFAULT_PRIORITY_RULES,
  linesOf,
  matchesCharterSearch,
  type CharterEntry,
} from '@/lib/domain/service-charter';

const entry = (overrides: Partial<CharterEntry> = {}): CharterEntry => ({
  id: 'e1',
  slug: 'poda-de-arvore',
  name: 'Poda de árvore',
  departmentId: 'meio',
  departmentName: 'Secretaria Municipal de Meio Ambiente',
  balcaoSlug: 'poda-de-arvore',
  deadlineDays: 30,
  deadlineText: null,
  summary: 'Poda de árvores em calçadas e praças.',
  audience: 'Qualquer pessoa.',
  requirements: ['A árvore deve estar em área pública.'],
  documents: ['Endereço completo', 'Fotos do local'],
  steps: ['Faça o pedido.', 'A equipe vistoria.'],
  channels: ['web', 'in_person'],
  priorityRules: DEFAULT_PRIORITY_RULES,
  expectedWait: 'Até 20 minutos.',
  fees: 'Gratuito.',
  location: 'Praça Professor Pedro Torres, 100',
  hours: 'Segunda a sexta, das 8h às 16h30',
  lifeEvents: ['minha-rua', 'meio-ambiente'],
  updatedAt: new Date('2026-11-30T15:00:00Z'),
  ...overrides,
});

describe('the deadline a Carta entry states (Lei 13.460 art. 7 §2 IV: "prazo máximo para a prestação do serviço")', () => {
  it.each([
    ['a Balcão service: its own deadline in calendar days', { deadlineDays: 30, deadlineText: null }, 'Até 30 dias corridos'],
    ['one day, in the singular', { deadlineDays: 1, deadlineText: null }, 'Até 1 dia corrido'],
    ['a service without online filing: the text the admin wrote', { deadlineDays: null, deadlineText: 'No ato.' }, 'No ato.'],
    ['neither: said to be given at the counter', { deadlineDays: null, deadlineText: '  ' }, 'Informado no atendimento'],
  ])('%s', (_case, deadline, expected) => {
    expect(charterDeadlineLabel(deadline)).toBe(expected);
  });
});

describe('a text box as a list, one item per line', () => {
  it.each([
    ['', []],
    ['RG\nCPF', ['RG', 'CPF']],
    ['  RG  \r\n\r\n CPF \n', ['RG', 'CPF']],
  ])('%j', (text, expected) => {
    expect(linesOf(text)).toEqual(expected);
  });
});

describe('searching the Carta', () => {
  it.each([
    ['no query finds everything', {}, true],
    ['a word of the name, accents aside', { query: 'ARVORE' }, true],
    ['a word of the documents', { query: 'fotos' }, true],
    ['a word of the requirements', { query: 'area publica' }, true],
    ['the secretaria by name', { query: 'meio ambiente' }, true],
    ['every word must appear', { query: 'árvore certidão' }, false],
    ['its secretaria', { departmentId: 'meio' }, true],
    ['another secretaria', { departmentId: 'obras' }, false],
    ['one of its life events', { lifeEvent: 'minha-rua' }, true],
    ['a life event it lacks', { lifeEvent: 'saude' }, false],
    ['text and secretaria together', { query: 'poda', departmentId: 'obras' }, false],
  ])('%s', (_case, search, expected) => {
    expect(matchesCharterSearch(entry(), search)).toBe(expected);
  });
});

describe('what changed, for the dated history (art. 7 §4)', () => {
  it.each([
    ['nothing', { fees: 'Gratuito.' }, { fees: 'Gratuito.' }, []],
    ['one text', { fees: 'Gratuito.' }, { fees: 'R$ 10,00' }, ['fees']],
    ['a list', { documents: ['RG'] }, { documents: ['RG', 'CPF'] }, ['documents']],
    ['fields absent from the new version are not compared', { name: 'Poda' }, { fees: 'x' }, ['fees']],
    ['a new entry lists every field written, in the form order', {}, { steps: ['a'], summary: 'b' }, ['summary', 'steps']],
  ])('%s', (_case, before, after, expected) => {
    expect(changedCharterFields(before, after)).toEqual(expected);
  });
});

describe('a history row as the page says it', () => {
  it.each([
    ['fields and note', { fields: ['fees', 'documents'] as const, note: 'Taxas revisadas.' }, 'Taxas, Documentos — Taxas revisadas.'],
    ['fields only', { fields: ['steps'] as const, note: '' }, 'Etapas'],
    ['a creation: its note', { fields: [] as const, note: 'Entrada criada na Carta de Serviços.' }, 'Entrada criada na Carta de Serviços.'],
    ['nothing at all', { fields: [] as const, note: '' }, 'Revisão sem mudança de conteúdo'],
  ])('%s', (_case, change, expected) => {
    expect(charterChangeText(change)).toBe(expected);
  });
});

describe('open data', () => {
  const urls = { page: 'https://x/carta-de-servicos/poda-de-arvore', balcaoForm: 'https://x/balcao/poda-de-arvore', complaint: 'https://x/ouvidoria/nova?tipo=reclamacao' };

  it('states the same deadline, channels and life events as the page', () => {
    expect(charterOpenRecord(entry(), urls)).toMatchObject({
      nome: 'Poda de árvore',
      prazo: 'Até 30 dias corridos',
      prazo_dias: 30,
      formas_de_atendimento: ['Pela internet (este site)', 'Presencial, no balcão'],
      eventos_da_vida: ['Minha rua', 'Meio ambiente'],
      pedido_online: urls.balcaoForm,
      atualizada_em: '2026-11-30T15:00:00.000Z',
    });
  });

  it('writes one CSV cell per header column, lists joined with " | "', () => {
    const row = charterCsvRow(charterOpenRecord(entry(), urls));
    expect(row).toHaveLength(CHARTER_CSV_HEADER.length);
    expect(row[CHARTER_CSV_HEADER.indexOf('documentos')]).toBe('Endereço completo | Fotos do local');
    expect(row[CHARTER_CSV_HEADER.indexOf('pedido_online')]).toBe(urls.balcaoForm);
  });
});
