import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The text a pdfkit document shows, one line per text operator: qpdf decompresses the streams, then the
 * strings of every `TJ`/`Tj` — literal `(…)` or hex `<…>`, in WinAnsi, which matches Latin-1 for
 * Portuguese letters — are read in order.
 */
export function pdfText(pdf: Uint8Array): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-pdf-text-'));
  try {
    fs.writeFileSync(path.join(folder, 'in.pdf'), pdf);
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', path.join(folder, 'in.pdf'), path.join(folder, 'out.pdf')]);
    const raw = fs.readFileSync(path.join(folder, 'out.pdf')).toString('latin1');
    const lines: string[] = [];
    for (const [, operand] of raw.matchAll(/(\[(?:\((?:\\.|[^\\)])*\)|[^\]])*\]|<[0-9a-fA-F]*>|\((?:\\.|[^\\)])*\))\s*T[Jj]/g)) {
      const pieces = [...(operand ?? '').matchAll(/<([0-9a-fA-F]*)>|\(((?:\\.|[^\\)])*)\)/g)].map(([, hex, literal]) =>
        hex !== undefined ? Buffer.from(hex, 'hex').toString('latin1') : unescapeLiteral(literal ?? ''),
      );
      lines.push(pieces.join(''));
    }
    return lines.join('\n');
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

function unescapeLiteral(text: string): string {
  return text.replace(/\\([0-7]{1,3}|.)/g, (_, escaped: string) =>
    /^[0-7]+$/.test(escaped) ? String.fromCharCode(parseInt(escaped, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[escaped] ?? escaped,
  );
}
