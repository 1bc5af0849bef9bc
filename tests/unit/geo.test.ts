import { describe, expect, it } from 'vitest';
import { approximatePoint, distanceMeters, insideMunicipality, neighbourhoodAt, pointInArea, type AreaGeometry } from '@/lib/domain/geo';
import { cspSourceOf, mapConfig } from '@/lib/map-config';
import { botucatuGeography } from '@/lib/municipality-geography';

const square: AreaGeometry = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]] };
const withHole: AreaGeometry = {
  type: 'Polygon',
  coordinates: [
    [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
    [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
  ],
};
const twoIslands: AreaGeometry = {
  type: 'MultiPolygon',
  coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]]],
};
// A concave "L": the notch at (7, 7) is outside although its bounding box covers it.
const lShape: AreaGeometry = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 5], [5, 5], [5, 10], [0, 10], [0, 0]]] };

describe('pointInArea', () => {
  it.each([
    ['inside a square', square, { lat: 5, lng: 5 }, true],
    ['outside a square', square, { lat: 11, lng: 5 }, false],
    ['west of a square', square, { lat: 5, lng: -0.1 }, false],
    ['in the ring around a hole', withHole, { lat: 2, lng: 2 }, true],
    ['in the hole', withHole, { lat: 5, lng: 5 }, false],
    ['on the first island', twoIslands, { lat: 0.5, lng: 0.5 }, true],
    ['on the second island', twoIslands, { lat: 5.5, lng: 5.5 }, true],
    ['between the islands', twoIslands, { lat: 3, lng: 3 }, false],
    ['in the arm of an L', lShape, { lat: 8, lng: 2 }, true],
    ['in the notch of an L', lShape, { lat: 7, lng: 7 }, false],
  ] as const)('%s', (_case, area, point, expected) => {
    expect(pointInArea(point, area)).toBe(expected);
  });
});

describe("Botucatu's demo geography", () => {
  it.each([
    ['Praça Coronel Moura (Centro)', { lat: -22.8858, lng: -48.445 }, 'Centro'],
    ['Lavapés', { lat: -22.892, lng: -48.431 }, 'Lavapés'],
    ['Rubião Júnior', { lat: -22.889, lng: -48.5 }, 'Rubião Júnior'],
    ['Vitoriana', { lat: -22.775, lng: -48.405 }, 'Vitoriana'],
    ['a rural road in no drawn bairro', { lat: -22.95, lng: -48.35 }, undefined],
  ] as const)('%s', (_case, point, bairro) => {
    expect(insideMunicipality(point, botucatuGeography.boundary)).toBe(true);
    expect(neighbourhoodAt(point, botucatuGeography.neighbourhoods)).toBe(bairro);
  });

  it.each([
    ['São Paulo', { lat: -23.5505, lng: -46.6333 }],
    ['Bauru', { lat: -22.3246, lng: -49.0871 }],
    ['Lençóis Paulista', { lat: -22.5986, lng: -48.8003 }],
    ['the Atlantic (0, 0)', { lat: 0, lng: 0 }],
  ] as const)('%s is outside the município', (_case, point) => {
    expect(insideMunicipality(point, botucatuGeography.boundary)).toBe(false);
  });

  it('takes every point when the município has drawn no boundary', () => {
    expect(insideMunicipality({ lat: 0, lng: 0 }, undefined)).toBe(true);
  });
});

describe('distanceMeters', () => {
  it.each([
    ['the same point', { lat: -22.8858, lng: -48.445 }, { lat: -22.8858, lng: -48.445 }, 0, 0.01],
    ['one thousandth of a degree north', { lat: -22.8858, lng: -48.445 }, { lat: -22.8848, lng: -48.445 }, 111.2, 0.5],
    ['one thousandth of a degree east at Botucatu', { lat: -22.8858, lng: -48.445 }, { lat: -22.8858, lng: -48.444 }, 102.5, 0.5],
    ['Botucatu to São Paulo', { lat: -22.8858, lng: -48.445 }, { lat: -23.5505, lng: -46.6333 }, 199_000, 2_000],
  ] as const)('%s', (_case, a, b, meters, tolerance) => {
    expect(Math.abs(distanceMeters(a, b) - meters)).toBeLessThanOrEqual(tolerance);
    expect(distanceMeters(b, a)).toBeCloseTo(distanceMeters(a, b), 6);
  });
});

describe('approximatePoint', () => {
  it.each([
    [{ lat: -22.88581, lng: -48.44512 }, { lat: -22.885, lng: -48.445 }],
    [{ lat: -22.8861, lng: -48.4459 }, { lat: -22.887, lng: -48.445 }],
    [{ lat: 0.0001, lng: 0.0019 }, { lat: 0.001, lng: 0.001 }],
  ] as const)('%o shows as the centre of its cell %o', (point, expected) => {
    expect(approximatePoint(point)).toEqual(expected);
  });

  it('never moves a point more than the cell’s half-diagonal, and two points of a cell look the same', () => {
    const a = { lat: -22.88581, lng: -48.44512 };
    const b = { lat: -22.88519, lng: -48.44418 };
    expect(distanceMeters(a, approximatePoint(a))).toBeLessThan(160);
    expect(approximatePoint(a)).toEqual(approximatePoint(b));
  });
});

describe('map configuration', () => {
  it.each([
    [{}, 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', 'https://nominatim.openstreetmap.org'],
    [{ MAP_TILES_URL: 'http://127.0.0.1:4601/tiles/{z}/{x}/{y}.png', GEOCODER_URL: 'http://127.0.0.1:4601/geo/' }, 'http://127.0.0.1:4601/tiles/{z}/{x}/{y}.png', 'http://127.0.0.1:4601/geo'],
    [{ MAP_TILES_URL: '  ', GEOCODER_URL: '' }, 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', 'https://nominatim.openstreetmap.org'],
  ] as const)('%o', (env, tiles, geocoder) => {
    expect(mapConfig(env)).toMatchObject({ tilesUrl: tiles, geocoderUrl: geocoder });
  });

  it.each([
    ['https://tile.openstreetmap.org/{z}/{x}/{y}.png', 'https://tile.openstreetmap.org'],
    ['https://{s}.tile.example.org/{z}/{x}/{y}.png', 'https://*.tile.example.org'],
    ['http://127.0.0.1:4601/tiles/{z}/{x}/{y}.png', 'http://127.0.0.1:4601'],
    ["https://evil.example'; script-src *", undefined],
    ['/tiles/{z}/{x}/{y}.png', undefined],
  ] as const)('the CSP source of %s is %s', (address, source) => {
    expect(cspSourceOf(address)).toBe(source);
  });
});
