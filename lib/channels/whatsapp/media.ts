import 'server-only';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { whatsappDevMedia } from '@/lib/db/schema';
import { isSimulated } from './config';
import type { DraftMedia } from '../chat/conversation';
import { downloadGraphMedia, MediaRefusedError, WhatsappApiError } from './graph';
import { componentLog } from '@/lib/log';

export type DownloadedFiles = { files: File[]; skipped: { name: string; reason: string }[] };

/**
 * The draft's photos and documents as files for the intake. Meta gives each file's SHA-256 (hex or
 * base64, depending on where it is read), checked so a truncated download is never filed. A failure
 * worth retrying (network, Meta busy) throws, and the message is processed again later; a file Meta no
 * longer has is left out and the citizen is told.
 */
export async function downloadDraftMedia(media: DraftMedia[]): Promise<DownloadedFiles> {
  const result: DownloadedFiles = { files: [], skipped: [] };
  for (const [index, item] of media.entries()) {
    const fallbackName = item.fileName ?? `arquivo ${index + 1}`;
    let downloaded: Awaited<ReturnType<typeof downloadGraphMedia>>;
    try {
      downloaded = isSimulated() ? await readDevMedia(item.mediaId) : await downloadGraphMedia(item.mediaId);
    } catch (error) {
      if (error instanceof MediaRefusedError) {
        componentLog('whatsapp').warn({ mediaId: item.mediaId, reason: error.message }, 'media refused');
        result.skipped.push({ name: fallbackName, reason: error.reason });
        continue;
      }
      if (error instanceof WhatsappApiError && !error.retryable) {
        result.skipped.push({ name: fallbackName, reason: 'não foi possível baixá-lo do WhatsApp' });
        continue;
      }
      throw error;
    }
    const expected = item.sha256 ?? downloaded.sha256;
    if (expected && !matchesSha256(downloaded.bytes, expected)) {
      throw new WhatsappApiError(`Media ${item.mediaId} does not match its SHA-256`, 0, undefined, true);
    }
    const type = (downloaded.mimeType || item.mimeType).split(';')[0]?.trim() || 'application/octet-stream';
    const name = item.fileName ?? `whatsapp-${index + 1}.${extensionFor(type)}`;
    result.files.push(new File([new Uint8Array(downloaded.bytes)], name, { type }));
  }
  return result;
}

function matchesSha256(bytes: Uint8Array, expected: string): boolean {
  const digest = createHash('sha256').update(bytes).digest();
  return expected.toLowerCase() === digest.toString('hex') || expected === digest.toString('base64');
}

function extensionFor(mimeType: string): string {
  return { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/heic': 'heic', 'image/heif': 'heif', 'application/pdf': 'pdf' }[mimeType] ?? 'bin';
}

async function readDevMedia(mediaId: string) {
  const db = await getDb();
  const [row] = await db.select().from(whatsappDevMedia).where(eq(whatsappDevMedia.id, mediaId));
  if (!row) throw new WhatsappApiError(`No simulator media ${mediaId}`, 404, undefined, false);
  return { bytes: new Uint8Array(row.bytes), mimeType: row.contentType, sha256: row.sha256 };
}
