import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '@/lib/db/client';
import { demands, outbox, type Demand } from '@/lib/db/schema';
import type { CitizenNotificationPayload, CitizenTemplate } from '@/lib/domain/notifications';
import { citizenNotifications } from './notifications';

/** Public movements of a main demand that its followers hear about too (the answer is answerDuplicates'). */
const FOLLOWED_TEMPLATES: ReadonlySet<CitizenTemplate> = new Set(['demand_forwarded', 'public_reply']);

/**
 * Followers hear of the main demand's public movements on their own channel, under their own protocol
 * (their status link opens their own demand). Written in the caller's transaction, with the movement.
 */
export async function notifyFollowers(
  tx: Transaction,
  main: Pick<Demand, 'id' | 'duplicateOfId'> & { followerCount?: number },
  template: CitizenTemplate,
  payload: Omit<CitizenNotificationPayload, 'protocol' | 'service'>,
  eventId: number,
  now: Date,
): Promise<void> {
  // A demand locked with its follower count (lockDemand) that has none needs no look.
  if (!FOLLOWED_TEMPLATES.has(template) || main.duplicateOfId || main.followerCount === 0) return;
  const followers = await tx
    .select()
    .from(demands)
    .where(and(eq(demands.duplicateOfId, main.id), inArray(demands.state, ['received', 'forwarded', 'in_progress', 'awaiting_citizen'])))
    .prepare('open_followers')
    .execute();
  const messages = followers.flatMap((follower) =>
    citizenNotifications(follower, template, { protocol: follower.protocol, service: follower.service, ...payload }, `${eventId}:${follower.id}`, now),
  );
  if (messages.length) await tx.insert(outbox).values(messages);
}
