/**
 * `npm start`: the standalone server that `npm run build` made, the same one the image runs. That server
 * changes into its own folder as it starts (`.next/standalone`, rebuilt by every build), so a relative
 * DATA_DIR — the embedded database and local files, `.data` by default — is resolved here first, against
 * the folder `npm start` runs in, as `next start` did.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const server = path.resolve('.next', 'standalone', 'server.js');
if (!fs.existsSync(server)) {
  console.error('Nenhum build encontrado em .next/standalone: rode `npm run build` antes de `npm start`.');
  process.exit(1);
}
process.env.DATA_DIR = path.resolve(process.env.DATA_DIR ?? '.data');
await import(pathToFileURL(server).href);
