import type { CategoryField } from './category-fields';
import { addDays } from './deadlines';
import { DEMAND_KINDS, type DemandKind, type DemandState } from './vocabulary';

/**
 * The citizen's data rights as plain rules (LGPD, Lei 13.709/2018): what anonymisation removes, which
 * closed demands the retention rule reaches, the encarregado's deadline and the small-cell suppression of
 * the requester profile's statistics. No I/O.
 */

/** LGPD art. 19 II: a complete answer to the data subject within 15 days of the request. */
export const DATA_PROTECTION_REQUEST_DAYS = 15;

/** The encarregado's deadline for a request filed on `filedOn` (calendar days, as the law counts). */
export function dataProtectionRequestDueOn(filedOn: string): string {
  return addDays(filedOn, DATA_PROTECTION_REQUEST_DAYS);
}

/** What is written over a piece of personal data removed from a text. */
export const REMOVED = '[dado pessoal removido]';

/** The requester columns of a demand that anonymisation sets to null (or false). */
export type RequesterData = {
  requesterUserId: string | null;
  requesterName: string | null;
  requesterEmail: string | null;
  requesterPhone: string | null;
  requesterCpf: string | null;
  accessCodeHash: string | null;
  notifyByWhatsapp: boolean;
  addressLine: string | null;
  latitude: number | null;
  longitude: number | null;
};

export type AnonymisationInput = RequesterData & {
  description: string;
  subject: string;
  details: Record<string, string>;
  /** The demand category's own questions: their answers may be kept only when chosen from a list. */
  categoryFields: readonly CategoryField[];
};

export type AnonymisationChange = RequesterData & { description: string; subject: string; details: Record<string, string> };

/**
 * What anonymisation writes on a demand (LGPD art. 5 XI and art. 16: kept only anonymised once the
 * purpose is met). Kept: the protocol, kind, category, departments, dates, state and bairro — the
 * statistics and the records (Lei 13.460 art. 14, Lei 8.159/1991) — and the pseudonym. Removed: the name,
 * e-mail, phone, CPF, user link, access code and WhatsApp opt-in; the street address and map point
 * (which may be the requester's home); the answers typed as free text to the category's questions
 * (a plate, a child's age). The description and subject stay, since they are the substance of the record,
 * with the requester's own name, e-mail, phone and CPF, and any e-mail, phone or CPF-shaped text, removed.
 */
export function anonymisedRequesterData(demand: AnonymisationInput): AnonymisationChange {
  const identity = { name: demand.requesterName, email: demand.requesterEmail, phone: demand.requesterPhone, cpf: demand.requesterCpf };
  return {
    requesterUserId: null,
    requesterName: null,
    requesterEmail: null,
    requesterPhone: null,
    requesterCpf: null,
    accessCodeHash: null,
    notifyByWhatsapp: false,
    addressLine: null,
    latitude: null,
    longitude: null,
    subject: redactPersonalText(demand.subject, identity),
    description: redactPersonalText(demand.description, identity),
    details: keptDetails(demand.details, demand.categoryFields),
  };
}

