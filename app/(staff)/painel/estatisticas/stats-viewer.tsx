import type { Actor } from '@/lib/auth/guards';
import { redirectUnlessForbidden } from '@/lib/auth/page-guard';
import { requireStatsViewer } from '@/lib/stats/access';
import { filterParams, parseStatsFilter, type Granularity, type SearchParams, type StatsFilter, type StatsScope } from '@/lib/stats/filters';

export type StatsPageContext = { actor: Actor; scope: StatsScope; filter: StatsFilter; granularity: Granularity; query: URLSearchParams };

/**
 * The viewer and the filter of a statistics page, or null when the viewer may not see statistics (the
 * page then says so); a visitor not signed in, or still at the second step, is sent to continue signing in. A department user may narrow to one
 * of their own departments, never widen to another.
 */
export async function statsPageContext(params: SearchParams, path: string): Promise<StatsPageContext | null> {
  let viewer;
  try {
    viewer = await requireStatsViewer();
  } catch (error) {
    await redirectUnlessForbidden(error, path);
    return null;
  }
  const { filter, granularity } = parseStatsFilter(params);
  if (viewer.scope.departmentIds !== 'all' && filter.departmentId && !viewer.scope.departmentIds.includes(filter.departmentId)) filter.departmentId = undefined;
  const query = new URLSearchParams(filterParams(filter));
  if (granularity === 'week') query.set('by', 'week');
  return { actor: viewer.actor, scope: viewer.scope, filter, granularity, query };
}

export function NoStatsAccess() {
  return (
    <>
      <h1 className="text-2xl font-bold">Estatísticas</h1>
      <p className="mt-4">Seu perfil não tem acesso às estatísticas. Fale com a administração do sistema.</p>
    </>
  );
}
