import type { Bounds } from './geo';

/**
 * The part of the map a staff map asks for (`area=south,west,north,east` in the address), and the grid
 * its demands are grouped on: cells of a power-of-two fraction of a degree, about a sixteenth of the
 * area's longer side, so a view holds at most ~16 × 16 cells whatever the zoom, and panning keeps the
 * same cells (the grid is anchored at 0°, not at the view).
 */
export const MAP_GRID_DIVISIONS = 16;
/** The finest cell: about 15 m, past which grouping stops mattering. */
const FINEST_CELL_DEGREES = 2 ** -13;
const COARSEST_CELL_DEGREES = 8;

export function cellDegreesFor(area: Bounds): number {
  const span = Math.max(area.north - area.south, area.east - area.west, FINEST_CELL_DEGREES);
  const exponent = Math.ceil(Math.log2(span / MAP_GRID_DIVISIONS));
  return Math.min(COARSEST_CELL_DEGREES, Math.max(FINEST_CELL_DEGREES, 2 ** exponent));
}

const NUMBER = /^-?\d{1,3}(\.\d{1,8})?$/;

/** `south,west,north,east` in degrees, or undefined for anything else (a bad address shows the default view). */
export function parseMapArea(value: unknown): Bounds | undefined {
  if (typeof value !== 'string' || value.length > 80) return undefined;
  const parts = value.split(',');
  if (parts.length !== 4 || !parts.every((part) => NUMBER.test(part))) return undefined;
  const [south, west, north, east] = parts.map(Number) as [number, number, number, number];
  if (!(south >= -90 && north <= 90 && south < north && west >= -180 && east <= 180 && west < east)) return undefined;
  return { south, west, north, east };
}

/** The inverse of parseMapArea, rounded to about a metre. */
export function formatMapArea(area: Bounds): string {
  return [area.south, area.west, area.north, area.east].map((n) => n.toFixed(5)).join(',');
}

/** A cell's box, for the "see this area" link of a marker that stands for many demands. */
export function cellArea(lat: number, lng: number, cellDegrees: number): Bounds {
  const south = Math.floor(lat / cellDegrees) * cellDegrees;
  const west = Math.floor(lng / cellDegrees) * cellDegrees;
  return { south, west, north: south + cellDegrees, east: west + cellDegrees };
}
