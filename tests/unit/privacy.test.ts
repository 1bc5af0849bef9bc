import { describe, expect, it } from 'vitest';
import type { CategoryField } from '@/lib/domain/category-fields';
import {
  anonymisedRequesterData,
  dataProtectionRequestDueOn,
  isPastRetention,
  keptDetails,
  parseRetentionRule,
  redactPersonalText,
  REMOVED,
  suppressCounts,
  suppressSmallCount,
  SUPPRESSED,
  type RetentionRule,
} from '@/lib/domain/privacy';

const fields: CategoryField[] = [
  { name: 'risk', label: 'Risco?', type: 'select', required: true, options: ['Não', 'Sim'] },
  { name: 'vehicle', label: 'Veículo', type: 'text', required: true },
  { name: 'items', label: 'Objetos', type: 'textarea', required: true },
];

const requester = {
  requesterUserId: '00000000-0000-4000-8000-000000000001',
  requesterName: 'Maria Aparecida da Silva',
  requesterEmail: 'maria@exemplo.com.br',
  requesterPhone: '+5514991234567',
  requesterCpf: '52998224725',
  accessCodeHash: 'scrypt$hash',
  notifyByWhatsapp: true,
  addressLine: 'Rua Amando de Barros, 1200',
  latitude: -22.88,
  longitude: -48.44,
};

describe('anonymisation removes the requester and keeps the record (LGPD art. 5 XI, art. 16; Lei 13.460 art. 10 §7)', () => {
  const change = anonymisedRequesterData({
    ...requester,
    subject: 'Atendimento ruim para Maria',
    description: 'Sou Maria Aparecida, CPF 529.982.247-25, telefone (14) 99123-4567, e-mail maria@exemplo.com.br. A UBS fechou cedo.',
    details: { risk: 'Sim', vehicle: 'Gol prata ABC1D23', items: 'sofá da Maria' },
    categoryFields: fields,
  });

  it.each([
    ['requesterUserId', null],
    ['requesterName', null],
    ['requesterEmail', null],
    ['requesterPhone', null],
    ['requesterCpf', null],
    ['accessCodeHash', null],
    ['notifyByWhatsapp', false],
    ['addressLine', null],
    ['latitude', null],
    ['longitude', null],
  ] as const)('%s becomes %s', (column, expected) => {
    expect(change[column]).toBe(expected);
  });

  it('keeps the text of the description and removes the personal data in it', () => {
    expect(change.description).toContain('A UBS fechou cedo.');
    for (const personal of ['Maria', 'Aparecida', '529.982.247-25', '99123-4567', 'maria@exemplo.com.br']) expect(change.description).not.toContain(personal);
    expect(change.subject).toBe(`Atendimento ruim para ${REMOVED}`);
  });

  it('keeps answers chosen from a list (statistics) and drops typed answers (free text)', () => {
    expect(change.details).toEqual({ risk: 'Sim' });
  });
});

describe('redactPersonalText', () => {
  const identity = { name: 'José da Costa', email: 'jose@exemplo.org', phone: '+5514991112222', cpf: '11144477735' };
  it.each([
    ['an e-mail anywhere', 'escreva para outra.pessoa@gmail.com', `escreva para ${REMOVED}`],
    ['a CPF with punctuation', 'CPF 111.444.777-35 anexo', `CPF ${REMOVED} anexo`],
    ['a CPF of digits only', 'cpf 11144477735', `cpf ${REMOVED}`],
    ['a phone with DDD', 'ligue (14) 3811-1547 amanhã', `ligue ${REMOVED} amanhã`],
    ['the requester as stored (E.164)', 'fone +5514991112222', `fone ${REMOVED}`],
    ['each part of the name with 3 letters or more', 'José reclamou; o sr. Costa também', `${REMOVED} reclamou; o sr. ${REMOVED} também`],
    ['nothing when there is nothing personal', 'A rua 15 tem 3 buracos desde 2024.', 'A rua 15 tem 3 buracos desde 2024.'],
    ['short particles of the name are kept', 'da praça', 'da praça'],
    ['a word that merely contains the name is kept', 'Costanera', 'Costanera'],
  ])('removes %s', (_case, text, expected) => {
    expect(redactPersonalText(text, identity)).toBe(expected);
  });
});

