import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { IncomingFile } from '@/lib/attachments/prepare';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { StaffIntakeContextSchema } from '@/lib/domain/workspace-schemas';
import { fileDemand, type FiledDemand } from './intake';
import type { SubmissionKey } from './submission-key';
import { fieldFailure, FORBIDDEN, invalid, SIGN_IN_REQUIRED, type StaffActor, type UseCaseOptions, type UseCaseResult } from './workflow';
import { meteredIntake } from '@/lib/metrics/instruments';

/**
 * A demand that came in person, by phone, letter, e-mail or Facebook, typed in by the counter or the
 * ombudsman: the same intake as the web form, recorded as entered by them and, when the citizen has an
 * account, linked to it.
 */
export async function fileDemandOnBehalf(
  actor: StaffActor | null,
  // `files`: what came with the demand — a scanned letter, the photos a citizen shows at the counter.
  // `submission`: the form render's idempotency key; posting the form again returns the demand it filed.
  input: { intake: unknown; channel: unknown; requesterUserId?: unknown; files?: readonly IncomingFile[]; submission?: SubmissionKey },
  options: UseCaseOptions = {},
): Promise<UseCaseResult<{ demand: FiledDemand }>> {
  if (!actor) return SIGN_IN_REQUIRED;
  if (actor.role !== 'attendant' && actor.role !== 'ombudsman') return FORBIDDEN;
  const context = StaffIntakeContextSchema.safeParse({ channel: input.channel, requesterUserId: input.requesterUserId });
  if (!context.success) return invalid(context.error);
  const db = options.db ?? (await getDb());
  const { channel, requesterUserId } = context.data;
  if (requesterUserId) {
    const [citizen] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, requesterUserId), eq(users.role, 'citizen'), eq(users.active, true)));
    if (!citizen) return fieldFailure({ requesterUserId: ['Escolha o cidadão na busca de novo.'] });
  }
  const filed = await meteredIntake(channel, () =>
    fileDemand(input.intake, { channel, enteredByUserId: actor.userId, requesterUserId }, { now: options.now, db, files: input.files, submission: input.submission }),
  );
  if (!filed.ok) return fieldFailure(filed.fieldErrors);
  return { ok: true, demand: filed.demand };
}
