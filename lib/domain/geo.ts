/**
 * Plane geometry for the município's map: which bairro a point falls in, whether it is inside the
 * município, how far two points are, and the coarse point the public map shows. Areas are GeoJSON
 * geometries (coordinates as [longitude, latitude]); points are `{ lat, lng }` as the forms post them.
 * A bairro is a few hundred metres across: treating degrees as a plane there is exact enough.
 */

export type Position = [lng: number, lat: number];
export type PolygonGeometry = { type: 'Polygon'; coordinates: Position[][] };
export type MultiPolygonGeometry = { type: 'MultiPolygon'; coordinates: Position[][][] };
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;
export type LatLng = { lat: number; lng: number };
export type NamedArea = { name: string; geometry: AreaGeometry };

/** Ray casting: a point exactly on an edge may fall either side, which is fine for bairros that share it. */
export function pointInRing(point: LatLng, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (!a || !b) continue;
    const [xi, yi] = a;
    const [xj, yj] = b;
    const crosses = yi > point.lat !== yj > point.lat && point.lng < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi;
    if (crosses) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole. */
function pointInPolygon(point: LatLng, rings: readonly Position[][]): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !pointInRing(point, outer)) return false;
  return !holes.some((hole) => pointInRing(point, hole));
}

export function pointInArea(point: LatLng, area: AreaGeometry): boolean {
  if (area.type === 'Polygon') return pointInPolygon(point, area.coordinates);
  return area.coordinates.some((polygon) => pointInPolygon(point, polygon));
}

/** The bairro the point falls in; the first listed wins where two overlap. */
export function neighbourhoodAt(point: LatLng, areas: readonly NamedArea[]): string | undefined {
  return areas.find((area) => pointInArea(point, area.geometry))?.name;
}

/** A município that has not drawn its boundary accepts every point (the form then only checks the numbers). */
export function insideMunicipality(point: LatLng, boundary: AreaGeometry | undefined): boolean {
  return boundary ? pointInArea(point, boundary) : true;
}

const EARTH_RADIUS_METERS = 6_371_008.8;

/** Great-circle distance (haversine), in metres. */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The public map's point: the centre of a cell of 0.002° (about 220 m by 200 m here). Snapping, not
 * random jitter: jitter drawn again on each page view averages out to the true point.
 */
export const PUBLIC_CELL_DEGREES = 0.002;

export function approximatePoint(point: LatLng, cellDegrees = PUBLIC_CELL_DEGREES): LatLng {
  const snap = (value: number) => Number(((Math.floor(value / cellDegrees) + 0.5) * cellDegrees).toFixed(6));
  return { lat: snap(point.lat), lng: snap(point.lng) };
}

export type Bounds = { south: number; west: number; north: number; east: number };

export function boundsOf(areas: readonly AreaGeometry[]): Bounds | undefined {
  let bounds: Bounds | undefined;
  for (const area of areas) {
    const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
    for (const [lng, lat] of polygons.flat(2)) {
      bounds = bounds
        ? { south: Math.min(bounds.south, lat), west: Math.min(bounds.west, lng), north: Math.max(bounds.north, lat), east: Math.max(bounds.east, lng) }
        : { south: lat, west: lng, north: lat, east: lng };
    }
  }
  return bounds;
}

/** The rings of an area as SVG path data inside a box of `width` × `height` (north up, aspect kept by the caller). */
export function svgPathOf(area: AreaGeometry, bounds: Bounds, width: number, height: number): string {
  const x = (lng: number) => (((lng - bounds.west) / (bounds.east - bounds.west || 1)) * width).toFixed(1);
  const y = (lat: number) => (((bounds.north - lat) / (bounds.north - bounds.south || 1)) * height).toFixed(1);
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  return polygons
    .flat()
    .map((ring) => `M${ring.map(([lng, lat]) => `${x(lng)},${y(lat)}`).join('L')}Z`)
    .join('');
}
