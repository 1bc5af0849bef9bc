import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/lib/db/client';
import { executePrepared } from '@/lib/db/prepared';

/**
 * An open Balcão request that may be the same problem as the one being typed, with only what a stranger
 * may see: no requester, no description, no address line (a citizen may have typed their own home) —
 * the service, the bairro, when, how far, and how many already follow it.
 */
export type DuplicateSuggestion = {
  id: string;
  protocol: string;
  state: string;
  createdAt: Date;
  neighbourhoodName: string | null;
  /** Metres from the point given, when both have one. */
  distanceMeters: number | null;
  /** pg_trgm similarity of the descriptions (0–1), when matched by text. */
  similarity: number | null;
  followers: number;
};

const EARTH_RADIUS_METERS = 6_371_008.8;
const METERS_PER_DEGREE_LATITUDE = 111_320;
/** pg_trgm's `%` threshold (its default): descriptions at least this similar are offered. */
export const SIMILARITY_THRESHOLD = 0.3;
const LIMIT = 5;

type Row = {
  id: string;
  protocol: string;
  state: string;
  created_at: Date | string;
  neighbourhood_name: string | null;
  distance_meters: number | string | null;
  similarity: number | string | null;
  followers: number | string;
};

/**
 * Open requests of one service within `radiusMeters` of a point: a bounding box read from the partial
 * index demands_open_category_point_idx (category, latitude, longitude), then the exact haversine distance.
 * Only main demands (not themselves duplicates) and never confidential ones.
 */
export async function findNearbyOpenRequests(
  db: Executor,
  input: { categoryId: string; latitude: number; longitude: number; radiusMeters: number; excludeDemandId?: string },
): Promise<DuplicateSuggestion[]> {
  const latitudeDelta = input.radiusMeters / METERS_PER_DEGREE_LATITUDE;
  const longitudeDelta = input.radiusMeters / (METERS_PER_DEGREE_LATITUDE * Math.max(0.01, Math.cos((input.latitude * Math.PI) / 180)));
  const rows = await executePrepared<Row>(
    db,
    'duplicate_suggestions_near',
    sql`with candidate as (
      select d.id, d.protocol, d.state, d.created_at, d.neighbourhood_id,
        2 * ${EARTH_RADIUS_METERS}::float8 * asin(sqrt(
          power(sin(radians(d.latitude - ${input.latitude}::float8) / 2), 2)
          + cos(radians(${input.latitude}::float8)) * cos(radians(d.latitude))
            * power(sin(radians(d.longitude - ${input.longitude}::float8) / 2), 2))) as distance_meters
      from demands d
      where d.category_id = ${input.categoryId}::uuid
        and d.latitude is not null
        and d.state in ('received', 'forwarded', 'in_progress', 'awaiting_citizen')
        and d.latitude between ${input.latitude - latitudeDelta}::float8 and ${input.latitude + latitudeDelta}::float8
        and d.longitude between ${input.longitude - longitudeDelta}::float8 and ${input.longitude + longitudeDelta}::float8
        and d.duplicate_of_id is null
        and d.identity <> 'confidential'
        and d.id is distinct from ${input.excludeDemandId ?? null}::uuid
    )
    select c.id, c.protocol, c.state, c.created_at, n.name as neighbourhood_name, c.distance_meters, null::float8 as similarity,
      (select count(*) from demands f where f.duplicate_of_id = c.id) as followers
    from candidate c left join neighbourhoods n on n.id = c.neighbourhood_id
    where c.distance_meters <= ${input.radiusMeters}::float8
    order by c.distance_meters, c.created_at
    limit ${LIMIT}`,
  );
  return rows.map(suggestionOf);
}

/** The nearest candidates read from the index before the final order (ties by date) is applied. */
const SIMILAR_CANDIDATES = LIMIT * 4;

/**
 * Open requests of one service whose description is like the one typed (pg_trgm's `%`), most similar
 * first (the oldest first among equals). The partial GiST index demands_open_request_trgm_idx (category,
 * description trigrams) is walked nearest-first (`<->`, 1 − similarity) inside the category and stops after
 * a few candidates, so a service with thousands of alike open requests is not compared row by row.
 */
export async function findSimilarOpenRequests(
  db: Executor,
  input: { categoryId: string; description: string; excludeDemandId?: string },
): Promise<DuplicateSuggestion[]> {
  const rows = await executePrepared<Row>(
    db,
    'duplicate_suggestions_similar',
    sql`with candidate as (
      select d.id, d.protocol, d.state, d.created_at, d.neighbourhood_id, 1 - (d.description <-> ${input.description}) as similarity
      from demands d
      where d.category_id = ${input.categoryId}::uuid
        and d.description % ${input.description}
        and d.service = 'balcao'
        and d.state in ('received', 'forwarded', 'in_progress', 'awaiting_citizen')
        and d.duplicate_of_id is null
        and d.identity <> 'confidential'
        and d.id is distinct from ${input.excludeDemandId ?? null}::uuid
      order by d.description <-> ${input.description}
      limit ${SIMILAR_CANDIDATES}
    ), best as (
      select * from candidate order by similarity desc, created_at limit ${LIMIT}
    )
    select c.id, c.protocol, c.state, c.created_at, n.name as neighbourhood_name, null::float8 as distance_meters, c.similarity,
      (select count(*) from demands f where f.duplicate_of_id = c.id) as followers
    from best c left join neighbourhoods n on n.id = c.neighbourhood_id
    order by c.similarity desc, c.created_at`,
  );
  return rows.map(suggestionOf);
}

function suggestionOf(row: Row): DuplicateSuggestion {
  return {
    id: row.id,
    protocol: row.protocol,
    state: row.state,
    createdAt: row.created_at instanceof Date ? row.created_at : new Date(row.created_at),
    neighbourhoodName: row.neighbourhood_name,
    distanceMeters: row.distance_meters === null ? null : Number(row.distance_meters),
    similarity: row.similarity === null ? null : Number(row.similarity),
    followers: Number(row.followers),
  };
}
