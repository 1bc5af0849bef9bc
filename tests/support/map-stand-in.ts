import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';

/**
 * A local HTTP server playing the map's outside services, so no test reaches the network: XYZ tiles
 * (`/tiles/{z}/{x}/{y}.png`, a plain light tile) and a Nominatim-compatible geocoder (`/geocoder/search`,
 * `/geocoder/reverse`) that knows a few Botucatu addresses. It records what it was asked.
 */

export type MapStandIn = {
  tilesUrl: string;
  geocoderUrl: string;
  /** The paths requested, in order (tiles and geocoder). */
  requests: string[];
  close: () => Promise<void>;
};

/** Places the stand-in geocoder finds, by a word of the query. */
export const STAND_IN_PLACES = [
  { match: 'amando de barros', road: 'Rua Amando de Barros', number: '1200', suburb: 'Centro', lat: -22.8852, lon: -48.4441 },
  { match: 'curuzu', road: 'Rua Curuzu', number: '450', suburb: 'Lavapés', lat: -22.8921, lon: -48.4312 },
  // Outside Botucatu: a geocoder may answer with another city's street of the same name.
  { match: 'paulista', road: 'Avenida Paulista', number: '1000', suburb: 'Bela Vista', lat: -23.5647, lon: -46.6526 },
];

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 256×256 grey PNG, made here so that no binary file sits in the repository. */
function plainTile(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(256, 0);
  header.writeUInt32BE(256, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(256, 0xe5)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: 256 }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

function placeJson(place: (typeof STAND_IN_PLACES)[number]) {
  return {
    lat: String(place.lat),
    lon: String(place.lon),
    display_name: `${place.road}, ${place.number}, ${place.suburb}, Botucatu, São Paulo, Brasil`,
    address: { road: place.road, house_number: place.number, suburb: place.suburb, city: 'Botucatu' },
  };
}

export async function startMapStandIn(port = 0): Promise<MapStandIn> {
  const tile = plainTile();
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    requests.push(`${url.pathname}${url.search}`);
    response.setHeader('access-control-allow-origin', '*');
    const json = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(body));
    };
    if (/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(url.pathname)) {
      response.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'max-age=3600' });
      response.end(tile);
      return;
    }
    if (url.pathname === '/geocoder/search') {
      const query = (url.searchParams.get('q') ?? '').toLowerCase();
      json(STAND_IN_PLACES.filter((place) => query.includes(place.match)).map(placeJson));
      return;
    }
    if (url.pathname === '/geocoder/reverse') {
      const lat = Number(url.searchParams.get('lat'));
      const lon = Number(url.searchParams.get('lon'));
      // The nearest known place answers for any point of the city.
      const nearest = [...STAND_IN_PLACES].sort((a, b) => Math.hypot(a.lat - lat, a.lon - lon) - Math.hypot(b.lat - lat, b.lon - lon))[0];
      json(nearest && Number.isFinite(lat) && Number.isFinite(lon) ? placeJson(nearest) : { error: 'Unable to geocode' });
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${actual}`;
  return {
    tilesUrl: `${base}/tiles/{z}/{x}/{y}.png`,
    geocoderUrl: `${base}/geocoder`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
