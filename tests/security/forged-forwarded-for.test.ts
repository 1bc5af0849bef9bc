import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress, SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { installSocketAddressStamp } from '@/lib/http/socket-address';

/**
 * Threat: a client reaching the app directly rotates X-Forwarded-For (or X-Real-IP) to get a fresh
 * rate-limit bucket per request, escaping the sign-in, tracking, sign-up and web intake limits. Here a real
 * Node HTTP server (the kind `next start` runs, with the stamp instrumentation.ts installs) answers with
 * the address the app would key its limits on. The same attack against `next start` itself is in
 * tests/e2e/forged-forwarded-for.test.ts.
 */

let server: http.Server;
let baseUrl: string;
const savedTrustedProxies = process.env.TRUSTED_PROXY_COUNT;

beforeAll(async () => {
  installSocketAddressStamp();
  server = http.createServer((request, response) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value);
    response.end(clientAddress(headers));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
afterEach(() => {
  if (savedTrustedProxies === undefined) delete process.env.TRUSTED_PROXY_COUNT;
  else process.env.TRUSTED_PROXY_COUNT = savedTrustedProxies;
});

async function addressSeenFor(headers: Record<string, string>): Promise<string> {
  const response = await fetch(baseUrl, { headers });
  return response.text();
}

describe('forged X-Forwarded-For', () => {
  it('without a trusted proxy, every forged hop resolves to the socket the requests came from', async () => {
    delete process.env.TRUSTED_PROXY_COUNT;
    const seen = new Set<string>();
    for (let i = 1; i <= 5; i++) {
      seen.add(await addressSeenFor({ 'x-forwarded-for': `203.0.113.${i}`, 'x-real-ip': `198.51.100.${i}` }));
    }
    seen.add(await addressSeenFor({}));
    expect([...seen]).toEqual(['127.0.0.1']);
  });

  it('a client cannot send the socket-address header itself', async () => {
    expect(await addressSeenFor({ [SOCKET_ADDRESS_HEADER]: '203.0.113.99' })).toBe('127.0.0.1');
  });

  it('behind one trusted proxy, the hop that proxy appended is the client, and hops the client wrote are ignored', async () => {
    process.env.TRUSTED_PROXY_COUNT = '1';
    // The proxy (here: the socket at 127.0.0.1) appended the address it was reached from, 198.51.100.20.
    expect(await addressSeenFor({ 'x-forwarded-for': '203.0.113.1, 198.51.100.20' })).toBe('198.51.100.20');
    expect(await addressSeenFor({ 'x-forwarded-for': '203.0.113.2, 10.9.9.9, 198.51.100.20' })).toBe('198.51.100.20');
  });

  it('behind two trusted proxies, the client is the hop before the second proxy', async () => {
    process.env.TRUSTED_PROXY_COUNT = '2';
    expect(await addressSeenFor({ 'x-forwarded-for': '203.0.113.1, 198.51.100.20, 10.0.0.5' })).toBe('198.51.100.20');
  });

  it('refuses a TRUSTED_PROXY_COUNT that is not a count', () => {
    process.env.TRUSTED_PROXY_COUNT = 'yes';
    expect(() => clientAddress(new Headers({ [SOCKET_ADDRESS_HEADER]: '127.0.0.1' }))).toThrow(/TRUSTED_PROXY_COUNT/);
  });
});
