import { z } from 'zod';
import { addDays, dateInSaoPaulo, daysBetween, DEADLINE_DAYS } from './deadlines';
import { formatDate } from './labels';
import { lineText, multilineText } from './plain-text';

/**
 * The procedure of an access-to-information request (Lei 12.527/2011 — LAI — arts. 10–20, with Decreto
 * 7.724/2012 as the municipal model): the outcome of the answer, what a denial must state, the appeals
 * (recurso de 1ª e 2ª instância), the complaint about a missed deadline (reclamação por omissão) and the
 * once-only extension. Every number comes from DEADLINE_DAYS; every refusal is the text the user reads.
 */

export const INFORMATION_OUTCOMES = ['granted', 'partly_granted', 'denied', 'not_held'] as const;
export type InformationOutcome = (typeof INFORMATION_OUTCOMES)[number];

/**
 * Why access was refused: classified secrecy (LAI arts. 23–24), personal data (LAI art. 31), or a request
 * that is generic, disproportionate or needs extra work of analysis (Decreto 7.724 art. 13).
 */
export const DENIAL_GROUNDS = ['classified', 'personal_data', 'generic', 'disproportionate', 'extra_work'] as const;
export type DenialGround = (typeof DENIAL_GROUNDS)[number];

/** The degrees of classification and their longest terms in years (LAI art. 24 §1). */
export const CLASSIFICATION_DEGREES = ['reservada', 'secreta', 'ultrassecreta'] as const;
export type ClassificationDegree = (typeof CLASSIFICATION_DEGREES)[number];
export const CLASSIFICATION_MAX_YEARS: Record<ClassificationDegree, number> = { reservada: 5, secreta: 15, ultrassecreta: 25 };

export const APPEAL_INSTANCES = [1, 2] as const;
export type AppealInstance = (typeof APPEAL_INSTANCES)[number];

/** A recurso (`appeal`) or a reclamação por omissão (`omission_complaint`): both are decided by an authority. */
export const INFORMATION_APPEAL_KINDS = ['appeal', 'omission_complaint'] as const;
export type InformationAppealKind = (typeof INFORMATION_APPEAL_KINDS)[number];

export const APPEAL_DECISIONS = ['granted', 'denied'] as const;
export type AppealDecision = (typeof APPEAL_DECISIONS)[number];

export const OUTCOME_LABELS: Record<InformationOutcome, string> = {
  granted: 'Acesso concedido',
  partly_granted: 'Acesso parcialmente concedido',
  denied: 'Acesso negado',
  not_held: 'Informação inexistente ou não mantida pela Prefeitura',
};

export const DENIAL_GROUND_LABELS: Record<DenialGround, string> = {
  classified: 'Informação classificada como sigilosa (LAI arts. 23 e 24)',
  personal_data: 'Informação pessoal (LAI art. 31)',
  generic: 'Pedido genérico (Decreto 7.724 art. 13, I)',
  disproportionate: 'Pedido desproporcional ou desarrazoado (Decreto 7.724 art. 13, II)',
  extra_work: 'Exige trabalho adicional de análise ou consolidação (Decreto 7.724 art. 13, III)',
};

export const CLASSIFICATION_DEGREE_LABELS: Record<ClassificationDegree, string> = {
  reservada: 'Reservada (até 5 anos)',
  secreta: 'Secreta (até 15 anos)',
  ultrassecreta: 'Ultrassecreta (até 25 anos)',
};

export const INSTANCE_LABELS: Record<AppealInstance, string> = { 1: 'Recurso de 1ª instância', 2: 'Recurso de 2ª instância' };
export const APPEAL_KIND_LABELS: Record<InformationAppealKind, string> = { appeal: 'Recurso', omission_complaint: 'Reclamação por omissão' };
export const APPEAL_DECISION_LABELS: Record<AppealDecision, string> = { granted: 'Provido', denied: 'Não provido' };

