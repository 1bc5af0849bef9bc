import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { attachments, demandEvents, demands } from '@/lib/db/schema';
import { prepareFiles } from '@/lib/attachments/prepare';
import { MAX_FILE_BYTES } from '@/lib/attachments/rules';
import { fileDemand } from '@/lib/demands/intake';
import { createLocalFileStore } from '@/lib/storage/local';
import { fileOf, htmlPage, jpegWithGps, pdfDocument, pngImage, svgWithScript, webpImage } from '../support/files';
import { syntheticHeic } from '../support/heic';
import { ouvidoriaInput } from '../factories';

let dataDir: string;
const savedDataDir = process.env.DATA_DIR;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-files-'));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function storedFiles(): string[] {
  const root = path.join(dataDir, 'files');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

function containsText(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes).includes(Buffer.from(text));
}

describe('upload corpus', () => {
  it('re-encodes a JPEG with GPS EXIF: the stored copy has no EXIF at all', async () => {
    const original = await jpegWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    expect(containsText(original, 'CameraDeTeste')).toBe(true);
    const result = await prepareFiles([fileOf('IMG_2041.JPG', original)]);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const [photo] = result.files;
    expect(photo).toMatchObject({ fileName: 'IMG_2041.jpg', contentType: 'image/jpeg', format: 'jpeg' });
    const metadata = await sharp(photo?.bytes).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
    expect(metadata.exif).toBeUndefined();
    expect(containsText(photo?.bytes ?? new Uint8Array(), 'CameraDeTeste')).toBe(false);
  });

  it('refuses a PNG renamed .pdf, saying what the content really is', async () => {
    const result = await prepareFiles([fileOf('comprovante.pdf', await pngImage(), 'application/pdf')]);
    expect(result).toEqual({ ok: false, errors: [expect.stringMatching(/"comprovante\.pdf" tem a extensão \.pdf, mas o conteúdo é de uma imagem PNG/)] });
  });

  it('refuses an HTML page renamed .jpg', async () => {
    const result = await prepareFiles([fileOf('foto.jpg', htmlPage, 'image/jpeg')]);
    expect(result).toEqual({ ok: false, errors: [expect.stringMatching(/"foto\.jpg" não é uma foto .* nem um documento PDF/)] });
  });

  it('refuses an SVG carrying a script, whatever it is called', async () => {
    for (const name of ['desenho.svg', 'desenho.png']) {
      const result = await prepareFiles([fileOf(name, svgWithScript, 'image/svg+xml')]);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]).toContain(`"${name}" não é uma foto`);
    }
  });

  it('refuses a file over 10 MB without reading it as an image', async () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    big.set(await jpegWithGps());
    const result = await prepareFiles([fileOf('grande.jpg', big)]);
    expect(result).toEqual({ ok: false, errors: ['"grande.jpg" tem 10 MB; o limite é 10 MB por arquivo.'] });
  });

  it('refuses a 6th file, and reports every bad file at once', async () => {
    const png = await pngImage();
    const six = Array.from({ length: 6 }, (_, i) => fileOf(`foto-${i + 1}.png`, png));
    expect(await prepareFiles(six)).toEqual({ ok: false, errors: ['Você escolheu 6 arquivos; o limite é 5 por mensagem. Remova 1 e envie de novo.'] });
    const mixed = await prepareFiles([fileOf('ok.png', png), fileOf('a.jpg', htmlPage), fileOf('b.pdf', png)]);
    expect(mixed.ok).toBe(false);
    if (!mixed.ok) expect(mixed.errors).toHaveLength(2);
  });

  it('accepts five files of every kind, ignoring an empty file input', async () => {
    const gpsMarker = new TextEncoder().encode('Exif\0\0GPS-22.8789S-48.4453W');
    const result = await prepareFiles([
      fileOf('', new Uint8Array()),
      fileOf('rua.jpeg', await jpegWithGps()),
      fileOf('mapa.png', await pngImage()),
      fileOf('poste.webp', await webpImage()),
      fileOf('IMG_0001.HEIC', syntheticHeic(gpsMarker)),
      fileOf('protocolo anterior.pdf', pdfDocument()),
    ]);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.files.map((f) => [f.fileName, f.contentType])).toEqual([
      ['rua.jpg', 'image/jpeg'],
      ['mapa.png', 'image/png'],
      ['poste.webp', 'image/webp'],
      ['IMG_0001.heic', 'image/heic'],
      ['protocolo anterior.pdf', 'application/pdf'],
    ]);
    const heic = result.files[3]?.bytes ?? new Uint8Array();
    // The HEIC is kept as uploaded (sharp cannot decode HEVC) except for its Exif item, now zeros.
    expect(containsText(heic, 'GPS-22.8789S')).toBe(false);
    expect(containsText(heic, 'HEVC-PIXELS-')).toBe(true);
    // The PDF is rewritten (without metadata or scripts); its text is still there.
    expect(containsText(result.files[4]?.bytes ?? new Uint8Array(), 'Comprovante de teste')).toBe(true);
  });
});

describe('fileDemand with files', () => {
  it('stores the re-encoded photo and records it on the first event, in the same transaction', async () => {
    const before = storedFiles().length;
    const result = await fileDemand(ouvidoriaInput(), { channel: 'web' }, { files: [fileOf('buraco.jpg', await jpegWithGps())] });
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    const db = await getDb();
    const rows = await db.select().from(attachments).where(eq(attachments.demandId, result.demand.id));
    const [event] = await db.select().from(demandEvents).where(eq(demandEvents.demandId, result.demand.id));
    expect(rows).toEqual([expect.objectContaining({ fileName: 'buraco.jpg', contentType: 'image/jpeg', eventId: event?.id })]);
    expect(storedFiles()).toHaveLength(before + 1);
    const stream = await createLocalFileStore().read(rows[0]?.storageKey ?? '');
    const stored = new Uint8Array(await new Response(stream).arrayBuffer());
    expect(stored.byteLength).toBe(rows[0]?.sizeBytes);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
  });

  it('answers a refused file with a field error next to the other ones, and writes nothing', async () => {
    const db = await getDb();
    const [{ n: demandsBefore } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(demands);
    const before = storedFiles().length;
    const result = await fileDemand(ouvidoriaInput({ subject: '' }), { channel: 'web' }, { files: [fileOf('foto.jpg', htmlPage)] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.fieldErrors).sort()).toEqual(['files', 'subject']);
      expect(result.fieldErrors.files?.[0]).toContain('"foto.jpg"');
    }
    const [{ n: demandsAfter } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(demands);
    expect(demandsAfter).toBe(demandsBefore);
    expect(storedFiles()).toHaveLength(before);
  });

  it('removes the stored files again when the transaction fails', async () => {
    const db = await getDb();
    const before = storedFiles().length;
    await db.execute(sql`create function fail_attachments() returns trigger language plpgsql as $$ begin raise exception 'attachments table is down'; end $$`);
    await db.execute(sql`create trigger fail_attachments before insert on attachments for each row execute function fail_attachments()`);
    try {
      await expect(fileDemand(ouvidoriaInput(), { channel: 'web' }, { files: [fileOf('a.png', await pngImage()), fileOf('b.pdf', pdfDocument())] })).rejects.toThrow();
    } finally {
      await db.execute(sql`drop trigger fail_attachments on attachments`);
      await db.execute(sql`drop function fail_attachments()`);
    }
    expect(storedFiles()).toHaveLength(before);
  });
});
