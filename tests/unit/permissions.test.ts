import { describe, expect, it } from 'vitest';
import {
  canAssign,
  canPerform,
  canReadWhatsappThread,
  canViewDemand,
  identityVisibility,
  isIdentityProtected,
  isRestrictedToInternalControl,
  type DemandAccessFacts,
  type IdentityVisibility,
  type PermissionActor,
} from '@/lib/domain/permissions';

const SAUDE = 'dep-saude';
const OBRAS = 'dep-obras';
const CONTROLE = 'dep-controle';

const actors = {
  ombudsman: { userId: 'u-ouvidor', role: 'ombudsman', departmentIds: [] },
  attendant: { userId: 'u-atendente', role: 'attendant', departmentIds: [] },
  saude: { userId: 'u-saude', role: 'department', departmentIds: [SAUDE] },
  obras: { userId: 'u-obras', role: 'department', departmentIds: [OBRAS] },
  controle: { userId: 'u-controle', role: 'internal_control', departmentIds: [CONTROLE] },
  manager: { userId: 'u-gestor', role: 'manager', departmentIds: [] },
  admin: { userId: 'u-admin', role: 'admin', departmentIds: [] },
  citizen: { userId: 'u-cidada', role: 'citizen', departmentIds: [] },
  appealAuthority: { userId: 'u-autoridade', role: 'appeal_authority', departmentIds: [], appealInstances: [1] },
} satisfies Record<string, PermissionActor>;
type ActorName = keyof typeof actors;

const demands = {
  ouvidoriaUntriaged: { service: 'ouvidoria', kind: 'complaint', identity: 'identified', departmentId: null, supportingDepartmentIds: [], restrictedToInternalControl: false },
  ouvidoriaAtSaude: { service: 'ouvidoria', kind: 'complaint', identity: 'identified', departmentId: SAUDE, supportingDepartmentIds: [], restrictedToInternalControl: false },
  ouvidoriaSupportedByObras: { service: 'ouvidoria', kind: 'request', identity: 'identified', departmentId: SAUDE, supportingDepartmentIds: [OBRAS], restrictedToInternalControl: false },
  confidentialAtSaude: { service: 'ouvidoria', kind: 'complaint', identity: 'confidential', departmentId: SAUDE, supportingDepartmentIds: [], restrictedToInternalControl: false },
  denunciationAtObras: { service: 'ouvidoria', kind: 'denunciation', identity: 'identified', departmentId: OBRAS, supportingDepartmentIds: [], restrictedToInternalControl: false },
  servantDenunciation: { service: 'ouvidoria', kind: 'denunciation', identity: 'identified', departmentId: CONTROLE, supportingDepartmentIds: [], restrictedToInternalControl: true },
  servantDenunciationUntriaged: { service: 'ouvidoria', kind: 'denunciation', identity: 'confidential', departmentId: null, supportingDepartmentIds: [], restrictedToInternalControl: true },
  balcaoAtObras: { service: 'balcao', kind: 'service_request', identity: 'identified', departmentId: OBRAS, supportingDepartmentIds: [], restrictedToInternalControl: false },
  balcaoAnonymous: { service: 'balcao', kind: 'service_request', identity: 'anonymous', departmentId: OBRAS, supportingDepartmentIds: [], restrictedToInternalControl: false },
  informationAtSaude: { service: 'ouvidoria', kind: 'information', identity: 'identified', departmentId: SAUDE, supportingDepartmentIds: [], restrictedToInternalControl: false },
} satisfies Record<string, DemandAccessFacts>;
type DemandName = keyof typeof demands;

/** Who sees what: one row per demand, the actors that may open it. */
const VIEWERS: Record<DemandName, ActorName[]> = {
  ouvidoriaUntriaged: ['ombudsman', 'manager'],
  ouvidoriaAtSaude: ['ombudsman', 'saude', 'manager'],
  ouvidoriaSupportedByObras: ['ombudsman', 'saude', 'obras', 'manager'],
  confidentialAtSaude: ['ombudsman', 'saude', 'manager'],
  denunciationAtObras: ['ombudsman', 'obras', 'manager'],
  servantDenunciation: ['ombudsman', 'controle'],
  servantDenunciationUntriaged: ['ombudsman'],
  balcaoAtObras: ['ombudsman', 'attendant', 'obras', 'manager'],
  balcaoAnonymous: ['ombudsman', 'attendant', 'obras', 'manager'],
  // The appeal authority reads the access-to-information requests it may have to judge (LAI art. 15), nothing else.
  informationAtSaude: ['ombudsman', 'saude', 'manager', 'appealAuthority'],
};

/** What each viewer sees of the requester (absent: cannot open the demand at all). */
const IDENTITY: Record<DemandName, Partial<Record<ActorName, string>>> = {
  ouvidoriaUntriaged: { ombudsman: 'identity', manager: 'identity' },
  ouvidoriaAtSaude: { ombudsman: 'identity', saude: 'identity', manager: 'identity' },
  ouvidoriaSupportedByObras: { ombudsman: 'identity', saude: 'identity', obras: 'identity', manager: 'identity' },
  confidentialAtSaude: { ombudsman: 'identity_on_request', saude: 'pseudonym', manager: 'pseudonym' },
  denunciationAtObras: { ombudsman: 'identity_on_request', obras: 'pseudonym', manager: 'pseudonym' },
  servantDenunciation: { ombudsman: 'identity_on_request', controle: 'pseudonym' },
  servantDenunciationUntriaged: { ombudsman: 'identity_on_request' },
  balcaoAtObras: { ombudsman: 'identity', attendant: 'identity', obras: 'identity', manager: 'identity' },
  balcaoAnonymous: { ombudsman: 'none', attendant: 'none', obras: 'none', manager: 'none' },
  // Who asked does not change the answer (LAI art. 10 §3): the authority judges without the requester's name.
  informationAtSaude: { ombudsman: 'identity', saude: 'identity', manager: 'identity', appealAuthority: 'pseudonym' },
};

