import 'server-only';
import { and, desc, eq, gte, inArray, isNotNull, ne, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { categories, demands, neighbourhoods } from '@/lib/db/schema';
import { approximatePoint, type LatLng } from '@/lib/domain/geo';
import { STATE_LABELS } from '@/lib/domain/labels';
import type { DemandState } from '@/lib/domain/vocabulary';

/** Open requests, and those answered within this many days. */
export const RECENTLY_ANSWERED_DAYS = 30;
/** The most requests one page of the public map shows (newest first). */
export const PUBLIC_MAP_LIMIT = 500;

const OPEN_STATES: DemandState[] = ['received', 'forwarded', 'in_progress', 'awaiting_citizen'];
const ANSWERED_STATES: DemandState[] = ['answered', 'closed'];

export const PublicMapSearchSchema = z.object({
  servico: z.string().trim().max(80).optional().catch(undefined),
  bairro: z.uuid().optional().catch(undefined),
});
export type PublicMapSearch = z.output<typeof PublicMapSearchSchema>;

/**
 * One request as anyone may see it on the public map: the service, its state and when it came in, and
 * a point snapped to a grid (approximatePoint). Never a name, a contact or the protocol; the description
 * only when staff marked it publishable (lib/demands/publication.ts).
 */
export type PublicMapItem = {
  serviceName: string;
  stateLabel: string;
  open: boolean;
  createdAt: Date;
  neighbourhoodName: string | null;
  point: LatLng;
  description: string | null;
};

export type PublicMap = { items: PublicMapItem[]; truncated: boolean };

/**
 * The public map's requests: Balcão only (an Ouvidoria demand never appears), not confidential (a
 * confidential requester's place stays with staff), with a point, open or recently answered.
 */
export async function listPublicMapItems(search: PublicMapSearch, now = new Date()): Promise<PublicMap> {
  const db = await getDb();
  const answeredSince = new Date(now.getTime() - RECENTLY_ANSWERED_DAYS * 86_400_000);
  const conditions: SQL[] = [
    eq(demands.service, 'balcao'),
    eq(demands.kind, 'service_request'),
    ne(demands.identity, 'confidential'),
    isNotNull(demands.latitude),
    isNotNull(demands.longitude),
    or(inArray(demands.state, OPEN_STATES), and(inArray(demands.state, ANSWERED_STATES), gte(demands.answeredAt, answeredSince))) as SQL,
  ];
  if (search.servico) conditions.push(eq(categories.slug, search.servico));
  if (search.bairro) conditions.push(eq(demands.neighbourhoodId, search.bairro));
  const rows = await db
    .select({
      serviceName: categories.name,
      state: demands.state,
      createdAt: demands.createdAt,
      neighbourhoodName: neighbourhoods.name,
      latitude: demands.latitude,
      longitude: demands.longitude,
      publishable: demands.descriptionPublishable,
      description: demands.description,
    })
    .from(demands)
    .innerJoin(categories, eq(categories.id, demands.categoryId))
    .leftJoin(neighbourhoods, eq(neighbourhoods.id, demands.neighbourhoodId))
    .where(and(...conditions))
    .orderBy(desc(demands.createdAt))
    .limit(PUBLIC_MAP_LIMIT + 1);
  const items = rows.slice(0, PUBLIC_MAP_LIMIT).flatMap((row) =>
    row.latitude === null || row.longitude === null
      ? []
      : [
          {
            serviceName: row.serviceName,
            stateLabel: STATE_LABELS[row.state],
            open: OPEN_STATES.includes(row.state),
            createdAt: row.createdAt,
            neighbourhoodName: row.neighbourhoodName,
            point: approximatePoint({ lat: row.latitude, lng: row.longitude }),
            description: row.publishable ? row.description : null,
          },
        ],
  );
  return { items, truncated: rows.length > PUBLIC_MAP_LIMIT };
}
