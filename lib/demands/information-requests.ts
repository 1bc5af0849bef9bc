import 'server-only';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { getDb, type Executor, type Transaction } from '@/lib/db/client';
import { demands, informationAppeals, type InformationAppeal } from '@/lib/db/schema';
import {
  APPEAL_DECISION_LABELS,
  appealDecisionDueOn,
  appealLastDay,
  informationAnswerDetails,
  nextAppeal,
  omissionComplaintRefusal,
  outcomeParagraphs,
  type AppealInstance,
  type InformationRequestFacts,
} from '@/lib/domain/information-requests';
import { DEADLINE_DAYS } from '@/lib/domain/deadlines';
import { formatDate } from '@/lib/domain/labels';
import { CitizenAppealSchema, DecideAppealSchema, InformationAnswerSchema, type CitizenVia } from '@/lib/domain/workspace-schemas';
import { municipality } from '@/lib/municipality';
import { CITIZEN_LABEL, firstError, runCitizenStep, type CitizenOptions, type CitizenRefusal } from './citizen-actions';
import { withEventFiles, type MessageOptions } from './event-files';
import {
  conflict,
  decideFor,
  FORBIDDEN,
  invalid,
  notifyCitizen,
  recordEvent,
  runStaffStep,
  updateDemand,
  type StaffActor,
  type UseCaseOptions,
  type UseCaseResult,
} from './workflow';

/**
 * The use cases of an access-to-information request's procedure (LAI arts. 10–20; Decreto 7.724 as the
 * municipal model): the answer with its outcome, the requester's appeals and omission complaint, and the
 * appeal authority's decision. The rules and deadlines are `lib/domain/information-requests.ts`; each
 * use case here is one transaction with its event and its notices.
 */

/** The answer of an information request: the text, its outcome, and for a refusal the ground, the appeal and its authority. */
export async function answerInformationRequest(actor: StaffActor | null, input: unknown, options: MessageOptions = {}): Promise<UseCaseResult> {
  return withEventFiles(actor, InformationAnswerSchema, input, options.files, (data, attach) =>
    runStaffStep(actor, data.demandId, 'answer', options, async ({ tx, demand, next, now, actorLabel }) => {
      if (next === 'previous') throw new Error('An answer never returns to a previous state');
      if (demand.kind !== 'information') return conflict('Só pedidos de acesso à informação têm resultado (concedido, negado…).');
      const details = informationAnswerDetails(data);
      const body = [data.body, ...outcomeParagraphs(details, now)].join('\n\n');
      await updateDemand(
        tx,
        demand.id,
        { state: next, answeredAt: now, informationOutcome: details.outcome, denialGround: details.denialGround ?? null },
        now,
      );
      const eventId = await recordEvent(tx, {
        demandId: demand.id,
        type: 'answered',
        stateBefore: demand.state,
        stateAfter: next,
        actorUserId: actor?.userId ?? null,
        actorLabel,
        visibility: 'public',
        body,
        data: { information: details },
        now,
      });
      const attached = await attach(tx, { demandId: demand.id, eventId, now });
      await notifyCitizen(tx, demand, 'final_answer', { body, ...attached }, eventId, now);
      return { ok: true };
    }),
  );
}

async function appealsOf(db: Executor, demandId: string): Promise<InformationAppeal[]> {
  return db.select().from(informationAppeals).where(eq(informationAppeals.demandId, demandId)).orderBy(asc(informationAppeals.filedAt));
}

/** What the appeal rules read of a demand. */
type AppealDemandFacts = Pick<typeof demands.$inferSelect, 'id' | 'kind' | 'state' | 'dueOn' | 'answeredAt' | 'informationOutcome'>;

function factsOf(demand: AppealDemandFacts, appeals: readonly InformationAppeal[]): InformationRequestFacts {
  return {
    kind: demand.kind,
    state: demand.state,
    dueOn: demand.dueOn,
    answeredAt: demand.answeredAt,
    informationOutcome: demand.informationOutcome,
    appeals: appeals.map((a) => ({ kind: a.kind, instance: a.instance === 2 ? 2 : 1, decision: a.decision, decidedAt: a.decidedAt })),
  };
}

/** The authority named to the citizen for an instance, from the municipality configuration. */
export function appealAuthorityOf(instance: AppealInstance): string {
  return instance === 1 ? municipality.informationAppeals.firstInstance : municipality.informationAppeals.secondInstance;
}

export type CitizenAppealInput = { demandId: string; reason: string; via: CitizenVia; citizenUserId?: string };

