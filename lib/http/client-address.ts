/**
 * The client's address, for throttling only (never for access decisions or records shown to anyone).
 *
 * `next start` gives application code no socket address (`request.ip` is gone since Next 15), and Next
 * fills `X-Forwarded-For` from the socket only when the request has none (`??=` in its base server), so a
 * client reaching the app directly can send any X-Forwarded-For it likes. `installSocketAddressStamp`
 * (lib/http/socket-address.ts, run from instrumentation.ts) therefore writes the socket's address into
 * SOCKET_ADDRESS_HEADER on every request, replacing whatever the client sent under that name.
 *
 * With TRUSTED_PROXY_COUNT proxies in front of the app, each appends the address it was reached from to
 * X-Forwarded-For, so the chain ends `…, client, proxy 1, …, proxy N-1` and the socket is proxy N. The
 * client is the hop just before the trusted ones; anything further left was written by the client and is
 * ignored. With the default of 0 the socket itself is the client, and X-Forwarded-For and X-Real-IP are
 * not read at all.
 */

export const SOCKET_ADDRESS_HEADER = 'x-ouvidoria-socket-address';

/** An address too long to be one is cut, so that a forged hop cannot make a huge rate-limit key. */
const MAX_ADDRESS_LENGTH = 64;

export function trustedProxyCount(): number {
  const configured = process.env.TRUSTED_PROXY_COUNT?.trim();
  if (!configured) return 0;
  if (!/^\d{1,2}$/.test(configured)) {
    throw new Error(`TRUSTED_PROXY_COUNT must be the number of reverse proxies in front of the app (0, 1, 2…), not "${configured}".`);
  }
  return Number(configured);
}

export function clientAddress(headers: Pick<Headers, 'get'>): string {
  const socket = headers.get(SOCKET_ADDRESS_HEADER)?.trim();
  // No stamp: the request did not come through the Next server (a script or a test calling code
  // directly). Everything such callers send shares one bucket rather than trusting a header.
  if (!socket) return 'unknown';
  const trusted = trustedProxyCount();
  const forwarded = trusted > 0 ? (headers.get('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean) : [];
  const chain = [...forwarded, socket];
  const hop = chain[Math.max(0, chain.length - 1 - trusted)] ?? socket;
  return normalizeAddress(hop);
}

/** Whether the request reached the first proxy (or the app) over https, as far as can be trusted. */
export function requestIsHttps(headers: Pick<Headers, 'get'>): boolean {
  if (process.env.APP_URL?.startsWith('https://')) return true;
  if (trustedProxyCount() === 0) return false;
  return headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

function normalizeAddress(address: string): string {
  // IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d; one client, one key.
  const plain = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
  return plain.slice(0, MAX_ADDRESS_LENGTH).toLowerCase();
}
