import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { demands, intakeSubmissions } from '@/lib/db/schema';
import type { FiledDemand } from './intake';
import { openAccessCode, readSubmissionKey } from './submission-key';

/**
 * The demand a form's signed submission key filed, as its receipt showed it (access code included,
 * opened from its seal), or nothing: a key that is forged, expired or filed nothing yet. Reads only;
 * the receipt page of a post made without JavaScript shows it (see lib/channels/web-receipt.ts).
 */
export async function findFiledSubmission(signedKey: string | undefined, now = new Date()): Promise<FiledDemand | undefined> {
  const check = readSubmissionKey(signedKey, now);
  if (check.status !== 'valid') return undefined;
  const { key } = check.submission;
  const db = await getDb();
  const [row] = await db
    .select({
      id: demands.id,
      protocol: demands.protocol,
      dueOn: demands.dueOn,
      service: demands.service,
      kind: demands.kind,
      categoryId: demands.categoryId,
      identity: demands.identity,
      requesterEmail: demands.requesterEmail,
      sealedAccessCode: intakeSubmissions.sealedAccessCode,
    })
    .from(intakeSubmissions)
    .innerJoin(demands, eq(demands.id, intakeSubmissions.demandId))
    .where(eq(intakeSubmissions.key, key));
  if (!row) return undefined;
  const accessCode = row.sealedAccessCode ? openAccessCode(row.sealedAccessCode, key) : undefined;
  return {
    id: row.id,
    protocol: row.protocol,
    dueOn: row.dueOn,
    service: row.service,
    kind: row.kind,
    categoryId: row.categoryId,
    anonymous: row.identity === 'anonymous',
    hasEmail: Boolean(row.requesterEmail),
    ...(accessCode ? { accessCode } : {}),
    replayed: true,
  };
}