/** Why the plain final answer (and a macro that sends one) does not serve a LAI request. */
export const INFORMATION_ANSWER_NEEDS_OUTCOME = 'Um pedido de acesso à informação é respondido com o seu resultado (concedido, negado…).';

/** Whether an answer with this outcome may be appealed (LAI art. 15: "indeferimento de acesso"). */
export function isAppealableOutcome(outcome: InformationOutcome | null): boolean {
  return outcome === 'denied' || outcome === 'partly_granted';
}

/** The day by which an appeal must be decided: 5 days after it was filed (LAI art. 15 § único; Decreto 7.724 arts. 21 § único and 24). */
export function appealDecisionDueOn(filedAt: Date): string {
  return addDays(dateInSaoPaulo(filedAt), DEADLINE_DAYS.informationAppealDecision);
}

/** The last day to file an appeal: 10 days after the answer or the 1st-instance decision (LAI art. 15; Decreto 7.724 art. 21). */
export function appealLastDay(decidedAt: Date): string {
  return addDays(dateInSaoPaulo(decidedAt), DEADLINE_DAYS.informationAppeal);
}

/** The last day to complain of a missed deadline: 10 days after the deadline ended (Decreto 7.724 art. 22). */
export function omissionComplaintLastDay(dueOn: string): string {
  return addDays(dueOn, DEADLINE_DAYS.informationAppeal);
}

/** What the rules need to know about an information request and its appeals so far. */
export type InformationRequestFacts = {
  kind: string;
  state: string;
  dueOn: string;
  answeredAt: Date | null;
  informationOutcome: InformationOutcome | null;
  appeals: readonly { kind: InformationAppealKind; instance: AppealInstance; decision: AppealDecision | null; decidedAt: Date | null }[];
};

const OPEN_STATES = ['received', 'forwarded', 'in_progress'];

/**
 * Which appeal the requester may file now, with its last day, or why none: 1st instance within 10 days of
 * a denial or partial grant; 2nd instance within 10 days of a 1st-instance appeal that was not granted;
 * each once.
 */
export function nextAppeal(
  request: InformationRequestFacts,
  now: Date,
): { ok: true; instance: AppealInstance; lastDay: string } | { ok: false; error: string } {
  if (request.kind !== 'information') return { ok: false, error: 'Só pedidos de acesso à informação têm recurso.' };
  const appeals = request.appeals.filter((a) => a.kind === 'appeal');
  const first = appeals.find((a) => a.instance === 1);
  const second = appeals.find((a) => a.instance === 2);
  if (second) return { ok: false, error: 'Este pedido já teve recurso de 2ª instância; não há outra instância de recurso no município.' };
  const today = dateInSaoPaulo(now);
  if (first) {
    if (!first.decision || !first.decidedAt) return { ok: false, error: 'O recurso de 1ª instância ainda está em análise.' };
    if (first.decision === 'granted') return { ok: false, error: 'O recurso de 1ª instância foi provido; não há o que recorrer.' };
    const lastDay = appealLastDay(first.decidedAt);
    if (today > lastDay) return { ok: false, error: `O prazo para o recurso de 2ª instância terminou em ${formatDate(lastDay)} (10 dias após a decisão).` };
    return { ok: true, instance: 2, lastDay };
  }
  if (!request.answeredAt || !request.informationOutcome) return { ok: false, error: 'O pedido ainda não foi respondido.' };
  if (!isAppealableOutcome(request.informationOutcome)) {
    return { ok: false, error: 'Só cabe recurso quando o acesso foi negado ou concedido em parte.' };
  }
  const lastDay = appealLastDay(request.answeredAt);
  if (today > lastDay) return { ok: false, error: `O prazo para recorrer terminou em ${formatDate(lastDay)} (10 dias após a resposta).` };
  return { ok: true, instance: 1, lastDay };
}

