import 'server-only';
import type { z } from 'zod';
import type { Transaction } from '@/lib/db/client';
import { attachments } from '@/lib/db/schema';
import { prepareFiles, type IncomingFile } from '@/lib/attachments/prepare';
import { attachmentRows, discardStoredFiles, putPreparedFiles } from '@/lib/attachments/store';
import { fieldErrorsOf, type FieldErrors } from '@/lib/domain/intake-schema';
import { fieldFailure, staffRefusal, type StaffActor, type UseCaseOptions, type UseCaseResult } from './workflow';

/** A staff use case that writes one event may take files with it. */
export type MessageOptions = UseCaseOptions & { files?: readonly IncomingFile[] };

/**
 * Records the stored files as attachments of the event just written, in the use case's transaction. Called
 * on the way to success only: a refusal afterwards would commit rows whose files are then removed.
 */
export type AttachToEvent = (tx: Transaction, event: { demandId: string; eventId: number; now: Date }) => Promise<{ attachmentNames?: string[] }>;

/**
 * The frame of a staff movement with files (a note, a reply, the final answer), as the intake does it:
 * the input and every file are checked before anything is written (one round shows every problem), the
 * files are stored before the transaction so it does not wait on uploads, and the use case records them
 * with its event. If the use case refuses (the demand is not theirs, the state does not allow it) or its
 * transaction fails, the stored files are removed again: nothing points to them.
 */
export async function withEventFiles<S extends z.ZodType, T extends object>(
  actor: StaffActor | null,
  schema: S,
  input: unknown,
  files: readonly IncomingFile[] | undefined,
  step: (data: z.output<S>, attach: AttachToEvent) => Promise<UseCaseResult<T>>,
): Promise<UseCaseResult<T>> {
  // Before the files are decoded: re-encoding photos is work an outsider should not get for free.
  const refusal = staffRefusal(actor);
  if (refusal) return refusal;
  const parsed = schema.safeParse(input);
  const prepared = await prepareFiles(files ?? []);
  if (!parsed.success || !prepared.ok) {
    const fieldErrors: FieldErrors = { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...(prepared.ok ? {} : { files: prepared.errors }) };
    return fieldFailure(fieldErrors);
  }

  const stored = await putPreparedFiles(prepared.files);
  const discard = () => discardStoredFiles(stored.map((file) => file.storageKey));
  // Returns the names for the citizen's notice, which says what came with the movement.
  const attach: AttachToEvent = async (tx, event) => {
    if (stored.length === 0) return {};
    await tx.insert(attachments).values(attachmentRows(stored, { demandId: event.demandId, eventId: event.eventId, uploadedByUserId: actor?.userId, createdAt: event.now }));
    return { attachmentNames: stored.map((file) => file.fileName) };
  };
  const result = await step(parsed.data, attach).catch(async (error: unknown) => {
    await discard();
    throw error;
  });
  if (!result.ok) await discard();
  return result;
}
