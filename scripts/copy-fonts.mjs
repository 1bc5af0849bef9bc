// Copies the Raleway files the app uses from @fontsource/raleway into public/fonts/ before `next build`
// and `next dev`: the font is served by the app itself (CSP font-src 'self'), never fetched from a font
// service at build or run time. Raleway is the open fallback gov.br's design system names for its Rawline.
// Only the Latin subset (Portuguese) and the weights the styles use: 400 (text, preloaded), 500, 600, 700.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const from = path.join(path.dirname(require.resolve('@fontsource/raleway/package.json')), 'files');
const to = path.join(process.cwd(), 'public', 'fonts');
fs.mkdirSync(to, { recursive: true });
for (const weight of [400, 500, 600, 700]) {
  const file = `raleway-latin-${weight}-normal.woff2`;
  fs.copyFileSync(path.join(from, file), path.join(to, file));
}