/**
 * A reclamação por omissão: the request is still unanswered after its deadline, filed within 10 days of
 * the missed deadline, once (LAI art. 11 and Decreto 7.724 art. 22).
 */
export function omissionComplaintRefusal(request: InformationRequestFacts, now: Date): { ok: true; lastDay: string } | { ok: false; error: string } {
  if (request.kind !== 'information') return { ok: false, error: 'Só pedidos de acesso à informação têm reclamação por omissão.' };
  if (request.appeals.some((a) => a.kind === 'omission_complaint')) return { ok: false, error: 'A reclamação por omissão deste pedido já foi registrada.' };
  if (!OPEN_STATES.includes(request.state)) return { ok: false, error: 'A reclamação por omissão só cabe enquanto o pedido está sem resposta.' };
  const today = dateInSaoPaulo(now);
  if (today <= request.dueOn) return { ok: false, error: `O prazo de resposta ainda não terminou (vai até ${formatDate(request.dueOn)}).` };
  const lastDay = omissionComplaintLastDay(request.dueOn);
  if (today > lastDay) return { ok: false, error: `O prazo para a reclamação por omissão terminou em ${formatDate(lastDay)} (10 dias após o fim do prazo de resposta).` };
  return { ok: true, lastDay };
}

/**
 * The extension of an information request: once, of 10 days, justified and told to the requester before
 * the initial 20 days end (LAI art. 11 §2; Decreto 7.724 art. 16).
 */
export function informationExtensionRefusal(request: { extensionUsed: boolean; dueOn: string }, now: Date): string | null {
  if (request.extensionUsed) return 'O prazo deste pedido já foi prorrogado uma vez; a LAI permite uma só prorrogação de 10 dias.';
  if (dateInSaoPaulo(now) > request.dueOn) {
    return `A prorrogação precisa ser comunicada antes do fim do prazo de 20 dias, que terminou em ${formatDate(request.dueOn)}.`;
  }
  return null;
}

/** How many days are left to decide an appeal, negative when late. */
export function appealDaysLeft(dueOn: string, now: Date): number {
  return daysBetween(dateInSaoPaulo(now), dueOn);
}

/**
 * The paragraph every denial or partial grant ends with: the right to appeal, its deadline and the
 * authority that judges it (LAI art. 11 §4 and art. 15; Decreto 7.724 art. 19). Written by the system
 * from the answer's date, so no answer can leave it out.
 */
export function appealNotice(input: { answeredAt: Date; authority: string }): string {
  return (
    `Você tem direito de recorrer desta decisão em até ${DEADLINE_DAYS.informationAppeal} dias, até ${formatDate(appealLastDay(input.answeredAt))}, ` +
    `pelo link de acompanhamento, pela sua conta no site ou pelo WhatsApp. O recurso será julgado por ${input.authority}, ` +
    `que decide em até ${DEADLINE_DAYS.informationAppealDecision} dias (Lei 12.527/2011, art. 15).`
  );
}

/** What the answer records beyond its text: the outcome and, for a refusal, its legal ground. */
export type InformationAnswerDetails = {
  outcome: InformationOutcome;
  denialGround?: DenialGround;
  classificationDegree?: ClassificationDegree;
  classifiedUntil?: string;
  groundExplanation?: string;
  holderBody?: string;
  appealAuthority?: string;
};

const emptyToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

/** The outcome fields of the answer form of an information request (added to the answer's text and files). */
export const informationAnswerFields = {
  outcome: z.enum(INFORMATION_OUTCOMES, { error: 'Escolha o resultado do pedido.' }),
  denialGround: optional(z.enum(DENIAL_GROUNDS, { error: 'Escolha o fundamento legal da negativa.' })),
  classificationDegree: optional(z.enum(CLASSIFICATION_DEGREES, { error: 'Escolha o grau de sigilo.' })),
  classifiedUntil: optional(z.iso.date({ error: 'Informe a data até a qual a informação é sigilosa.' })),
  groundExplanation: optional(multilineText().max(4000, { error: 'A fundamentação pode ter até 4.000 caracteres.' })),
  holderBody: optional(lineText().max(200, { error: 'O nome do órgão pode ter até 200 caracteres.' })),
  appealAuthority: optional(lineText().max(200, { error: 'A autoridade pode ter até 200 caracteres.' })),
};

