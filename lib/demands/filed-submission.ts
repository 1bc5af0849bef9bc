import 'server-only';
import { getDb } from '@/lib/db/client';
import { filedSubmission, type FiledDemand } from './intake';
import { readSubmissionKey } from './submission-key';

/**
 * The demand a form's signed submission key filed, as its receipt showed it (access code included,
 * opened from its seal), or nothing: a key that is forged, expired or filed nothing yet. Reads only;
 * the receipt page of a post made without JavaScript shows it (see lib/channels/web-receipt.ts).
 */
export async function findFiledSubmission(signedKey: string | undefined, now = new Date()): Promise<FiledDemand | undefined> {
  const check = readSubmissionKey(signedKey, now);
  if (check.status !== 'valid') return undefined;
  return filedSubmission(await getDb(), check.submission.key);
}
