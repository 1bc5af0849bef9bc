import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newContext, takeCspViolations } from './harness';

/**
 * What a browser gets from `next start` on every page and route: a Content-Security-Policy whose nonce is
 * new on each response and is the one on Next's scripts (no 'unsafe-inline' scripts), framing refused
 * twice over, no MIME sniffing, a Referrer-Policy that keeps status-link tokens to themselves, powerful
 * features off, and no HSTS over plain http. In the browser the pages work under that policy without a
 * single violation (tests/e2e/csp-guard.ts checks every browser test), and an injected event handler is blocked.
 */

const baseUrl = inject('e2eBaseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PAGES = ['/', '/ouvidoria', '/ouvidoria/nova?tipo=reclamacao', '/balcao', '/acompanhar', '/entrar', '/cadastro', '/transparencia', '/dev/caixa-de-entrada'];

function get(path: string): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { redirect: 'manual' });
}

function expectFixedHeaders(response: Response, label: string) {
  expect(response.headers.get('x-content-type-options'), label).toBe('nosniff');
  expect(response.headers.get('x-frame-options'), label).toBe('DENY');
  expect(response.headers.get('permissions-policy'), label).toBe('camera=(), microphone=(), geolocation=(self), payment=(), usb=()');
  // The suite's server is plain http (no APP_URL, no trusted proxy): HSTS there would be a lie.
  expect(response.headers.get('strict-transport-security'), label).toBeNull();
}

describe('security headers', () => {
  it.each(PAGES)('%s: CSP with a fresh nonce that Next puts on its scripts, and the fixed headers', async (path) => {
    const [first, second] = [await get(path), await get(path)];
    expect(first.status).toBe(200);
    expectFixedHeaders(first, path);
    expect(first.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const policy = first.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    const scriptSrc = /script-src ([^;]+)/.exec(policy)?.[1] ?? '';
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).not.toContain('unsafe-eval');
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1] ?? '';
    expect(nonce.length).toBeGreaterThanOrEqual(16);
    expect(/'nonce-([^']+)'/.exec(second.headers.get('content-security-policy') ?? '')?.[1]).not.toBe(nonce);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script, `${path}: ${script}`).toContain(`nonce="${nonce}"`);
  });

  it('keeps the status-link token out of Referer headers to other sites on the status page', async () => {
    const response = await get('/situacao/00000000-0000-4000-8000-000000000000.nada.0.0.assinatura');
    expectFixedHeaders(response, 'status page');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('sends the headers with the sign-in redirect of the workspace, which still works as before', async () => {
    const response = await get('/painel/demandas?fila=triagem');
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get('location') ?? '', baseUrl).pathname).toBe('/entrar');
    expect(new URL(response.headers.get('location') ?? '', baseUrl).searchParams.get('callbackUrl')).toBe('/painel/demandas?fila=triagem');
    expectFixedHeaders(response, '/painel redirect');
  });

  it('sends them on routes and static files too', async () => {
    const download = await get('/api/anexos/00000000-0000-4000-8000-000000000000');
    expect(download.status).toBe(401);
    expectFixedHeaders(download, 'attachment route');
    const home = await (await get('/')).text();
    const asset = /\/_next\/static\/[^"']+\.js/.exec(home)?.[0];
    if (!asset) throw new Error('no script asset on the home page');
    expectFixedHeaders(await get(asset), asset);
  });

  it('the pages run under the policy without violations, and an injected event handler is blocked', async () => {
    const context = await newContext(browser, baseUrl);
    const page = await context.newPage();
    for (const path of PAGES) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
    }
    // Client-side navigation and hydration work: a link followed without a full load.
    await page.goto('/');
    await page.getByRole('link', { name: /Acompanhar/ }).first().click();
    await page.waitForURL(/\/acompanhar/);
    expect(takeCspViolations()).toEqual([]);

    // What an injection flaw would let in: markup with an inline event handler. The policy refuses to run it.
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img alt="" src="/nada.png" onerror="window.injected = true">'));
    // Chromium reports it twice (the console error and the securitypolicyviolation event): both are expected here.
    const reported: string[] = [];
    await expect
      .poll(
        () => {
          reported.push(...takeCspViolations());
          return reported.filter((violation) => /script-src|inline event handler/.test(violation)).length;
        },
        { timeout: 10_000 },
      )
      .toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected ?? false)).toBe(false);
    await context.close();
  });
});