/** The requester's recurso: the 1st instance after a denial or partial grant, the 2nd after a 1st not granted. */
export async function fileAppeal(input: CitizenAppealInput, options: CitizenOptions = {}): Promise<{ ok: true; instance: AppealInstance; dueOn: string } | CitizenRefusal> {
  const parsed = CitizenAppealSchema.safeParse(input);
  if (!parsed.success) return firstError(parsed.error);
  return runCitizenStep<{ ok: true; instance: AppealInstance; dueOn: string }>(parsed.data, options, async (tx, demand, now) => {
    const decision = decideFor(demand, 'appeal', 'citizen');
    const appeals = await appealsOf(tx, demand.id);
    const allowed = nextAppeal(factsOf(demand, appeals), now);
    if (!allowed.ok) return { ok: false, error: allowed.error };
    if (!decision.ok) return { ok: false, error: decision.error };
    const dueOn = appealDecisionDueOn(now);
    const appealId = await insertAppeal(tx, { demandId: demand.id, kind: 'appeal', instance: allowed.instance, reason: parsed.data.reason, filedAt: now, dueOn });
    if (!appealId) return { ok: false, error: 'Este recurso já foi registrado.' };
    await updateDemand(tx, demand.id, {}, now);
    const eventId = await recordEvent(tx, {
      demandId: demand.id,
      type: 'appeal_filed',
      stateBefore: demand.state,
      stateAfter: demand.state,
      actorUserId: parsed.data.citizenUserId ?? null,
      actorLabel: CITIZEN_LABEL,
      visibility: 'public',
      body: parsed.data.reason,
      data: { appealId, kind: 'appeal', instance: allowed.instance, dueOn, via: parsed.data.via },
      now,
    });
    await notifyCitizen(tx, demand, 'appeal_filed', { body: parsed.data.reason, dueOn }, eventId, now);
    return { ok: true, instance: allowed.instance, dueOn };
  });
}

/** The requester's reclamação por omissão: no answer by the deadline (Decreto 7.724 art. 22); judged by the 1st instance. */
export async function fileOmissionComplaint(input: CitizenAppealInput, options: CitizenOptions = {}): Promise<{ ok: true; dueOn: string } | CitizenRefusal> {
  const parsed = CitizenAppealSchema.safeParse(input);
  if (!parsed.success) return firstError(parsed.error);
  return runCitizenStep<{ ok: true; dueOn: string }>(parsed.data, options, async (tx, demand, now) => {
    const appeals = await appealsOf(tx, demand.id);
    const allowed = omissionComplaintRefusal(factsOf(demand, appeals), now);
    if (!allowed.ok) return { ok: false, error: allowed.error };
    const decision = decideFor(demand, 'omission_complaint', 'citizen');
    if (!decision.ok) return { ok: false, error: decision.error };
    const dueOn = appealDecisionDueOn(now);
    const appealId = await insertAppeal(tx, { demandId: demand.id, kind: 'omission_complaint', instance: 1, reason: parsed.data.reason, filedAt: now, dueOn });
    if (!appealId) return { ok: false, error: 'A reclamação por omissão deste pedido já foi registrada.' };
    await updateDemand(tx, demand.id, {}, now);
    const eventId = await recordEvent(tx, {
      demandId: demand.id,
      type: 'omission_complaint_filed',
      stateBefore: demand.state,
      stateAfter: demand.state,
      actorUserId: parsed.data.citizenUserId ?? null,
      actorLabel: CITIZEN_LABEL,
      visibility: 'public',
      body: parsed.data.reason,
      data: { appealId, kind: 'omission_complaint', instance: 1, dueOn, via: parsed.data.via },
      now,
    });
    await notifyCitizen(tx, demand, 'appeal_filed', { body: parsed.data.reason, dueOn }, eventId, now);
    return { ok: true, dueOn };
  });
}

async function insertAppeal(tx: Transaction, row: typeof informationAppeals.$inferInsert): Promise<string | null> {
  const [inserted] = await tx
    .insert(informationAppeals)
    .values(row)
    .onConflictDoNothing({ target: [informationAppeals.demandId, informationAppeals.kind, informationAppeals.instance] })
    .returning({ id: informationAppeals.id });
  return inserted?.id ?? null;
}

/** What the citizen reads after the decision, and what they may still do. */
export function decisionNotice(appeal: { kind: InformationAppeal['kind']; instance: number }, decision: 'granted' | 'denied', decidedAt: Date): string {
  if (appeal.kind === 'omission_complaint') {
    return decision === 'granted'
      ? 'A reclamação foi acolhida: o pedido deve ser respondido sem mais demora.'
      : 'A reclamação não foi acolhida, pelos motivos acima.';
  }
  const verdict = `${appeal.instance === 1 ? 'Recurso de 1ª instância' : 'Recurso de 2ª instância'}: ${APPEAL_DECISION_LABELS[decision]}.`;
  if (decision === 'denied' && appeal.instance === 1) {
    return `${verdict} Você pode apresentar recurso de 2ª instância, julgado por ${appealAuthorityOf(2)}, em até ${DEADLINE_DAYS.informationAppeal} dias, até ${formatDate(appealLastDay(decidedAt))}.`;
  }
  return verdict;
}

/**
 * The appeal authority decides a recurso or a reclamação por omissão of an instance it judges. The
 * demand keeps its state; the decision is public and told to the citizen with what they may do next.
 */
