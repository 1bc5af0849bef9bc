/**
 * Runs after `next build` (`npm run build`): turns `.next/standalone` into the folder that is deployed —
 * what the Dockerfile copies and what the browser tests start with `node .next/standalone/server.js`.
 *
 * - Next leaves `public/` and `.next/static` out of the standalone folder (a CDN may serve them): copied in.
 * - The commands an install runs beside the server (worker, migrations, reference data, first admin,
 *   statistics refresh) are bundled into `scripts/*.mjs`, so the folder needs no TypeScript runner and no
 *   dev dependencies. Packages with native parts or data files stay outside the bundles and are loaded
 *   from the folder's node_modules, which file tracing filled for the server.
 * - Then it checks that every file the server reads at run time by path is there, and fails the build if not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const standalone = path.join(root, '.next', 'standalone');

if (!fs.existsSync(path.join(standalone, 'server.js'))) {
  throw new Error('No .next/standalone/server.js: run `next build` first (next.config.ts sets output: "standalone").');
}

fs.cpSync(path.join(root, 'public'), path.join(standalone, 'public'), { recursive: true });
fs.rmSync(path.join(standalone, '.next', 'static'), { recursive: true, force: true });
fs.cpSync(path.join(root, '.next', 'static'), path.join(standalone, '.next', 'static'), { recursive: true });

/** Loaded from node_modules at run time: native binaries, WebAssembly, font metrics. */
const EXTERNAL = ['@electric-sql/pglite', '@node-rs/argon2', 'sharp', 'pdfkit'];

/** The command (as in package.json) → its entry point. */
const COMMANDS = {
  worker: 'lib/delivery/worker-main.ts',
  migrate: 'drizzle/migrate.ts',
  seed: 'drizzle/seed.ts',
  'admin-create': 'drizzle/admin-create.ts',
  'stats-refresh': 'drizzle/stats-refresh.ts',
};

// The worker runs outside React Server Components (see lib/delivery/node-hooks): `server-only` is empty.
const serverOnlyIsEmpty = {
  name: 'server-only-is-empty',
  setup(builder) {
    builder.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'empty' }));
    builder.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '', loader: 'js' }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(Object.entries(COMMANDS).map(([name, entry]) => [name, entry])),
  outdir: path.join(standalone, 'scripts'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: EXTERNAL,
  plugins: [serverOnlyIsEmpty],
  // Bundled CommonJS packages call require(); an ES module has none unless it is made.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});

const missing = [
  'drizzle/meta/_journal.json',
  ...fs.readdirSync(path.join(root, 'drizzle')).filter((file) => file.endsWith('.sql')).map((file) => `drizzle/${file}`),
  ...EXTERNAL.map((name) => `node_modules/${name}/package.json`),
  'node_modules/pdfkit/js/data/Helvetica.afm',
  'public',
  '.next/static',
].filter((file) => !fs.existsSync(path.join(standalone, file)));
if (missing.length) {
  throw new Error(`The standalone folder lacks files the server reads at run time:\n  ${missing.join('\n  ')}`);
}
console.log(`Standalone server ready: ${path.relative(root, standalone)}/server.js (commands in ${path.relative(root, standalone)}/scripts/)`);
