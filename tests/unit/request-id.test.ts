import { NextRequest } from 'next/server';
// `next/server` exports only the type; the proxy is given one of these by Next.
import { NextFetchEvent } from 'next/dist/server/web/spec-extension/fetch-event';
import { afterEach, describe, expect, it } from 'vitest';
import { proxy } from '@/proxy';

/**
 * Every request gets an id that its log lines carry (lib/log.ts `requestLog`) and that the response
 * returns: the reverse proxy's own id when a proxy is trusted, a fresh one otherwise, so that a client
 * cannot choose the id its requests are logged under.
 */

const saved = process.env.TRUSTED_PROXY_COUNT;
afterEach(() => {
  if (saved === undefined) delete process.env.TRUSTED_PROXY_COUNT;
  else process.env.TRUSTED_PROXY_COUNT = saved;
});

async function proxied(path: string, headers: Record<string, string> = {}) {
  const request = new NextRequest(`http://localhost:3000${path}`, { headers });
  const response = await proxy(request, new NextFetchEvent({ request, page: path, context: undefined }));
  // What Next passes on to the page or route as the request's header.
  return { returned: response.headers.get('x-request-id'), passedOn: response.headers.get('x-middleware-request-x-request-id') };
}

describe('request id', () => {
  it('is made for each request, passed on to the route and returned, on pages and on /api routes alike', async () => {
    delete process.env.TRUSTED_PROXY_COUNT;
    for (const path of ['/', '/api/health/ready']) {
      const first = await proxied(path);
      const second = await proxied(path);
      expect(first.returned).toMatch(/^[0-9a-f-]{36}$/);
      expect(first.passedOn).toBe(first.returned);
      expect(second.returned).not.toBe(first.returned);
    }
  });

  it('is the trusted proxy’s own id when there is one, and never a client’s', async () => {
    process.env.TRUSTED_PROXY_COUNT = '1';
    expect((await proxied('/', { 'x-request-id': 'nginx-4f1c2a9b77' })).passedOn).toBe('nginx-4f1c2a9b77');
    // Not an id: a new one is made rather than log free text or a kilobyte of it.
    expect((await proxied('/', { 'x-request-id': 'not an id, free text' })).passedOn).toMatch(/^[0-9a-f-]{36}$/);
    delete process.env.TRUSTED_PROXY_COUNT;
    expect((await proxied('/', { 'x-request-id': 'nginx-4f1c2a9b77' })).passedOn).toMatch(/^[0-9a-f-]{36}$/);
  });
});