/** Answers chosen from a list are statistics; anything typed is free text and goes. */
export function keptDetails(details: Record<string, string>, fields: readonly CategoryField[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(details)) {
    const field = fields.find((candidate) => candidate.name === name);
    if (field?.type === 'select' && field.options?.includes(value)) kept[name] = value;
  }
  return kept;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const CPF = /\b\d{3}\.?\d{3}\.?\d{3}-?\d{2}\b/g;
// Brazilian phones as people write them: +55, DDD in brackets or not, 8 or 9 digits with a hyphen or space.
const PHONE = /(?:\+?55\s?)?(?:\(?\d{2}\)?\s?)?9?\d{4}[-\s]?\d{4}\b/g;

/**
 * Removes personal data from a free text: e-mail addresses, CPFs and phone numbers wherever they appear,
 * and the requester's own name (the whole name and each part of it with 3 letters or more, so "Maria"
 * goes from "Maria da Silva", but "da" stays).
 */
export function redactPersonalText(
  text: string,
  identity: { name: string | null; email: string | null; phone: string | null; cpf: string | null },
): string {
  let result = text.replace(EMAIL, REMOVED).replace(CPF, REMOVED).replace(PHONE, (match) => (match.replace(/\D/g, '').length >= 8 ? REMOVED : match));
  const literals = [identity.email, identity.cpf, identity.phone].filter((value): value is string => Boolean(value));
  for (const literal of literals) result = result.split(literal).join(REMOVED);
  const name = identity.name?.trim();
  if (name) {
    const parts = [name, ...name.split(/\s+/).filter((part) => part.length >= 3)];
    for (const part of parts) {
      result = result.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(part)}(?![\\p{L}\\p{N}])`, 'giu'), REMOVED);
    }
  }
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Retention: days after closing that a kind's requester data are kept; null keeps them (no rule). */
export type RetentionRule = Record<DemandKind, number | null>;

/** The states in which a demand is finished and its record only kept (Lei 13.460 art. 12). */
export const RETAINED_STATES: readonly DemandState[] = ['closed', 'archived'];

/**
 * Reads `RETENTION_DAYS` ("complaint=1825,service_request=730", or "all=1825" for every kind) over the
 * municipality's default rule. A kind set to 0 or "off" keeps its data. Unknown kinds or values are
 * refused, so a typo never silently keeps (or removes) data.
 */
export function parseRetentionRule(value: string | undefined, defaults: RetentionRule): RetentionRule {
  const rule: RetentionRule = { ...defaults };
  if (!value?.trim()) return rule;
  for (const entry of value.split(',')) {
    const [rawKind, rawDays] = entry.split('=').map((part) => part.trim());
    const days = rawDays === 'off' || rawDays === '0' ? null : Number(rawDays);
    if (days !== null && (!Number.isInteger(days) || days < 1)) throw new Error(`RETENTION_DAYS: "${entry}" needs whole days (or off)`);
    if (rawKind === 'all') {
      for (const kind of DEMAND_KINDS) rule[kind] = days;
    } else if ((DEMAND_KINDS as readonly string[]).includes(rawKind ?? '')) {
      rule[rawKind as DemandKind] = days;
    } else {
      throw new Error(`RETENTION_DAYS: unknown kind "${rawKind}" (use ${DEMAND_KINDS.join(', ')} or all)`);
    }
  }
  return rule;
}

/** The facts about a demand that decide whether retention reaches it. */
export type RetentionCandidate = { kind: DemandKind; state: DemandState; closedAt: Date | null; anonymisedAt: Date | null; hasRequester: boolean };

/**
 * Whether the retention rule anonymises this demand at `now`: finished (closed or archived), with
 * requester data left, and closed longer ago than its kind's period. Running demands are never reached,
 * however old: the citizen still needs to be answered.
 */
export function isPastRetention(demand: RetentionCandidate, rule: RetentionRule, now: Date): boolean {
  const days = rule[demand.kind];
  if (days === null || demand.anonymisedAt || !demand.hasRequester) return false;
  if (!RETAINED_STATES.includes(demand.state) || !demand.closedAt) return false;
  return now.getTime() - demand.closedAt.getTime() >= days * 86_400_000;
}

/** The cut-off instant per kind: demands closed before it are past retention. */
export function retentionCutoff(days: number, now: Date): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

/** The least count published for a group of the requester profile (a smaller one could single someone out). */
export const SMALL_CELL_MINIMUM = 5;

export type PublishedCount = { value: string; count: number | null };

/** A count hidden so that a small one next to it cannot be worked out (secondary suppression). */
export const SUPPRESSED = 'suprimido';

/**
 * Small-cell suppression (LGPD art. 12: data that allow re-identification are not anonymous): a count
 * from 1 to 4 is shown as "<5" and carries no number; 0 and counts of 5 or more are shown as they are.
 */
export function suppressSmallCount(count: number): PublishedCount {
  if (count > 0 && count < SMALL_CELL_MINIMUM) return { value: '<5', count: null };
  return { value: String(count), count };
}

/** The requester profile's questions and answers, as Fala.BR asks them. Every one is optional. */
export const PROFILE_QUESTIONS = {
  ageRange: {
    label: 'Faixa etária',
    options: ['Até 17 anos', '18 a 24 anos', '25 a 34 anos', '35 a 44 anos', '45 a 59 anos', '60 anos ou mais'],
  },
  gender: { label: 'Gênero', options: ['Feminino', 'Masculino', 'Não binário', 'Outro'] },
  race: { label: 'Raça/cor', options: ['Amarela', 'Branca', 'Indígena', 'Parda', 'Preta'] },
  education: {
    label: 'Escolaridade',
    options: [
      'Sem escolaridade',
      'Ensino fundamental incompleto',
      'Ensino fundamental completo',
      'Ensino médio incompleto',
      'Ensino médio completo',
      'Ensino superior incompleto',
      'Ensino superior completo',
      'Pós-graduação',
    ],
  },
} as const;

export type ProfileQuestion = keyof typeof PROFILE_QUESTIONS;
export const PROFILE_QUESTION_NAMES = Object.keys(PROFILE_QUESTIONS) as ProfileQuestion[];
export type RequesterProfile = Partial<Record<ProfileQuestion, string>>;

/**
 * Suppression of one table of counts that add up to a published total (the demands of a period): each
 * count from 1 to 4 is hidden, and when only one is hidden the smallest other non-zero count is hidden
 * too, so that no hidden count can be worked out by subtracting the others from the total.
 */
export function suppressCounts(counts: readonly number[]): PublishedCount[] {
  const published = counts.map(suppressSmallCount);
  const hidden = published.filter((cell) => cell.count === null).length;
  if (hidden === 1) {
    let smallest = -1;
    counts.forEach((count, index) => {
      if (published[index]?.count !== null && count > 0 && (smallest === -1 || count < (counts[smallest] ?? Infinity))) smallest = index;
    });
    if (smallest !== -1) published[smallest] = { value: SUPPRESSED, count: null };
  }
  return published;
}
