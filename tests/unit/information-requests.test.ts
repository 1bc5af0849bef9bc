import { describe, expect, it } from 'vitest';
import { DEADLINE_DAYS } from '@/lib/domain/deadlines';
import {
  appealDecisionDueOn,
  appealLastDay,
  appealNotice,
  informationExtensionRefusal,
  isAppealableOutcome,
  nextAppeal,
  omissionComplaintLastDay,
  omissionComplaintRefusal,
  outcomeParagraphs,
  type InformationRequestFacts,
} from '@/lib/domain/information-requests';
import { InformationAnswerSchema } from '@/lib/domain/workspace-schemas';

/** Noon in São Paulo on a calendar day. */
const at = (isoDate: string) => new Date(`${isoDate}T15:00:00Z`);

describe('LAI deadlines, one place (lib/domain/deadlines.ts)', () => {
  it.each([
    ['Lei 12.527 art. 11 §1: the answer within 20 days', DEADLINE_DAYS.information, 20],
    ['Lei 12.527 art. 11 §2: one extension of 10 days', DEADLINE_DAYS.informationExtension, 10],
    ['Lei 12.527 art. 15: the appeal within 10 days', DEADLINE_DAYS.informationAppeal, 10],
    ['Lei 12.527 art. 15 § único: the appeal decided in 5 days', DEADLINE_DAYS.informationAppealDecision, 5],
  ])('%s', (_article, days, expected) => {
    expect(days).toBe(expected);
  });

  it.each([
    ['Lei 12.527 art. 15 / Decreto 7.724 art. 21: appeal until 10 days after the answer', appealLastDay(at('2026-03-10')), '2026-03-20'],
    ['Decreto 7.724 art. 21 (month end): 10 days after 25 February', appealLastDay(at('2026-02-25')), '2026-03-07'],
    ['Lei 12.527 art. 15 § único / Decreto 7.724 art. 24: decided 5 days after filing', appealDecisionDueOn(at('2026-03-12')), '2026-03-17'],
    ['Decreto 7.724 art. 22: omission complaint until 10 days after the missed deadline', omissionComplaintLastDay('2026-03-01'), '2026-03-11'],
    // 23:30 in São Paulo is already the next day in UTC: the count starts from the São Paulo date.
    ['Lei 12.527 art. 15 counted in São Paulo, not UTC', appealLastDay(new Date('2026-03-11T02:30:00Z')), '2026-03-20'],
  ])('%s', (_article, actual, expected) => {
    expect(actual).toBe(expected);
  });
});

const answered = (outcome: InformationRequestFacts['informationOutcome'], answeredOn = '2026-03-10'): InformationRequestFacts => ({
  kind: 'information',
  state: 'answered',
  dueOn: '2026-03-20',
  answeredAt: at(answeredOn),
  informationOutcome: outcome,
  appeals: [],
});

