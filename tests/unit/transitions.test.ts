import { describe, expect, it } from 'vitest';
import {
  citizenReopenRefusal,
  decideTransition,
  DEMAND_ACTIONS,
  escalationRefusal,
  extensionRefusal,
  awaitingCitizenExpired,
  reopenWindowOver,
  type DemandAction,
  type Performer,
} from '@/lib/domain/transitions';
import { DEMAND_STATES, ROLES, SERVICES, type DemandState, type Service } from '@/lib/domain/vocabulary';

/**
 * DESIGN.md's state machine written out by hand, one line per (action, service, performer): the states
 * it may start from and where it goes ("=" keeps the state, "prev" returns to the state before the
 * information request). Every other (state, action, performer, service) must be refused.
 * R received · F forwarded · P in_progress · W awaiting_citizen · A answered · C closed · X archived.
 */
const EXPECTED = `
classify        ouvidoria ombudsman        R F P W     -> =
classify        balcao    attendant        R F P W     -> =
forward         ouvidoria ombudsman        R F P       -> F
forward         balcao    attendant        R F P       -> F
assign          ouvidoria ombudsman        R F P W     -> =
assign          ouvidoria department       R F P W     -> =
assign          ouvidoria internal_control R F P W     -> =
assign          balcao    attendant        R F P W     -> =
assign          balcao    department       R F P W     -> =
note            ouvidoria ombudsman        R F P W A C X -> =
note            ouvidoria department       R F P W A C X -> =
note            ouvidoria internal_control R F P W A C X -> =
note            balcao    attendant        R F P W A C X -> =
note            balcao    department       R F P W A C X -> =
note            balcao    ombudsman        R F P W A C X -> =
request_info    ouvidoria ombudsman        R F P       -> W
request_info    ouvidoria department       R F P       -> W
request_info    balcao    attendant        R F P       -> W
request_info    balcao    department       R F P       -> W
public_reply    ouvidoria ombudsman        R F P       -> P
public_reply    ouvidoria department       R F P       -> P
public_reply    balcao    attendant        R F P       -> P
public_reply    balcao    department       R F P       -> P
extend          ouvidoria ombudsman        R F P       -> =
extend          balcao    attendant        R F P       -> =
answer          ouvidoria ombudsman        R F P       -> A
answer          balcao    attendant        R F P       -> A
answer          balcao    department       R F P       -> A
archive         ouvidoria ombudsman        R F P W     -> X
archive         balcao    attendant        R F P W     -> X
reopen          ouvidoria ombudsman        A C X       -> R
reopen          balcao    attendant        A C X       -> R
escalate        balcao    attendant        R F P W A C -> =
escalate        balcao    ombudsman        R F P W A C -> =
revoke_status_links ouvidoria ombudsman   R F P W A C X -> =
revoke_status_links balcao    ombudsman   R F P W A C X -> =
link_duplicate  ouvidoria ombudsman        R F P W     -> =
link_duplicate  balcao    attendant        R F P W     -> =
unlink_duplicate ouvidoria ombudsman       R F P W A C X -> =
unlink_duplicate balcao   attendant        R F P W A C X -> =
publish_description balcao attendant       R F P W A C X -> =
publish_description balcao department      R F P W A C X -> =
tag             ouvidoria ombudsman        R F P W A C X -> =
tag             ouvidoria department       R F P W A C X -> =
tag             ouvidoria internal_control R F P W A C X -> =
tag             balcao    attendant        R F P W A C X -> =
tag             balcao    department       R F P W A C X -> =
tag             balcao    ombudsman        R F P W A C X -> =
prioritise      ouvidoria ombudsman        R F P W     -> =
prioritise      ouvidoria department       R F P W     -> =
prioritise      ouvidoria internal_control R F P W     -> =
prioritise      balcao    attendant        R F P W     -> =
prioritise      balcao    department       R F P W     -> =
prioritise      balcao    ombudsman        R F P W     -> =
citizen_reply   ouvidoria citizen          W           -> prev
citizen_reply   balcao    citizen          W           -> prev
citizen_reopen  ouvidoria citizen          A           -> R
citizen_reopen  balcao    citizen          A           -> R
rate            ouvidoria citizen          A C         -> =
rate            balcao    citizen          A C         -> =
citizen_message ouvidoria citizen          R F P A     -> =
citizen_message balcao    citizen          R F P A     -> =
citizen_escalate balcao   citizen          R F P W A C -> =
decide_appeal   ouvidoria appeal_authority R F P W A C X -> =
appeal          ouvidoria citizen          A C         -> =
omission_complaint ouvidoria citizen       R F P       -> =
auto_archive    ouvidoria system           W           -> X
auto_archive    balcao    system           W           -> X
close           ouvidoria system           A           -> C
close           balcao    system           A           -> C
`;

const STATE_CODES: Record<string, DemandState> = {
  R: 'received',
  F: 'forwarded',
  P: 'in_progress',
  W: 'awaiting_citizen',
  A: 'answered',
  C: 'closed',
  X: 'archived',
};

