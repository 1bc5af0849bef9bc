import fs from 'node:fs';
import path from 'node:path';

/**
 * How the benchmarks start the built app in `dir`: the standalone server `npm run build` leaves in
 * .next/standalone (what the image and `npm start` run), or `next start` in a checkout built before the
 * standalone output existed (so the same bench measures an older release).
 */
export function builtServerCommand(dir: string, port: number): { command: string; args: string[]; env: Record<string, string> } {
  const standalone = path.join(dir, '.next', 'standalone', 'server.js');
  if (fs.existsSync(standalone)) return { command: process.execPath, args: [standalone], env: { PORT: String(port), HOSTNAME: '::' } };
  return { command: 'npx', args: ['next', 'start', '-p', String(port)], env: {} };
}