describe('which appeal the requester may file (Lei 12.527 art. 15; Decreto 7.724 art. 21)', () => {
  it.each([
    ['art. 15: a denial is appealed to the 1st instance', answered('denied'), '2026-03-12', { ok: true, instance: 1, lastDay: '2026-03-20' }],
    ['art. 15: a partial grant is appealed to the 1st instance', answered('partly_granted'), '2026-03-20', { ok: true, instance: 1, lastDay: '2026-03-20' }],
    ['art. 15: after 10 days the appeal is out of time', answered('denied'), '2026-03-21', { ok: false, error: expect.stringMatching(/terminou em 20\/03\/2026/) }],
    ['art. 15: a full grant has nothing to appeal', answered('granted'), '2026-03-12', { ok: false, error: expect.stringMatching(/negado ou concedido em parte/) }],
    ['art. 11 §1 III: information not held is not a denial', answered('not_held'), '2026-03-12', { ok: false, error: expect.stringMatching(/negado ou concedido em parte/) }],
    ['art. 15: an unanswered request has no appeal (see the omission complaint)', { ...answered(null), answeredAt: null, state: 'forwarded' }, '2026-03-12', { ok: false, error: expect.stringMatching(/ainda não foi respondido/) }],
    [
      'Decreto 7.724 art. 21 § único: the 1st instance still deciding',
      { ...answered('denied'), appeals: [{ kind: 'appeal', instance: 1, decision: null, decidedAt: null }] },
      '2026-03-14',
      { ok: false, error: expect.stringMatching(/em análise/) },
    ],
    [
      'Decreto 7.724 art. 21 § único: a 1st instance not granted goes to the 2nd within 10 days',
      { ...answered('denied'), appeals: [{ kind: 'appeal', instance: 1, decision: 'denied', decidedAt: at('2026-03-15') }] },
      '2026-03-25',
      { ok: true, instance: 2, lastDay: '2026-03-25' },
    ],
    [
      'Decreto 7.724 art. 21 § único: the 2nd instance out of time',
      { ...answered('denied'), appeals: [{ kind: 'appeal', instance: 1, decision: 'denied', decidedAt: at('2026-03-15') }] },
      '2026-03-26',
      { ok: false, error: expect.stringMatching(/2ª instância terminou/) },
    ],
    [
      'art. 15: a 1st instance granted leaves nothing to appeal',
      { ...answered('denied'), appeals: [{ kind: 'appeal', instance: 1, decision: 'granted', decidedAt: at('2026-03-15') }] },
      '2026-03-16',
      { ok: false, error: expect.stringMatching(/provido/) },
    ],
    [
      'Decreto 7.724 art. 21: no third instance in the município',
      {
        ...answered('denied'),
        appeals: [
          { kind: 'appeal', instance: 1, decision: 'denied', decidedAt: at('2026-03-15') },
          { kind: 'appeal', instance: 2, decision: null, decidedAt: null },
        ],
      },
      '2026-03-16',
      { ok: false, error: expect.stringMatching(/não há outra instância/) },
    ],
    ['only access-to-information requests', { ...answered('denied'), kind: 'complaint' }, '2026-03-12', { ok: false, error: expect.any(String) }],
  ] as const)('%s', (_article, facts, today, expected) => {
    expect(nextAppeal(facts as InformationRequestFacts, at(today))).toEqual(expected);
  });

  it.each([
    ['denied', true],
    ['partly_granted', true],
    ['granted', false],
    ['not_held', false],
    [null, false],
  ] as const)('LAI art. 15: outcome %s may be appealed: %s', (outcome, expected) => {
    expect(isAppealableOutcome(outcome)).toBe(expected);
  });
});

describe('the omission complaint (Lei 12.527 art. 11; Decreto 7.724 art. 22)', () => {
  const open: InformationRequestFacts = { kind: 'information', state: 'forwarded', dueOn: '2026-03-01', answeredAt: null, informationOutcome: null, appeals: [] };
  it.each([
    ['art. 11: not before the deadline ends', open, '2026-03-01', { ok: false, error: expect.stringMatching(/ainda não terminou/) }],
    ['art. 22: the day after the deadline', open, '2026-03-02', { ok: true, lastDay: '2026-03-11' }],
    ['art. 22: the 10th day after the deadline', open, '2026-03-11', { ok: true, lastDay: '2026-03-11' }],
    ['art. 22: out of time after 10 days', open, '2026-03-12', { ok: false, error: expect.stringMatching(/terminou em 11\/03\/2026/) }],
    ['art. 22: once only', { ...open, appeals: [{ kind: 'omission_complaint', instance: 1, decision: null, decidedAt: null }] }, '2026-03-05', { ok: false, error: expect.stringMatching(/já foi registrada/) }],
    ['art. 22: not once answered', { ...open, state: 'answered' }, '2026-03-05', { ok: false, error: expect.stringMatching(/sem resposta/) }],
    ['art. 22: not while the citizen is asked for more (the deadline is suspended)', { ...open, state: 'awaiting_citizen' }, '2026-03-05', { ok: false, error: expect.stringMatching(/sem resposta/) }],
  ] as const)('%s', (_article, facts, today, expected) => {
    expect(omissionComplaintRefusal(facts as InformationRequestFacts, at(today))).toEqual(expected);
  });
});

