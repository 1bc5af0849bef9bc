import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files, and pdfkit its font metrics: both load them from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pdfkit'],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: '12mb' },
    // `forbidden()` answers 403 with app/forbidden.tsx when a signed-in user lacks the role for a page.
    authInterrupts: true,
  },
};

export default nextConfig;
