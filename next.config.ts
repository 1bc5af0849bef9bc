import type { NextConfig } from 'next';
import { STATIC_SECURITY_HEADERS } from './lib/http/security-headers';

const nextConfig: NextConfig = {
  // A self-contained server (`.next/standalone/server.js` with only the node_modules it uses): what the
  // image ships and what the browser tests start (scripts/standalone.mjs adds public/ and .next/static).
  output: 'standalone',
  // Read at run time by path, so file tracing cannot see them: the migrations every start applies.
  outputFileTracingIncludes: { '/**': ['./drizzle/*.sql', './drizzle/meta/_journal.json'] },
  // PGlite ships WebAssembly and data files, and pdfkit its font metrics: both load them from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pdfkit', 'imapflow', 'mailparser'],
  poweredByHeader: false,
  // Every path, static files and webhooks included; proxy.ts adds the per-request ones (CSP, HSTS).
  async headers() {
    return [
      { source: '/:path*', headers: STATIC_SECURITY_HEADERS },
      // The service worker is checked for updates at every visit: never served from a stale HTTP cache.
      { source: '/sw.js', headers: [{ key: 'Cache-Control', value: 'no-cache' }, { key: 'Content-Type', value: 'application/javascript; charset=utf-8' }] },
    ];
  },
  experimental: {
    // One message may carry 5 files of up to 10 MB (lib/attachments/rules.ts) and its text; the attachment
    // rules, not this limit, are what a person should run into.
    serverActions: { bodySizeLimit: '52mb' },
    // The proxy buffers the bodies of the posts it sees (every page's), and past its limit passes them on
    // cut short, which breaks a message's attachments: the same ceiling as the actions.
    proxyClientMaxBodySize: '52mb',
    // `forbidden()` answers 403 with app/forbidden.tsx when a signed-in user lacks the role for a page.
    authInterrupts: true,
  },
};

export default nextConfig;
