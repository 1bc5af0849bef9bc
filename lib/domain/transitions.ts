import { addDays, dateInSaoPaulo, daysBetween, DEADLINE_DAYS } from './deadlines';
import { formatDate, STATE_LABELS } from './labels';
import type { DemandState, Role, Service } from './vocabulary';

/**
 * Who may move a demand, from which state, to which state (DESIGN.md, "States" and "Roles"). This table
 * is the one place the rule lives; use cases ask `decideTransition` before changing anything, and the
 * workspace shows only the forms it allows. Whether a department user holds the demand, and whether a
 * role may see it at all, is `permissions.ts`'s question.
 */

/** What staff do in the workspace. */
export const STAFF_ACTIONS = [
  'classify',
  'forward',
  'assign',
  'note',
  'request_info',
  'public_reply',
  'extend',
  'answer',
  'archive',
  'reopen',
  'escalate',
  'revoke_status_links',
  'link_duplicate',
  'unlink_duplicate',
  'publish_description',
  'decide_appeal',
  'tag',
  'prioritise',
] as const;
/** What the requester does, from the status link, their account or WhatsApp. */
export const CITIZEN_ACTIONS = ['citizen_reply', 'citizen_reopen', 'rate', 'citizen_message', 'citizen_escalate', 'appeal', 'omission_complaint'] as const;
/** What the scheduled jobs do. */
export const SYSTEM_ACTIONS = ['auto_archive', 'close'] as const;

export const DEMAND_ACTIONS = [...STAFF_ACTIONS, ...CITIZEN_ACTIONS, ...SYSTEM_ACTIONS] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];
export type CitizenAction = (typeof CITIZEN_ACTIONS)[number];
export type SystemAction = (typeof SYSTEM_ACTIONS)[number];
export type DemandAction = (typeof DEMAND_ACTIONS)[number];

/** A role, or the scheduled jobs. In this table `citizen` means the demand's own requester. */
export type Performer = Role | 'system';

/** `unchanged` keeps the state; `previous` returns to the state before the information request. */
export type TransitionTarget = DemandState | 'unchanged' | 'previous';

export type TransitionRule = {
  from: readonly DemandState[];
  to: TransitionTarget;
  performers: Readonly<Record<Service, readonly Performer[]>>;
};

const OPEN: readonly DemandState[] = ['received', 'forwarded', 'in_progress', 'awaiting_citizen'];
const RUNNING: readonly DemandState[] = ['received', 'forwarded', 'in_progress'];
const ANY: readonly DemandState[] = ['received', 'forwarded', 'in_progress', 'awaiting_citizen', 'answered', 'closed', 'archived'];

