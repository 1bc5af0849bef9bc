import 'server-only';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { Executor } from '@/lib/db/client';
import { dataDir } from '@/lib/db/config';
import { attachments } from '@/lib/db/schema';
import { fileDemand, type IntakeResult } from '@/lib/demands/intake';

/**
 * INTEGRATION SEAM — the one place the WhatsApp channel reaches the intake use case.
 *
 * Attachment storage (`lib/storage/`, local or UploadThing) and `fileDemand(..., { files })` with the
 * shared content checks are the delivery issue's, and not on main yet. When they land, the body of
 * `fileWhatsappDemand` becomes a single call and everything below it is deleted:
 *
 *   return { result: await fileDemand(input, { channel: 'whatsapp', files }, { db }), skipped: [] };
 *
 * Until then, files are checked here by the same rules (JPEG, PNG, WebP, HEIC or PDF by their bytes,
 * 10 MB, 5 per message; photos re-encoded, which drops EXIF and GPS) and kept under DATA_DIR.
 */
export async function fileWhatsappDemand(
  db: Executor,
  input: Record<string, unknown>,
  files: File[],
): Promise<{ result: IntakeResult; skipped: { name: string; reason: string }[] }> {
  const { accepted, skipped } = await checkFiles(files);
  // Inside the caller's transaction: fileDemand's own transaction becomes a savepoint.
  const result = await fileDemand(input, { channel: 'whatsapp' }, { db });
  if (result.ok && accepted.length) await storeAttachments(db, result.demand.id, accepted);
  return { result, skipped };
}

const MAX_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 5;
const ACCEPTED = new Map([
  ['image/jpeg', 'jpg'],
  ['image/png', 'png'],
  ['image/webp', 'webp'],
  ['image/heic', 'heic'],
  ['image/heif', 'heif'],
  ['application/pdf', 'pdf'],
]);

type CheckedFile = { name: string; bytes: Buffer; contentType: string; extension: string };

async function checkFiles(files: File[]): Promise<{ accepted: CheckedFile[]; skipped: { name: string; reason: string }[] }> {
  const accepted: CheckedFile[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const file of files) {
    if (accepted.length >= MAX_FILES) {
      skipped.push({ name: file.name, reason: `no máximo ${MAX_FILES} arquivos` });
      continue;
    }
    if (file.size > MAX_BYTES) {
      skipped.push({ name: file.name, reason: 'maior que 10 MB' });
      continue;
    }
    const bytes = Buffer.from(await file.arrayBuffer());
    const detected = await fileTypeFromBuffer(bytes);
    const extension = detected ? ACCEPTED.get(detected.mime) : undefined;
    if (!detected || !extension) {
      skipped.push({ name: file.name, reason: 'tipo de arquivo não aceito' });
      continue;
    }
    try {
      const reencoded = await reencode(bytes, detected.mime);
      accepted.push({ name: file.name, bytes: reencoded, contentType: detected.mime, extension });
    } catch {
      skipped.push({ name: file.name, reason: 'a imagem está danificada' });
    }
  }
  return { accepted, skipped };
}

/** Re-encoding drops EXIF (and the GPS position in it); sharp cannot decode HEIC, kept as it came. */
function reencode(bytes: Buffer, mime: string): Promise<Buffer> {
  const image = () => sharp(bytes, { failOn: 'error' }).rotate();
  if (mime === 'image/jpeg') return image().jpeg({ quality: 85 }).toBuffer();
  if (mime === 'image/png') return image().png().toBuffer();
  if (mime === 'image/webp') return image().webp({ quality: 85 }).toBuffer();
  return Promise.resolve(bytes);
}

async function storeAttachments(db: Executor, demandId: string, files: CheckedFile[]) {
  const folder = path.join(dataDir(), 'whatsapp-attachments', demandId);
  await fs.mkdir(folder, { recursive: true });
  const rows = [];
  for (const file of files) {
    const key = `${randomUUID()}.${file.extension}`;
    await fs.writeFile(path.join(folder, key), file.bytes);
    rows.push({
      demandId,
      storageKey: `whatsapp-local/${demandId}/${key}`,
      fileName: file.name,
      contentType: file.contentType,
      sizeBytes: file.bytes.length,
    });
  }
  await db.insert(attachments).values(rows);
}
