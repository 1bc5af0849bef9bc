import 'server-only';
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '@/lib/db/client';
import { outbox } from '@/lib/db/schema';

/**
 * A delivery status notification recorded against the e-mail it bounced: by the Message-ID the report
 * quotes (ours name the outbox row), else the latest e-mail sent to the failed recipient. The row stays
 * `sent` (the provider took it) with `bounced_at`, which the admin delivery page lists.
 */
export async function recordBounce(
  db: Executor,
  input: { originalMessageIds: string[]; recipients: string[]; detail: string; now: Date },
): Promise<string | null> {
  let target: { id: string } | undefined;
  if (input.originalMessageIds.length) {
    [target] = await db.select({ id: outbox.id }).from(outbox).where(inArray(outbox.emailMessageId, input.originalMessageIds)).limit(1);
  }
  if (!target && input.recipients.length) {
    [target] = await db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.channel, 'email'), inArray(outbox.recipient, input.recipients), isNotNull(outbox.sentAt)))
      .orderBy(desc(outbox.sentAt))
      .limit(1);
  }
  if (!target) return null;
  await db.update(outbox).set({ bouncedAt: input.now, bounceDetail: input.detail.slice(0, 1000) }).where(eq(outbox.id, target.id));
  return target.id;
}