export const TRANSITIONS: Readonly<Record<DemandAction, TransitionRule>> = {
  // The triage desk of each service (ombudsman: Ouvidoria; attendant: Balcão) decides what a demand is,
  // where it goes, and the moments the law cares about (extension, archive, reopening).
  classify: { from: OPEN, to: 'unchanged', performers: { ouvidoria: ['ombudsman'], balcao: ['attendant'] } },
  forward: { from: RUNNING, to: 'forwarded', performers: { ouvidoria: ['ombudsman'], balcao: ['attendant'] } },
  assign: {
    from: OPEN,
    to: 'unchanged',
    performers: { ouvidoria: ['ombudsman', 'department', 'internal_control'], balcao: ['attendant', 'department'] },
  },
  // Notes stay possible after the end: staff record what happened next (an inspection, a sanction).
  note: {
    from: ANY,
    to: 'unchanged',
    performers: { ouvidoria: ['ombudsman', 'department', 'internal_control'], balcao: ['attendant', 'department', 'ombudsman'] },
  },
  // The Controle Interno speaks to the citizen only through the ombudsman (internal notes).
  request_info: { from: RUNNING, to: 'awaiting_citizen', performers: { ouvidoria: ['ombudsman', 'department'], balcao: ['attendant', 'department'] } },
  public_reply: { from: RUNNING, to: 'in_progress', performers: { ouvidoria: ['ombudsman', 'department'], balcao: ['attendant', 'department'] } },
  extend: { from: RUNNING, to: 'unchanged', performers: { ouvidoria: ['ombudsman'], balcao: ['attendant'] } },
  // The final answer of a manifestação is the ombudsman's (Lei 13.460 art. 14); a service request is
  // answered by the counter or by the secretaria that did the work.
  answer: { from: RUNNING, to: 'answered', performers: { ouvidoria: ['ombudsman'], balcao: ['attendant', 'department'] } },
  archive: { from: OPEN, to: 'archived', performers: { ouvidoria: ['ombudsman'], balcao: ['attendant'] } },
  reopen: { from: ['answered', 'closed', 'archived'], to: 'received', performers: { ouvidoria: ['ombudsman'], balcao: ['attendant'] } },
  // A late or unsatisfactory service request becomes a linked Ouvidoria complaint; the request itself
  // keeps its state. Only Balcão requests escalate (`escalationRefusal` adds "late or answered").
  escalate: { from: [...OPEN, 'answered', 'closed'], to: 'unchanged', performers: { ouvidoria: [], balcao: ['attendant', 'ombudsman'] } },
  // A status link that reached the wrong hands (a forwarded e-mail, a shared computer) is the ombudsman's
  // to revoke, in any state: the links keep opening the demand after it ends.
  revoke_status_links: { from: ANY, to: 'unchanged', performers: { ouvidoria: ['ombudsman'], balcao: ['ombudsman'] } },
  // The triage desk says two demands are one problem (DESIGN.md `duplicate_of`) while this one is open, and
  // may undo it in any state; the main one's final answer then answers both (lib/demands/duplicates.ts).
  link_duplicate: { from: OPEN, to: 'unchanged', performers: { ouvidoria: ['ombudsman'], balcao: ['attendant'] } },
  unlink_duplicate: { from: ANY, to: 'unchanged', performers: { ouvidoria: ['ombudsman'], balcao: ['attendant'] } },
  // Whoever works a service request may let its description show on the public map (or take it back), in
  // any state; an Ouvidoria demand never appears there (lib/demands/publication.ts).
  publish_description: { from: ANY, to: 'unchanged', performers: { ouvidoria: [], balcao: ['attendant', 'department'] } },
  // LAI appeals and omission complaints are decided by the appeal authority of their instance, never by
  // the desk that answered (LAI art. 15 § único: "autoridade hierarquicamente superior"). The demand keeps
  // its state: the appeal is its own movement with its own deadline (lib/domain/information-requests.ts).
  decide_appeal: { from: ANY, to: 'unchanged', performers: { ouvidoria: ['appeal_authority'], balcao: [] } },
  // Etiquetas and priority organise the queues of whoever works the demand; an etiqueta may still sort a
  // finished demand (for the statistics), a priority matters only while someone has to act.
  tag: {
    from: ANY,
    to: 'unchanged',
    performers: { ouvidoria: ['ombudsman', 'department', 'internal_control'], balcao: ['attendant', 'department', 'ombudsman'] },
  },
  prioritise: {
    from: OPEN,
    to: 'unchanged',
    performers: { ouvidoria: ['ombudsman', 'department', 'internal_control'], balcao: ['attendant', 'department', 'ombudsman'] },
  },

  citizen_reply: { from: ['awaiting_citizen'], to: 'previous', performers: { ouvidoria: ['citizen'], balcao: ['citizen'] } },
  citizen_reopen: { from: ['answered'], to: 'received', performers: { ouvidoria: ['citizen'], balcao: ['citizen'] } },
  rate: { from: ['answered', 'closed'], to: 'unchanged', performers: { ouvidoria: ['citizen'], balcao: ['citizen'] } },
  citizen_message: { from: ['received', 'forwarded', 'in_progress', 'answered'], to: 'unchanged', performers: { ouvidoria: ['citizen'], balcao: ['citizen'] } },
  citizen_escalate: { from: [...OPEN, 'answered', 'closed'], to: 'unchanged', performers: { ouvidoria: [], balcao: ['citizen'] } },
  // LAI art. 15: the requester appeals a denial or partial grant (`nextAppeal` adds the outcome, window and instance).
  appeal: { from: ['answered', 'closed'], to: 'unchanged', performers: { ouvidoria: ['citizen'], balcao: [] } },
  // Decreto 7.724 art. 22: no answer by the deadline (`omissionComplaintRefusal` adds the dates).
  omission_complaint: { from: RUNNING, to: 'unchanged', performers: { ouvidoria: ['citizen'], balcao: [] } },

  auto_archive: { from: ['awaiting_citizen'], to: 'archived', performers: { ouvidoria: ['system'], balcao: ['system'] } },
  close: { from: ['answered'], to: 'closed', performers: { ouvidoria: ['system'], balcao: ['system'] } },
};

export type TransitionDecision =
  | { allowed: true; next: DemandState | 'previous' }
  | { allowed: false; reason: 'performer' | 'state'; message: string };

export function decideTransition(input: { service: Service; state: DemandState; action: DemandAction; performer: Performer }): TransitionDecision {
  const rule = TRANSITIONS[input.action];
  if (!rule.performers[input.service].includes(input.performer)) {
    return { allowed: false, reason: 'performer', message: 'Você não tem permissão para isso.' };
  }
  if (!rule.from.includes(input.state)) {
    return {
      allowed: false,
      reason: 'state',
      message: `Não é possível ${ACTION_VERBS[input.action]} uma manifestação com a situação “${STATE_LABELS[input.state]}”.`,
    };
  }
  return { allowed: true, next: rule.to === 'unchanged' ? input.state : rule.to };
}

