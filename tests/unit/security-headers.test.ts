import { NextRequest } from 'next/server';
// `next/server` exports only the type; the proxy is given one of these by Next.
import { NextFetchEvent } from 'next/dist/server/web/spec-extension/fetch-event';
import { afterEach, describe, expect, it } from 'vitest';
import { proxy } from '@/proxy';

/**
 * HSTS and `upgrade-insecure-requests` only where the site is served over https: APP_URL says so, or a
 * trusted proxy says the request came in over https. A client's own X-Forwarded-Proto counts for nothing
 * when no proxy is trusted (it could pin a plain-http install to https for a year).
 */

const saved = { APP_URL: process.env.APP_URL, TRUSTED_PROXY_COUNT: process.env.TRUSTED_PROXY_COUNT };
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function headersOf(path: string, headers: Record<string, string> = {}): Promise<Headers> {
  const request = new NextRequest(`http://localhost:3000${path}`, { headers });
  return (await proxy(request, new NextFetchEvent({ request, page: path, context: undefined }))).headers;
}

describe('HSTS', () => {
  it('is sent when APP_URL is https', async () => {
    process.env.APP_URL = 'https://ouvidoria.example.org';
    delete process.env.TRUSTED_PROXY_COUNT;
    const headers = await headersOf('/');
    expect(headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  it('is sent when a trusted proxy reports https', async () => {
    process.env.APP_URL = 'http://ouvidoria.example.org';
    process.env.TRUSTED_PROXY_COUNT = '1';
    expect((await headersOf('/', { 'x-forwarded-proto': 'https' })).get('strict-transport-security')).not.toBeNull();
    expect((await headersOf('/', { 'x-forwarded-proto': 'http' })).get('strict-transport-security')).toBeNull();
  });

  it('is not sent over plain http, whatever X-Forwarded-Proto a client sends with no trusted proxy', async () => {
    delete process.env.APP_URL;
    delete process.env.TRUSTED_PROXY_COUNT;
    const headers = await headersOf('/', { 'x-forwarded-proto': 'https' });
    expect(headers.get('strict-transport-security')).toBeNull();
    expect(headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });
});

describe('Referrer-Policy', () => {
  it('is same-origin where the address is a credential, strict-origin-when-cross-origin elsewhere', async () => {
    expect((await headersOf('/situacao/abc.def')).get('referrer-policy')).toBe('same-origin');
    expect((await headersOf('/acompanhar')).get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});

describe('the CSP and gov.br’s VLibras', () => {
  it('names vlibras.gov.br only while the widget is on, and VLIBRAS=off turns it off', async () => {
    const { contentSecurityPolicy } = await import('@/lib/http/security-headers');
    const { vlibrasEnabled } = await import('@/lib/accessibility/vlibras');
    const base = { nonce: 'abc', development: false, https: true };
    expect(contentSecurityPolicy({ ...base, vlibras: false })).not.toContain('vlibras.gov.br');
    const on = contentSecurityPolicy({ ...base, vlibras: true });
    expect(on).toMatch(/script-src [^;]*https:\/\/vlibras\.gov\.br/);
    expect(on).toMatch(/connect-src [^;]*https:\/\/vlibras\.gov\.br/);
    expect(vlibrasEnabled({})).toBe(true);
    expect(vlibrasEnabled({ VLIBRAS: 'off' })).toBe(false);
  });
});
