import type { NextRequest } from 'next/server';
import { AuthorizationError, requireStaff } from '@/lib/auth/guards';
import { mapDemands } from '@/lib/db/queries/demand-map';
import { parseMapArea } from '@/lib/domain/map-area';
import { filtersFromSearch, queueFromSlug, queuesFor, QueueSearchSchema } from '@/lib/domain/queues';

/**
 * The staff map's markers for the visible area (`area=south,west,north,east`), with the page's queue and
 * filters: what the map asks for as it moves. Same guard and authorization as the page (mapDemands).
 */
export async function GET(request: NextRequest) {
  let actor;
  try {
    actor = await requireStaff();
  } catch (error) {
    if (error instanceof AuthorizationError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
  const params = Object.fromEntries(request.nextUrl.searchParams);
  const search = QueueSearchSchema.parse(params);
  const area = parseMapArea(params.area);
  if (!area) return Response.json({ error: 'Informe a área do mapa: sul,oeste,norte,leste em graus (ex.: -22.9,-48.46,-22.87,-48.43).' }, { status: 400 });
  const headers = { 'Cache-Control': 'private, no-store' };
  if (!queuesFor(actor.role).length) return Response.json({ clusters: [], located: 0, truncated: false, area }, { headers });
  const map = await mapDemands({ actor, queue: queueFromSlug(search.fila, actor.role), filters: filtersFromSearch(search), area });
  return Response.json({ clusters: map.clusters, located: map.located, truncated: map.truncated, area: map.area }, { headers });
}
