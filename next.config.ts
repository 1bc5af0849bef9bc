import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files, and pdfkit its font metrics: both load them from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pdfkit'],
  poweredByHeader: false,
  experimental: {
    // One message may carry 5 files of up to 10 MB (lib/attachments/rules.ts) and its text; the attachment
    // rules, not this limit, are what a person should run into.
    serverActions: { bodySizeLimit: '52mb' },
    // The proxy buffers the bodies of the /painel posts it sees, and past its limit passes them on cut short,
    // which breaks a staff reply's attachments: the same ceiling as the actions.
    proxyClientMaxBodySize: '52mb',
    // `forbidden()` answers 403 with app/forbidden.tsx when a signed-in user lacks the role for a page.
    authInterrupts: true,
  },
};

export default nextConfig;