/** Completes "Não é possível … uma manifestação": the refusal a user reads. */
const ACTION_VERBS: Record<DemandAction, string> = {
  classify: 'classificar',
  forward: 'encaminhar',
  assign: 'atribuir',
  note: 'anotar',
  request_info: 'pedir complementação sobre',
  public_reply: 'responder',
  extend: 'prorrogar o prazo de',
  answer: 'enviar resposta conclusiva a',
  archive: 'arquivar',
  reopen: 'reabrir',
  escalate: 'levar à Ouvidoria',
  revoke_status_links: 'revogar os links de acompanhamento de',
  link_duplicate: 'marcar como duplicada',
  unlink_duplicate: 'desvincular',
  publish_description: 'mudar a publicação da descrição de',
  decide_appeal: 'decidir recurso de',
  tag: 'mudar as etiquetas de',
  prioritise: 'mudar a prioridade de',
  appeal: 'recorrer de',
  omission_complaint: 'registrar reclamação por omissão sobre',
  citizen_reply: 'enviar complementação para',
  citizen_reopen: 'reabrir',
  rate: 'avaliar',
  citizen_message: 'enviar mensagem para',
  citizen_escalate: 'levar à Ouvidoria',
  auto_archive: 'arquivar',
  close: 'concluir',
};

export const ACTION_LABELS: Record<StaffAction, string> = {
  classify: 'Classificar',
  forward: 'Encaminhar',
  assign: 'Atribuir a uma pessoa',
  note: 'Nota interna',
  request_info: 'Pedir complementação ao cidadão',
  public_reply: 'Resposta ao cidadão',
  extend: 'Prorrogar o prazo',
  answer: 'Resposta conclusiva',
  archive: 'Arquivar',
  reopen: 'Reabrir',
  escalate: 'Levar à Ouvidoria como reclamação',
  revoke_status_links: 'Revogar links de acompanhamento',
  link_duplicate: 'Marcar como duplicada de outra',
  unlink_duplicate: 'Desvincular da principal',
  publish_description: 'Descrição no mapa público',
  decide_appeal: 'Decidir recurso (LAI)',
  tag: 'Etiquetas',
  prioritise: 'Prioridade',
};

// Conditions beyond the state: the law's once-only and time windows. Each returns the refusal a user
// reads, or null when allowed.

export function extensionRefusal(demand: { extensionUsed: boolean }): string | null {
  return demand.extensionUsed ? 'O prazo desta manifestação já foi prorrogado uma vez; a lei permite uma só prorrogação.' : null;
}

/** The requester may reopen an answered demand once, within 10 days of the answer (not satisfied). */
export function citizenReopenRefusal(demand: { answeredAt: Date | null; reopenCount: number }, now: Date): string | null {
  if (demand.reopenCount > 0) return 'Esta manifestação já foi reaberta uma vez.';
  if (!demand.answeredAt) return 'Esta manifestação ainda não foi respondida.';
  const lastDay = addDays(dateInSaoPaulo(demand.answeredAt), DEADLINE_DAYS.reopenWindow);
  if (dateInSaoPaulo(now) > lastDay) return `O prazo para reabrir terminou 10 dias após a resposta (até ${formatDate(lastDay)}).`;
  return null;
}

/** A Balcão request goes to the Ouvidoria when it is late, or once it was answered (the citizen is not satisfied). */
export function escalationRefusal(
  demand: { service: Service; state: DemandState; dueOn: string; alreadyEscalated: boolean },
  now: Date,
): string | null {
  if (demand.service !== 'balcao') return 'Só solicitações do Balcão da Cidadania podem ser levadas à Ouvidoria.';
  if (demand.alreadyEscalated) return 'Esta solicitação já foi levada à Ouvidoria.';
  const answered = demand.state === 'answered' || demand.state === 'closed';
  const late = demand.state !== 'awaiting_citizen' && daysBetween(dateInSaoPaulo(now), demand.dueOn) < 0;
  if (!answered && !late) return 'A solicitação só pode ser levada à Ouvidoria depois do prazo ou depois de respondida.';
  return null;
}

/** The job archives a demand awaiting the citizen once 20 full days passed without a reply. */
export function awaitingCitizenExpired(suspendedAt: Date, now: Date): boolean {
  return daysBetween(dateInSaoPaulo(suspendedAt), dateInSaoPaulo(now)) > DEADLINE_DAYS.awaitingCitizenArchive;
}

/** An answered demand is closed when the reopen window is over. */
export function reopenWindowOver(answeredAt: Date, now: Date): boolean {
  return daysBetween(dateInSaoPaulo(answeredAt), dateInSaoPaulo(now)) > DEADLINE_DAYS.reopenWindow;
}
