// Bundles the service worker (lib/offline/sw.ts, with Serwist) into public/sw.js before `next build` and
// `next dev`. Serwist's Next plugin (@serwist/next) hooks into webpack, and Next 16 builds with Turbopack,
// so the worker is built on its own: it needs no precache manifest (Next's hashed files are cached as
// they are fetched), hence nothing from Next's build.
import { build } from 'esbuild';

await build({
  entryPoints: ['lib/offline/sw.ts'],
  outfile: 'public/sw.js',
  bundle: true,
  format: 'iife',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