function expectedOutcomes(): Map<string, DemandState | 'previous'> {
  const outcomes = new Map<string, DemandState | 'previous'>();
  for (const line of EXPECTED.trim().split('\n')) {
    const [left, right] = line.split('->').map((part) => part.trim());
    const [action, service, performer, ...states] = (left ?? '').split(/\s+/);
    for (const code of states) {
      const from = STATE_CODES[code];
      if (!from) throw new Error(`Unknown state code ${code}`);
      const next = right === '=' ? from : right === 'prev' ? 'previous' : STATE_CODES[right ?? ''];
      if (!next) throw new Error(`Unknown target ${right}`);
      outcomes.set(`${action}|${service}|${performer}|${from}`, next);
    }
  }
  return outcomes;
}

const PERFORMERS: Performer[] = [...ROLES, 'system'];

describe('the state machine, as a table', () => {
  const expected = expectedOutcomes();
  const cases: [DemandAction, Service, Performer, DemandState][] = [];
  for (const action of DEMAND_ACTIONS)
    for (const service of SERVICES) for (const performer of PERFORMERS) for (const state of DEMAND_STATES) cases.push([action, service, performer, state]);

  it('covers every combination of action, service, performer and state', () => {
    expect(cases).toHaveLength(DEMAND_ACTIONS.length * SERVICES.length * PERFORMERS.length * DEMAND_STATES.length);
  });

  it.each(cases)('%s on %s by %s from %s', (action, service, performer, state) => {
    const decision = decideTransition({ service, state, action, performer });
    const next = expected.get(`${action}|${service}|${performer}|${state}`);
    if (next) {
      expect(decision).toEqual({ allowed: true, next });
    } else {
      expect(decision.allowed).toBe(false);
    }
  });

  it('explains a refusal by state in Portuguese', () => {
    expect(decideTransition({ service: 'ouvidoria', state: 'closed', action: 'answer', performer: 'ombudsman' })).toEqual({
      allowed: false,
      reason: 'state',
      message: 'Não é possível enviar resposta conclusiva a uma manifestação com a situação “Concluída”.',
    });
    expect(decideTransition({ service: 'ouvidoria', state: 'received', action: 'answer', performer: 'department' })).toMatchObject({
      allowed: false,
      reason: 'performer',
    });
  });
});

describe('conditions beyond the state', () => {
  const at = (iso: string) => new Date(iso);

  it.each([
    ['answered today', '2026-03-10T15:00:00Z', '2026-03-10T18:00:00Z', 0, null],
    ['on the tenth day', '2026-03-10T15:00:00Z', '2026-03-20T23:00:00Z', 0, null],
    ['on the eleventh day', '2026-03-10T15:00:00Z', '2026-03-21T13:00:00Z', 0, 'O prazo para reabrir terminou 10 dias após a resposta (até 20/03/2026).'],
    ['a second time', '2026-03-10T15:00:00Z', '2026-03-11T13:00:00Z', 1, 'Esta manifestação já foi reaberta uma vez.'],
    // 02:30 UTC on the 21st is still the 20th in São Paulo.
    ['late at night in São Paulo on the tenth day', '2026-03-10T15:00:00Z', '2026-03-21T02:30:00Z', 0, null],
  ])('the citizen reopens %s', (_label, answeredAt, now, reopenCount, expected) => {
    expect(citizenReopenRefusal({ answeredAt: at(answeredAt), reopenCount }, at(now))).toBe(expected);
  });

  it('allows one extension only', () => {
    expect(extensionRefusal({ extensionUsed: false })).toBeNull();
    expect(extensionRefusal({ extensionUsed: true })).toMatch(/uma só prorrogação/);
  });

  it.each([
    ['a late Balcão request', 'balcao', 'in_progress', '2026-03-01', false, null],
    ['a Balcão request still on time', 'balcao', 'in_progress', '2026-03-30', false, /depois do prazo ou depois de respondida/],
    ['a Balcão request due today', 'balcao', 'forwarded', '2026-03-10', false, /depois do prazo/],
    ['an answered Balcão request on time', 'balcao', 'answered', '2026-03-30', false, null],
    ['a Balcão request awaiting the citizen past its date', 'balcao', 'awaiting_citizen', '2026-03-01', false, /depois do prazo/],
    ['a request already escalated', 'balcao', 'closed', '2026-03-01', true, /já foi levada/],
    ['an Ouvidoria demand', 'ouvidoria', 'in_progress', '2026-03-01', false, /Só solicitações do Balcão/],
  ] as const)('escalation of %s', (_label, service, state, dueOn, alreadyEscalated, expected) => {
    const refusal = escalationRefusal({ service, state, dueOn, alreadyEscalated }, at('2026-03-10T15:00:00Z'));
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });

  it('archives after more than 20 days awaiting the citizen, and closes after the reopen window', () => {
    expect(awaitingCitizenExpired(at('2026-03-01T15:00:00Z'), at('2026-03-21T15:00:00Z'))).toBe(false);
    expect(awaitingCitizenExpired(at('2026-03-01T15:00:00Z'), at('2026-03-22T15:00:00Z'))).toBe(true);
    expect(reopenWindowOver(at('2026-03-10T15:00:00Z'), at('2026-03-20T15:00:00Z'))).toBe(false);
    expect(reopenWindowOver(at('2026-03-10T15:00:00Z'), at('2026-03-21T15:00:00Z'))).toBe(true);
  });
});