describe('the extension (Lei 12.527 art. 11 §2; Decreto 7.724 art. 16)', () => {
  it.each([
    ['art. 11 §2: once, before the 20 days end', { extensionUsed: false, dueOn: '2026-03-01' }, '2026-02-27', null],
    ['Decreto 7.724 art. 16: on the last day of the 20', { extensionUsed: false, dueOn: '2026-03-01' }, '2026-03-01', null],
    ['Decreto 7.724 art. 16: not after the 20 days ended', { extensionUsed: false, dueOn: '2026-03-01' }, '2026-03-02', expect.stringMatching(/antes do fim do prazo de 20 dias/)],
    ['art. 11 §2: only once', { extensionUsed: true, dueOn: '2026-03-11' }, '2026-03-05', expect.stringMatching(/uma só prorrogação/)],
  ] as const)('%s', (_article, request, today, expected) => {
    expect(informationExtensionRefusal(request, at(today))).toEqual(expected);
  });
});

describe('what the answer must state (Lei 12.527 art. 11 §4 and art. 15; Decreto 7.724 art. 19)', () => {
  const base = { demandId: '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e', body: 'Segue a resposta ao seu pedido de informação.' };
  const errorsOf = (input: Record<string, unknown>) => {
    const parsed = InformationAnswerSchema.safeParse({ ...base, ...input });
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
  };

  it.each([
    ['art. 11: a grant needs only its text', { outcome: 'granted' }, []],
    ['art. 11 §1 III: not held, with or without the holding body', { outcome: 'not_held', holderBody: 'Governo do Estado de São Paulo' }, []],
    ['art. 11 §4: a denial without ground, explanation and authority', { outcome: 'denied' }, ['denialGround', 'groundExplanation', 'appealAuthority']],
    ['art. 11 §4: a partial grant without ground', { outcome: 'partly_granted', groundExplanation: 'Os dados pessoais de terceiros foram retirados.', appealAuthority: 'Secretário de Governo' }, ['denialGround']],
    ['art. 24: a classified ground needs its degree and term', { outcome: 'denied', denialGround: 'classified', groundExplanation: 'O documento trata de segurança de instalações.', appealAuthority: 'Secretário de Governo' }, ['classificationDegree', 'classifiedUntil']],
    [
      'art. 31 / Decreto 7.724 art. 13: a complete denial',
      { outcome: 'denied', denialGround: 'personal_data', groundExplanation: 'A ficha funcional contém dados pessoais de terceiros.', appealAuthority: 'Secretário de Governo' },
      [],
    ],
    ['an outcome is always chosen', { outcome: '' }, ['outcome']],
  ] as const)('%s', (_article, input, fields) => {
    expect(Object.keys(errorsOf(input)).sort()).toEqual([...fields].sort());
  });

  it('writes the ground, the right to appeal, its last day and the authority into the text the citizen reads', () => {
    const parsed = InformationAnswerSchema.parse({
      ...base,
      outcome: 'denied',
      denialGround: 'classified',
      classificationDegree: 'reservada',
      classifiedUntil: '2030-12-31',
      groundExplanation: 'O plano de segurança das escolas é reservado.',
      appealAuthority: 'o Secretário de Governo',
    });
    const text = outcomeParagraphs(
      { outcome: parsed.outcome, denialGround: parsed.denialGround, classificationDegree: parsed.classificationDegree, classifiedUntil: parsed.classifiedUntil, groundExplanation: parsed.groundExplanation, appealAuthority: parsed.appealAuthority },
      at('2026-03-10'),
    ).join('\n');
    expect(text).toMatch(/Acesso negado/);
    expect(text).toMatch(/classificada como sigilosa.*grau reservada, sigilosa até 31\/12\/2030/);
    expect(text).toMatch(/direito de recorrer.*até 20\/03\/2026/);
    expect(text).toMatch(/julgado por o Secretário de Governo/);
    expect(text).toMatch(/em até 5 dias/);
    expect(appealNotice({ answeredAt: at('2026-03-10'), authority: 'X' })).toMatch(/10 dias/);
  });
});
