import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { attachments } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { getFileStore } from '@/lib/storage';
import { ouvidoriaInput } from '../factories';
import { fileOf, pdfCarryingIdentity, PDF_IDENTITY } from '../support/files';

/**
 * Threat: a denunciante attaches a PDF that names them — /Author, /Creator, /Producer, XMP metadata, an
 * older revision — and the department downloads it; or a PDF carries scripts that run on the staff
 * member's computer. The stored copy (what every download serves) must have none of it, and still show
 * the page's text and its form field.
 */

let dataDir: string;
const savedDataDir = process.env.DATA_DIR;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-pdf-'));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function fileConfidentialDenunciationWith(file: File) {
  const input = ouvidoriaInput({ kind: 'denunciation', identity: 'confidential', name: PDF_IDENTITY.author, email: 'joana.sigilosa@exemplo.org' });
  return fileDemand(input, { channel: 'web' }, { files: [file] });
}

async function storedCopyOf(demandId: string): Promise<Buffer> {
  const db = await getDb();
  const [row] = await db.select().from(attachments).where(eq(attachments.demandId, demandId));
  if (!row) throw new Error('no attachment stored');
  return Buffer.from(await new Response(await getFileStore().read(row.storageKey)).arrayBuffer());
}

function withPdfFile<T>(pdf: Buffer, inspectFile: (file: string, folder: string) => T): T {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-pdf-check-'));
  try {
    fs.writeFileSync(path.join(folder, 'in.pdf'), pdf);
    return inspectFile(path.join(folder, 'in.pdf'), folder);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** The file with every stream decompressed, so that text inside compressed streams is searchable too. */
function expanded(pdf: Buffer): string {
  return withPdfFile(pdf, (file, folder) => {
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, path.join(folder, 'out.pdf')]);
    return fs.readFileSync(path.join(folder, 'out.pdf')).toString('latin1');
  });
}

function pdfkitDocument(options: PDFKit.PDFDocumentOptions, withForm = false): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument(options);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.text('Recibo do conserto do telhado da escola municipal');
    if (withForm) {
      doc.initForm();
      doc.formText('responsavel', 50, 200, 200, 20, { value: 'campo preenchido' });
    }
    doc.end();
  });
}

describe('identity and scripts inside PDF attachments', () => {
  it('the stored copy has no author, creator, producer, XMP, older revision, script, launch action or embedded file', async () => {
    const original = Buffer.from(pdfCarryingIdentity());
    for (const trace of [PDF_IDENTITY.author, PDF_IDENTITY.xmpCreator, PDF_IDENTITY.previousAuthor, ...PDF_IDENTITY.scripts]) {
      expect(original.toString('latin1')).toContain(trace);
    }

    const result = await fileConfidentialDenunciationWith(fileOf('nota-fiscal.pdf', pdfCarryingIdentity()));
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    const stored = await storedCopyOf(result.demand.id);

    for (const text of [stored.toString('latin1'), expanded(stored)]) {
      for (const trace of [PDF_IDENTITY.author, PDF_IDENTITY.creator, PDF_IDENTITY.producer, PDF_IDENTITY.xmpCreator, PDF_IDENTITY.previousAuthor, 'Joana', ...PDF_IDENTITY.scripts]) {
        expect(text).not.toContain(trace);
      }
      for (const key of ['/Author', '/Creator', '/Producer', '/Metadata', '/OpenAction', '/JavaScript', '/JS', '/AA', '/Launch', '/EmbeddedFiles', 'cmd.exe', 'arquivo anexo escondido', 'xmpmeta']) {
        expect(text).not.toContain(key);
      }
    }
    // Still the same document: its text, its form field and value, its link.
    const kept = expanded(stored);
    expect(kept).toContain(PDF_IDENTITY.visibleText);
    expect(kept).toContain(`/T (${PDF_IDENTITY.fieldName})`);
    expect(kept).toContain(`/V (${PDF_IDENTITY.fieldValue})`);
    expect(kept).toContain('/AcroForm');
    expect(kept).toContain('/Subtype /Link');
    expect(withPdfFile(stored, (file) => execFileSync('qpdf', ['--check', file]).toString())).toMatch(/No syntax or stream encoding errors/);
  });

  it('a PDF written by a common library loses its /Author and /Creator and keeps its compressed text and form', async () => {
    const original = await pdfkitDocument({ info: { Author: 'Joana Denunciante Sigilosa', Creator: 'Notebook da Joana', Title: 'Recibo' } }, true);
    expect(Buffer.from(original).toString('latin1')).toContain('Joana');

    const result = await fileConfidentialDenunciationWith(fileOf('recibo.pdf', original));
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    const stored = await storedCopyOf(result.demand.id);
    const kept = expanded(stored);
    expect(kept).not.toContain('Joana');
    expect(kept).not.toContain('/Author');
    expect(kept).toContain('/T (responsavel)');
    expect(kept).toContain('campo preenchido');
  });

  it('refuses a password-protected PDF, and one with only an owner password, naming the file', async () => {
    for (const [name, options] of [
      ['extrato-com-senha.pdf', { userPassword: 'segredo', ownerPassword: 'dono' }],
      ['extrato-protegido.pdf', { ownerPassword: 'dono', permissions: { printing: 'highResolution' as const } }],
    ] as const) {
      const result = await fileConfidentialDenunciationWith(fileOf(name, await pdfkitDocument(options)));
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.fieldErrors.files?.join(' ')).toMatch(new RegExp(`"${name.replace('.', '\\.')}" está protegido por senha`));
    }
  });

  it('refuses a PDF too damaged to rewrite, naming the file', async () => {
    const result = await fileConfidentialDenunciationWith(fileOf('danificado.pdf', '%PDF-1.7\n%âãÏÓ\nisto não é um PDF de verdade\n'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.files?.join(' ')).toMatch(/"danificado\.pdf" parece danificado/);
  });
});
