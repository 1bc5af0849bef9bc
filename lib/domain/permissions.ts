import { decideTransition, type StaffAction } from './transitions';
import type { DemandKind, Identity, Role, Service } from './vocabulary';

/**
 * Who may see and work which demand, and whose identity they see (DESIGN.md, "Roles" and "Identity").
 * The same rule is written in SQL by `lib/db/queries/visibility.ts` for lists; the authorization matrix
 * test holds the two together.
 */

export type PermissionActor = {
  userId: string;
  role: Role;
  departmentIds: readonly string[];
  /** For the appeal authority: the LAI appeal instances it judges (1, 2 or both). */
  appealInstances?: readonly number[];
};

/** What the rules need to know about a demand, whichever query loaded it. */
export type DemandAccessFacts = {
  service: Service;
  kind: DemandKind;
  identity: Identity;
  /** The responsible department (demands.department_id), if forwarded. */
  departmentId: string | null;
  /** Other departments it was forwarded to at the same time. */
  supportingDepartmentIds: readonly string[];
  /** A denúncia about a public servant: the Controle Interno's and the ombudsman's only. */
  restrictedToInternalControl: boolean;
};

/**
 * A denúncia belongs to the Controle Interno when its subject is one the Controle Interno owns
 * (conduta de servidor, licitações) or when it was forwarded there.
 */
export function isRestrictedToInternalControl(demand: {
  kind: DemandKind;
  categoryOwnedByInternalControl: boolean;
  heldByInternalControl: boolean;
}): boolean {
  return demand.kind === 'denunciation' && (demand.categoryOwnedByInternalControl || demand.heldByInternalControl);
}

/** The department roles see only what was forwarded to one of their departments. */
export function holdsDemand(actor: PermissionActor, demand: DemandAccessFacts): boolean {
  if (actor.role !== 'department' && actor.role !== 'internal_control') return false;
  return actor.departmentIds.some((id) => id === demand.departmentId || demand.supportingDepartmentIds.includes(id));
}

export function canViewDemand(actor: PermissionActor | null, demand: DemandAccessFacts): boolean {
  if (!actor) return false;
  switch (actor.role) {
    case 'ombudsman':
      return true;
    case 'attendant':
      return demand.service === 'balcao';
    case 'department':
    case 'internal_control':
      return holdsDemand(actor, demand);
    case 'manager':
      return !demand.restrictedToInternalControl;
    // The appeal authority reads the access-to-information requests whose appeals it judges.
    case 'appeal_authority':
      return demand.kind === 'information';
    // The admin configures the system and reads the identity access log; demands are not theirs to read.
    case 'admin':
    case 'citizen':
      return false;
  }
}

/** May this staff member take this action on this demand now (role, relation and state together)? */
export function canPerform(
  actor: PermissionActor | null,
  demand: DemandAccessFacts & { state: Parameters<typeof decideTransition>[0]['state'] },
  action: StaffAction,
): boolean {
  if (!actor || !canViewDemand(actor, demand)) return false;
  return decideTransition({ service: demand.service, state: demand.state, action, performer: actor.role }).allowed;
}

/** A denúncia or a confidential demand: its requester is restricted information (Lei 13.460 art. 10 §7). */
export function isIdentityProtected(demand: { kind: DemandKind; identity: Identity }): boolean {
  return demand.kind === 'denunciation' || demand.identity === 'confidential';
}

/**
 * What a staff member sees of the requester:
 * - `none`: an anonymous demand stores no identity;
 * - `identity`: name and contacts;
 * - `identity_on_request`: the ombudsman on a protected demand sees a pseudonym until they choose to
 *   reveal the identity, and that reveal is logged;
 * - `pseudonym`: everyone else on a protected demand.
 */
export type IdentityVisibility = 'none' | 'identity' | 'identity_on_request' | 'pseudonym';

/** How long a logged reveal (a POST with its reason) shows the identity to the ombudsman who made it. */
export const IDENTITY_REVEAL_MINUTES = 15;

export function identityVisibility(actor: PermissionActor, demand: { kind: DemandKind; identity: Identity }): IdentityVisibility {
  if (demand.identity === 'anonymous') return 'none';
  const isProtected = isIdentityProtected(demand);
  if (actor.role === 'ombudsman') return isProtected ? 'identity_on_request' : 'identity';
  // Who asked does not change whether the information is public (LAI art. 10 §3): the authority judges without it.
  if (actor.role === 'appeal_authority') return 'pseudonym';
  if (isProtected) return 'pseudonym';
  return actor.role === 'attendant' || actor.role === 'department' || actor.role === 'internal_control' || actor.role === 'manager'
    ? 'identity'
    : 'pseudonym';
}

/**
 * Who may be given a demand. Department staff hand it within their own departments that hold it; the
 * triage desk may give it to a colleague at the desk or to anyone in a department that holds it.
 */
export function canAssign(
  assigner: PermissionActor,
  assignee: PermissionActor,
  demand: DemandAccessFacts,
): boolean {
  const heldIds = [demand.departmentId, ...demand.supportingDepartmentIds];
  if (assignee.role === 'department' || assignee.role === 'internal_control') {
    if (!holdsDemand(assignee, demand)) return false;
    if (assigner.role === 'department' || assigner.role === 'internal_control') {
      return assignee.departmentIds.some((id) => assigner.departmentIds.includes(id) && heldIds.includes(id));
    }
    return true;
  }
  const desk: Role = demand.service === 'ouvidoria' ? 'ombudsman' : 'attendant';
  return assignee.role === desk && assigner.role === desk;
}

/** The triage desk of a service: who receives new demands and speaks for the service. */
export function deskRoleOf(service: Service): Role {
  return service === 'ouvidoria' ? 'ombudsman' : 'attendant';
}

/**
 * Whether staff may read a demand's WhatsApp conversation on its page. The citizen's own words there
 * often carry their name, address or number, so it follows the identity: readable where the identity is
 * (or where none was kept — an anonymous filing's messages are redacted), and for the ombudsman on a
 * protected demand only once the identity is revealed (and that reveal logged).
 */
export function canReadWhatsappThread(visibility: IdentityVisibility, identityRevealed: boolean): boolean {
  if (visibility === 'identity' || visibility === 'none') return true;
  return visibility === 'identity_on_request' && identityRevealed;
}
