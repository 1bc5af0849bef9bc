import 'server-only';
import { getFileStore, type FileStore } from '@/lib/storage';
import type { NewAttachment } from '@/lib/db/schema';
import { ACCEPTED_FORMATS } from './rules';
import type { PreparedFile } from './prepare';
import { componentLog, errorKind } from '@/lib/log';

export type StoredFile = PreparedFile & { storageKey: string };

/**
 * Puts prepared files in the store. Called before the database transaction that records them, so the
 * transaction does not wait on uploads; if any put fails, the ones already stored are removed.
 */
export async function putPreparedFiles(files: readonly PreparedFile[], store: FileStore = getFileStore()): Promise<StoredFile[]> {
  const stored: StoredFile[] = [];
  try {
    for (const file of files) {
      const { key } = await store.put({ bytes: file.bytes, contentType: file.contentType, extension: ACCEPTED_FORMATS[file.format].extension });
      stored.push({ ...file, storageKey: key });
    }
    return stored;
  } catch (error) {
    await discardStoredFiles(stored.map((file) => file.storageKey), store);
    throw error;
  }
}

/** Best effort: a file left behind is garbage, not a leak, since nothing points to it. */
export async function discardStoredFiles(keys: readonly string[], store: FileStore = getFileStore()): Promise<void> {
  if (keys.length === 0) return;
  try {
    await store.delete([...keys]);
  } catch (error) {
    componentLog('attachments').error({ storageKeys: keys, ...errorKind(error) }, 'could not delete stored files after a failed write');
  }
}

export function attachmentRows(
  files: readonly StoredFile[],
  owner: { demandId: string; eventId: number | null; uploadedByUserId?: string | null; createdAt?: Date },
): NewAttachment[] {
  return files.map((file) => ({
    demandId: owner.demandId,
    eventId: owner.eventId,
    storageKey: file.storageKey,
    fileName: file.fileName,
    contentType: file.contentType,
    sizeBytes: file.bytes.byteLength,
    uploadedByUserId: owner.uploadedByUserId ?? null,
    createdAt: owner.createdAt,
  }));
}