describe('keptDetails', () => {
  it('drops a select answer that is not one of the options (it was typed)', () => {
    expect(keptDetails({ risk: 'Talvez, ligue para Ana' }, fields)).toEqual({});
  });
  it('drops an answer to a question the category no longer has', () => {
    expect(keptDetails({ old_question: 'Sim' }, fields)).toEqual({});
  });
});

const fiveYears: RetentionRule = {
  complaint: 1825,
  denunciation: 1825,
  suggestion: 730,
  praise: 730,
  request: 1825,
  information: 1825,
  service_request: 730,
};

describe('the retention rule (LGPD art. 15 I and art. 16)', () => {
  const now = new Date('2030-01-01T12:00:00Z');
  const closedDaysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  it.each([
    ['a closed complaint past 1825 days', { kind: 'complaint', state: 'closed', closedAt: closedDaysAgo(1825) }, true],
    ['a closed complaint one day short', { kind: 'complaint', state: 'closed', closedAt: closedDaysAgo(1824) }, false],
    ['an archived praise past 730 days', { kind: 'praise', state: 'archived', closedAt: closedDaysAgo(731) }, true],
    ['a running demand, however old (Lei 13.460 art. 16: it must still be answered)', { kind: 'complaint', state: 'in_progress', closedAt: null }, false],
    ['an answered demand not yet closed', { kind: 'complaint', state: 'answered', closedAt: null }, false],
    ['one already anonymised', { kind: 'complaint', state: 'closed', closedAt: closedDaysAgo(4000), anonymisedAt: closedDaysAgo(10) }, false],
    ['an anonymous demand with nothing left to remove', { kind: 'complaint', state: 'closed', closedAt: closedDaysAgo(4000), hasRequester: false }, false],
  ] as const)('%s → %s', (_case, demand, expected) => {
    expect(isPastRetention({ anonymisedAt: null, hasRequester: true, ...demand }, fiveYears, now)).toBe(expected);
  });

  it('keeps the data of a kind set to off', () => {
    const rule = parseRetentionRule('complaint=off', fiveYears);
    expect(isPastRetention({ kind: 'complaint', state: 'closed', closedAt: closedDaysAgo(9000), anonymisedAt: null, hasRequester: true }, rule, now)).toBe(false);
  });

  it.each([
    ['', fiveYears],
    ['service_request=365', { ...fiveYears, service_request: 365 }],
    ['all=100, praise=0', { ...Object.fromEntries(Object.keys(fiveYears).map((kind) => [kind, 100])), praise: null }],
  ])('RETENTION_DAYS=%j', (value, expected) => {
    expect(parseRetentionRule(value, fiveYears)).toEqual(expected);
  });

  it.each(['complaint=5 anos', 'complaint=-1', 'reclamacao=10'])('refuses RETENTION_DAYS=%j instead of guessing', (value) => {
    expect(() => parseRetentionRule(value, fiveYears)).toThrow(/RETENTION_DAYS/);
  });
});

describe('the encarregado answers within 15 days (LGPD art. 19 II)', () => {
  it.each([
    ['2026-12-03', '2026-12-18'],
    ['2026-12-20', '2027-01-04'],
    ['2028-02-20', '2028-03-06'],
  ])('a request filed on %s is due on %s', (filedOn, dueOn) => {
    expect(dataProtectionRequestDueOn(filedOn)).toBe(dueOn);
  });
});

describe('small-cell suppression of the requester profile (LGPD art. 12)', () => {
  it.each([
    [0, '0', 0],
    [1, '<5', null],
    [4, '<5', null],
    [5, '5', 5],
    [120, '120', 120],
  ])('a count of %i is published as %s', (count, value, published) => {
    expect(suppressSmallCount(count)).toEqual({ value, count: published });
  });
});

describe('suppression of a table that adds up to a published total (no hidden count worked out by difference)', () => {
  it.each([
    ['no small count: all published', [10, 7, 0, 25], ['10', '7', '0', '25']],
    ['two small counts: both hidden, nothing else', [3, 2, 40], ['<5', '<5', '40']],
    ['one small count: the smallest other non-zero one hidden too', [3, 12, 0, 40], ['<5', SUPPRESSED, '0', '40']],
    ['one small count alone in the table: nothing else to hide', [3, 0], ['<5', '0']],
  ])('%s', (_case, counts, expected) => {
    expect(suppressCounts(counts).map((cell) => cell.value)).toEqual(expected);
  });
});
