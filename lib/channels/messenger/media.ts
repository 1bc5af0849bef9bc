import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { whatsappDevMedia } from '@/lib/db/schema';
import type { MessengerPlatform } from '@/lib/domain/vocabulary';
import { componentLog } from '@/lib/log';
import type { DownloadedFiles } from '../chat/actions';
import type { DraftMedia } from '../chat/conversation';
import { isMessengerSimulated } from './config';
import { AttachmentRefusedError, downloadAttachment, MessengerApiError } from './graph';

/** The simulator's files are stored, not hosted: its attachment URLs name a stored row. */
export const DEV_MEDIA_SCHEME = 'dev-media:';

/**
 * The draft's photos and documents as files for the intake, downloaded from Meta's CDN (or the
 * simulator's store). A failure worth retrying throws, and the message is processed again later; a file
 * refused (not Meta's, too large) or gone is left out and the citizen is told. The intake then checks
 * each file's bytes by the attachment rules, as for every channel.
 */
export function messengerMediaDownloader(platform: MessengerPlatform) {
  return async (media: DraftMedia[]): Promise<DownloadedFiles> => {
    const result: DownloadedFiles = { files: [], skipped: [] };
    for (const [index, item] of media.entries()) {
      const name = item.fileName ?? `${platform}-${index + 1}${item.kind === 'image' ? '.jpg' : '.pdf'}`;
      let downloaded: { bytes: Uint8Array; mimeType: string };
      try {
        downloaded = item.mediaId.startsWith(DEV_MEDIA_SCHEME) && isMessengerSimulated(platform) ? await readDevMedia(item.mediaId) : await downloadAttachment(platform, item.mediaId);
      } catch (error) {
        if (error instanceof AttachmentRefusedError) {
          componentLog(platform).warn({ reason: error.message }, 'attachment refused');
          result.skipped.push({ name, reason: error.reason });
          continue;
        }
        if (error instanceof MessengerApiError && !error.retryable) {
          result.skipped.push({ name, reason: 'não foi possível baixá-lo' });
          continue;
        }
        throw error;
      }
      const type = downloaded.mimeType.split(';')[0]?.trim() || item.mimeType;
      result.files.push(new File([new Uint8Array(downloaded.bytes)], name, { type }));
    }
    return result;
  };
}

async function readDevMedia(address: string): Promise<{ bytes: Uint8Array; mimeType: string }> {
  const db = await getDb();
  const [row] = await db.select().from(whatsappDevMedia).where(eq(whatsappDevMedia.id, address.slice(DEV_MEDIA_SCHEME.length)));
  if (!row) throw new MessengerApiError('No simulator media', 404, undefined, false);
  return { bytes: new Uint8Array(row.bytes), mimeType: row.contentType };
}