export async function decideAppeal(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult> {
  const parsed = DecideAppealSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return runStaffStep(actor, parsed.data.demandId, 'decide_appeal', options, async ({ tx, demand, now }) => {
    const [appeal] = await tx
      .select()
      .from(informationAppeals)
      .where(and(eq(informationAppeals.id, parsed.data.appealId), eq(informationAppeals.demandId, demand.id)))
      .for('update');
    if (!appeal) return { ok: false, status: 404, error: 'Recurso não encontrado.' };
    if (!actor?.appealInstances?.includes(appeal.instance)) return FORBIDDEN;
    if (appeal.decision) return conflict('Este recurso já foi decidido.');
    await tx
      .update(informationAppeals)
      .set({ decision: parsed.data.decision, decisionText: parsed.data.decisionText, decidedAt: now, decidedByUserId: actor.userId })
      .where(eq(informationAppeals.id, appeal.id));
    await updateDemand(tx, demand.id, {}, now);
    const body = `${parsed.data.decisionText}\n\n${decisionNotice(appeal, parsed.data.decision, now)}`;
    const eventId = await recordEvent(tx, {
      demandId: demand.id,
      type: 'appeal_decided',
      stateBefore: demand.state,
      stateAfter: demand.state,
      actorUserId: actor.userId,
      actorLabel: appeal.instance === 1 ? 'Autoridade de recurso (1ª instância)' : 'Autoridade de recurso (2ª instância)',
      visibility: 'public',
      body,
      data: { appealId: appeal.id, kind: appeal.kind, instance: appeal.instance, decision: parsed.data.decision },
      now,
    });
    await notifyCitizen(tx, demand, 'appeal_decided', { body }, eventId, now);
    return { ok: true };
  });
}

/** The appeals of one demand, for its pages (citizen and staff). */
export async function listAppealsOfDemand(demandId: string, options: { db?: Executor } = {}): Promise<InformationAppeal[]> {
  return appealsOf(options.db ?? (await getDb()), demandId);
}

/** What the requester may do now about an information request: appeal (with its last day), complain of omission, or nothing. */
export type CitizenAppealOption =
  | { kind: 'appeal'; instance: AppealInstance; lastDay: string; authority: string }
  | { kind: 'omission_complaint'; lastDay: string; authority: string }
  | null;

export function citizenAppealOption(demand: AppealDemandFacts, appeals: readonly InformationAppeal[], now: Date): CitizenAppealOption {
  if (demand.kind !== 'information') return null;
  const facts = factsOf(demand, appeals);
  const appeal = nextAppeal(facts, now);
  if (appeal.ok) return { kind: 'appeal', instance: appeal.instance, lastDay: appeal.lastDay, authority: appealAuthorityOf(appeal.instance) };
  const omission = omissionComplaintRefusal(facts, now);
  if (omission.ok) return { kind: 'omission_complaint', lastDay: omission.lastDay, authority: appealAuthorityOf(1) };
  return null;
}

/** The appeal authority's queue: undecided appeals and complaints of the instances it judges, most urgent first. */
export async function listPendingAppeals(actor: StaffActor, options: { db?: Executor } = {}) {
  if (actor.role !== 'appeal_authority') return [];
  const instances = (actor.appealInstances ?? []).filter((i) => i === 1 || i === 2);
  if (!instances.length) return [];
  const db = options.db ?? (await getDb());
  return db
    .select({
      id: informationAppeals.id,
      kind: informationAppeals.kind,
      instance: informationAppeals.instance,
      reason: informationAppeals.reason,
      filedAt: informationAppeals.filedAt,
      dueOn: informationAppeals.dueOn,
      demandId: demands.id,
      protocol: demands.protocol,
      subject: demands.subject,
      informationOutcome: demands.informationOutcome,
      denialGround: demands.denialGround,
    })
    .from(informationAppeals)
    .innerJoin(demands, eq(demands.id, informationAppeals.demandId))
    .where(and(isNull(informationAppeals.decision), inArray(informationAppeals.instance, instances)))
    .orderBy(asc(informationAppeals.dueOn), asc(informationAppeals.filedAt))
    .limit(200);
}

/** What the requester's pages show about appeals: what they may file now, and what is waiting for a decision. */
export type CitizenAppealStatus = {
  option: CitizenAppealOption;
  pending: { kind: InformationAppeal['kind']; instance: number; dueOn: string }[];
};

export async function citizenAppealStatus(demand: AppealDemandFacts, now: Date, options: { db?: Executor } = {}): Promise<CitizenAppealStatus> {
  if (demand.kind !== 'information') return { option: null, pending: [] };
  const appeals = await appealsOf(options.db ?? (await getDb()), demand.id);
  return {
    option: citizenAppealOption(demand, appeals, now),
    pending: appeals.filter((a) => !a.decision).map((a) => ({ kind: a.kind, instance: a.instance, dueOn: a.dueOn })),
  };
}
