import 'server-only';
import type { Actor } from '@/lib/auth/guards';
import { requireRole } from '@/lib/auth/guards';
import type { Role } from '@/lib/domain/vocabulary';
import { ALL_DEPARTMENTS, type StatsScope } from './filters';

/** Who sees the statistics dashboard: managers, the ombudsman and admins everything; department staff their own. */
export const STATS_ROLES = ['manager', 'ombudsman', 'admin', 'department', 'internal_control'] as const satisfies readonly Role[];
/** Who writes the annual report's text sections. */
export const REPORT_EDITOR_ROLES = ['ombudsman', 'admin'] as const satisfies readonly Role[];

export function statsScopeFor(actor: Pick<Actor, 'role' | 'departmentIds'>): StatsScope {
  return actor.role === 'department' || actor.role === 'internal_control' ? { departmentIds: actor.departmentIds } : ALL_DEPARTMENTS;
}

/** The actor and the departments they may count; throws AuthorizationError (401/403) otherwise. */
export async function requireStatsViewer(): Promise<{ actor: Actor; scope: StatsScope }> {
  const actor = await requireRole(...STATS_ROLES);
  return { actor, scope: statsScopeFor(actor) };
}