type InformationAnswerInput = z.output<z.ZodObject<typeof informationAnswerFields>>;

/**
 * A denial or a partial grant will not send without its ground, the ground's explanation and the
 * authority that judges the appeal (the right to appeal and its deadline are written by `appealNotice`);
 * a classified ground needs its degree and term (LAI arts. 11 §4, 24 and 28; Decreto 7.724 art. 19).
 */
export function checkInformationAnswer(value: InformationAnswerInput, ctx: z.RefinementCtx<unknown>): void {
  if (!isAppealableOutcome(value.outcome)) return;
  if (!value.denialGround) ctx.addIssue({ code: 'custom', path: ['denialGround'], message: 'Uma negativa, mesmo parcial, precisa do fundamento legal.' });
  if (!value.groundExplanation || value.groundExplanation.length < 20) {
    ctx.addIssue({ code: 'custom', path: ['groundExplanation'], message: 'Explique ao cidadão por que o fundamento se aplica (pelo menos 20 caracteres).' });
  }
  if (!value.appealAuthority || value.appealAuthority.length < 3) {
    ctx.addIssue({ code: 'custom', path: ['appealAuthority'], message: 'Informe a autoridade que julgará o recurso.' });
  }
  if (value.denialGround === 'classified') {
    if (!value.classificationDegree) ctx.addIssue({ code: 'custom', path: ['classificationDegree'], message: 'Informe o grau de sigilo da classificação.' });
    if (!value.classifiedUntil) ctx.addIssue({ code: 'custom', path: ['classifiedUntil'], message: 'Informe até quando a informação é sigilosa.' });
  }
}

/** What the answer records: only the fields its outcome uses. */
export function informationAnswerDetails(value: InformationAnswerInput): InformationAnswerDetails {
  const refused = isAppealableOutcome(value.outcome);
  const classified = refused && value.denialGround === 'classified';
  return {
    outcome: value.outcome,
    ...(refused ? { denialGround: value.denialGround, groundExplanation: value.groundExplanation, appealAuthority: value.appealAuthority } : {}),
    ...(classified ? { classificationDegree: value.classificationDegree, classifiedUntil: value.classifiedUntil } : {}),
    ...(value.outcome === 'not_held' && value.holderBody ? { holderBody: value.holderBody } : {}),
  };
}

/** The paragraphs the system adds to the answer's text so that the citizen reads the outcome and its legal part. */
export function outcomeParagraphs(details: InformationAnswerDetails, answeredAt: Date): string[] {
  const paragraphs = [`Resultado: ${OUTCOME_LABELS[details.outcome]}.`];
  if (details.denialGround) {
    let ground = `Fundamento legal: ${DENIAL_GROUND_LABELS[details.denialGround]}`;
    if (details.classificationDegree && details.classifiedUntil) {
      ground += ` — grau ${details.classificationDegree}, sigilosa até ${formatDate(details.classifiedUntil)}`;
    }
    paragraphs.push(`${ground}. ${details.groundExplanation ?? ''}`.trim());
  }
  if (details.outcome === 'not_held') {
    paragraphs.push(
      details.holderBody
        ? `A informação é mantida por: ${details.holderBody}. Você pode fazer o pedido diretamente a esse órgão (LAI art. 11 §1º, III).`
        : 'A Prefeitura não conhece o órgão que mantém esta informação (LAI art. 11 §1º, III).',
    );
  }
  if (details.appealAuthority && isAppealableOutcome(details.outcome)) paragraphs.push(appealNotice({ answeredAt, authority: details.appealAuthority }));
  return paragraphs;
}
