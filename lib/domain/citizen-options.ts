import { addDays, dateInSaoPaulo, DEADLINE_DAYS } from './deadlines';
import type { DemandState } from './vocabulary';

/**
 * What the requester may do on their own demand right now: answer a request for information, rate the
 * answer, reopen it once within 10 days (Lei 13.460 and the city's rules, DESIGN.md "States").
 */

export type CitizenOptionsInput = {
  state: DemandState;
  answeredAt: Date | null;
  reopenCount: number;
  rated: boolean;
};

export type CitizenOptions = {
  canReply: boolean;
  canRate: boolean;
  canReopen: boolean;
  /** Last day (YYYY-MM-DD, São Paulo) to reopen, while the demand is answered and was never reopened. */
  reopenUntil: string | null;
};

export function reopenUntilOf(answeredAt: Date): string {
  return addDays(dateInSaoPaulo(answeredAt), DEADLINE_DAYS.reopenWindow);
}

export function citizenOptions(demand: CitizenOptionsInput, now: Date): CitizenOptions {
  const answered = demand.state === 'answered';
  const reopenUntil = answered && demand.answeredAt && demand.reopenCount === 0 ? reopenUntilOf(demand.answeredAt) : null;
  return {
    canReply: demand.state === 'awaiting_citizen',
    canRate: (answered || demand.state === 'closed') && !demand.rated,
    canReopen: reopenUntil !== null && dateInSaoPaulo(now) <= reopenUntil,
    reopenUntil,
  };
}
