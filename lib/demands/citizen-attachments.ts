import 'server-only';
import { and, inArray, isNull, lt } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { attachments } from '@/lib/db/schema';
import { prepareFiles, type IncomingFile } from '@/lib/attachments/prepare';
import { attachmentRows, discardStoredFiles, putPreparedFiles } from '@/lib/attachments/store';

/**
 * Files that come with a message on an existing demand (the citizen's complementação, a staff reply).
 * They are checked and stored first, recorded without an event, and linked to the event by the use case
 * that writes it, in its transaction. If that use case refuses, the caller discards them; if the
 * process dies in between, `discardUnlinkedAttachments` removes them a day later.
 */

export type StoredAttachments = { ok: true; attachmentIds: string[] } | { ok: false; errors: string[] };

export async function storeMessageAttachments(input: {
  demandId: string;
  files: readonly IncomingFile[];
  uploadedByUserId?: string | null;
}): Promise<StoredAttachments> {
  const prepared = await prepareFiles(input.files);
  if (!prepared.ok) return prepared;
  if (prepared.files.length === 0) return { ok: true, attachmentIds: [] };
  const stored = await putPreparedFiles(prepared.files);
  try {
    const db = await getDb();
    const rows = await db
      .insert(attachments)
      .values(attachmentRows(stored, { demandId: input.demandId, eventId: null, uploadedByUserId: input.uploadedByUserId }))
      .returning({ id: attachments.id });
    return { ok: true, attachmentIds: rows.map((row) => row.id) };
  } catch (error) {
    await discardStoredFiles(stored.map((file) => file.storageKey));
    throw error;
  }
}

/** Removes attachments that were never linked to an event, rows and files. */
export async function discardAttachments(attachmentIds: readonly string[]): Promise<void> {
  if (attachmentIds.length === 0) return;
  const db = await getDb();
  const removed = await db
    .delete(attachments)
    .where(and(inArray(attachments.id, [...attachmentIds]), isNull(attachments.eventId)))
    .returning({ storageKey: attachments.storageKey });
  await discardStoredFiles(removed.map((row) => row.storageKey));
}

const UNLINKED_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * Citizens' uploads (no uploading user) that no event claimed within a day: a reply that was refused or
 * a process that died between storing and replying. Staff uploads are left alone.
 */
export async function discardUnlinkedAttachments({ now }: { now: Date }): Promise<number> {
  const db = await getDb();
  const removed = await db
    .delete(attachments)
    .where(and(isNull(attachments.eventId), isNull(attachments.uploadedByUserId), lt(attachments.createdAt, new Date(now.getTime() - UNLINKED_GRACE_MS))))
    .returning({ storageKey: attachments.storageKey });
  await discardStoredFiles(removed.map((row) => row.storageKey));
  return removed.length;
}