const rows = (Object.keys(demands) as DemandName[]).flatMap((demand) => (Object.keys(actors) as ActorName[]).map((actor) => [demand, actor] as const));

describe('who sees which demand', () => {
  it.each(rows)('%s seen by %s', (demand, actor) => {
    expect(canViewDemand(actors[actor], demands[demand])).toBe(VIEWERS[demand].includes(actor));
  });

  it('shows nothing to someone not signed in', () => {
    for (const demand of Object.values(demands)) expect(canViewDemand(null, demand)).toBe(false);
  });
});

describe('whose identity they see', () => {
  it.each(rows.filter(([demand, actor]) => VIEWERS[demand].includes(actor)))('%s seen by %s', (demand, actor) => {
    expect(identityVisibility(actors[actor], demands[demand])).toBe(IDENTITY[demand][actor]);
  });

  it.each([
    ['complaint', 'identified', false],
    ['complaint', 'confidential', true],
    ['denunciation', 'identified', true],
    ['service_request', 'confidential', true],
    ['praise', 'anonymous', false],
  ] as const)('a %s filed as %s is protected: %s', (kind, identity, expected) => {
    expect(isIdentityProtected({ kind, identity })).toBe(expected);
  });
});

describe('who reads the WhatsApp conversation on the demand page', () => {
  it.each([
    ['identity', false, true],
    ['none', false, true],
    ['identity_on_request', false, false],
    ['identity_on_request', true, true],
    ['pseudonym', false, false],
    ['pseudonym', true, false],
  ] as const)('visibility %s, identity revealed %s: %s', (visibility, revealed, expected) => {
    expect(canReadWhatsappThread(visibility, revealed)).toBe(expected);
  });

  it('hides the conversation of every protected demand from everyone but the ombudsman', () => {
    for (const [demand, byActor] of Object.entries(IDENTITY)) {
      for (const [actor, visibility] of Object.entries(byActor)) {
        if (actor !== 'ombudsman' && isIdentityProtected(demands[demand as DemandName])) expect(canReadWhatsappThread(visibility as IdentityVisibility, true)).toBe(false);
      }
    }
  });
});

describe('the Controle Interno', () => {
  it.each([
    ['denunciation', true, false, true],
    ['denunciation', false, true, true],
    ['denunciation', false, false, false],
    ['complaint', true, true, false],
  ] as const)('a %s (subject owned: %s, forwarded there: %s) is restricted: %s', (kind, categoryOwned, held, expected) => {
    expect(isRestrictedToInternalControl({ kind, categoryOwnedByInternalControl: categoryOwned, heldByInternalControl: held })).toBe(expected);
  });
});

describe('who works which demand', () => {
  const forwarded = (name: DemandName) => ({ ...demands[name], state: 'forwarded' as const });

  it.each([
    ['ombudsman', 'ouvidoriaAtSaude', 'answer', true],
    ['saude', 'ouvidoriaAtSaude', 'answer', false],
    ['saude', 'ouvidoriaAtSaude', 'public_reply', true],
    ['obras', 'ouvidoriaAtSaude', 'public_reply', false],
    ['obras', 'ouvidoriaSupportedByObras', 'note', true],
    ['obras', 'balcaoAtObras', 'answer', true],
    ['saude', 'balcaoAtObras', 'answer', false],
    ['attendant', 'balcaoAtObras', 'forward', true],
    ['attendant', 'ouvidoriaAtSaude', 'note', false],
    ['ombudsman', 'balcaoAtObras', 'forward', false],
    ['ombudsman', 'balcaoAtObras', 'escalate', true],
    ['controle', 'servantDenunciation', 'note', true],
    ['controle', 'servantDenunciation', 'public_reply', false],
    ['manager', 'ouvidoriaAtSaude', 'note', false],
    ['admin', 'ouvidoriaAtSaude', 'note', false],
    ['citizen', 'ouvidoriaAtSaude', 'note', false],
  ] as const)('%s on %s: %s → %s', (actor, demand, action, expected) => {
    expect(canPerform(actors[actor], forwarded(demand), action)).toBe(expected);
  });

  it('lets department staff hand a demand only within their own department, and the desk to anyone who holds it', () => {
    const saudeColleague = { userId: 'u-saude-2', role: 'department', departmentIds: [SAUDE] } as const;
    expect(canAssign(actors.saude, saudeColleague, demands.ouvidoriaAtSaude)).toBe(true);
    expect(canAssign(actors.saude, actors.obras, demands.ouvidoriaSupportedByObras)).toBe(false);
    expect(canAssign(actors.ombudsman, actors.obras, demands.ouvidoriaSupportedByObras)).toBe(true);
    expect(canAssign(actors.ombudsman, actors.obras, demands.ouvidoriaAtSaude)).toBe(false);
    expect(canAssign(actors.ombudsman, actors.ombudsman, demands.ouvidoriaAtSaude)).toBe(true);
    expect(canAssign(actors.saude, actors.ombudsman, demands.ouvidoriaAtSaude)).toBe(false);
    expect(canAssign(actors.attendant, actors.ombudsman, demands.balcaoAtObras)).toBe(false);
  });
});
