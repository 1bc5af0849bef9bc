import 'server-only';
import { and, asc, eq, gt, lt, ne } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { demandPresence, demands, users } from '@/lib/db/schema';
import { canViewDemand } from '@/lib/domain/permissions';
import { parseProtocol } from '@/lib/domain/protocol';
import { demandVersion, invalid, NOT_FOUND, readDemand, staffRefusal, type StaffActor, type UseCaseOptions, type UseCaseResult } from './workflow';

/**
 * The demand page's pulse: every poll renews the person's heartbeat on the demand and answers with the
 * demand's version (so the page redraws when someone else acted) and who else has it open. Only staff who
 * may see the demand pulse it, and only staff heartbeats exist: a requester never shows up here.
 */

/** A heartbeat older than this means the person left (the page polls every 2 s). */
export const PRESENCE_SECONDS = 15;
/** Heartbeats this old are deleted by the next poll of anyone. */
const FORGET_SECONDS = 60;

export type PresenceActivity = 'viewing' | 'replying';
export type DemandPulse = { version: number; others: { name: string; activity: PresenceActivity }[] };

export const PulseSchema = z.object({
  protocol: z.string({ error: 'Informe o protocolo.' }).trim().min(1, { error: 'Informe o protocolo.' }).max(40),
  replying: z.boolean({ error: 'Informe se você está escrevendo.' }).default(false),
});

export async function pulseDemand(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult<DemandPulse>> {
  const refusal = staffRefusal(actor);
  if (refusal || !actor) return refusal ?? NOT_FOUND;
  const parsed = PulseSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const protocol = parseProtocol(parsed.data.protocol);
  if (!protocol.ok) return NOT_FOUND;
  const now = options.now ?? new Date();
  const db = options.db ?? (await getDb());

  const [found] = await db.select({ id: demands.id }).from(demands).where(eq(demands.protocol, protocol.protocol));
  const demand = found ? await readDemand(db, found.id) : null;
  if (!demand || !canViewDemand(actor, demand.facts)) return NOT_FOUND;

  const activity: PresenceActivity = parsed.data.replying ? 'replying' : 'viewing';
  await db
    .insert(demandPresence)
    .values({ demandId: demand.id, userId: actor.userId, activity, seenAt: now })
    .onConflictDoUpdate({ target: [demandPresence.demandId, demandPresence.userId], set: { activity, seenAt: now } });
  await db.delete(demandPresence).where(lt(demandPresence.seenAt, new Date(now.getTime() - FORGET_SECONDS * 1000)));

  const others = await db
    .select({ name: users.name, activity: demandPresence.activity })
    .from(demandPresence)
    .innerJoin(users, eq(users.id, demandPresence.userId))
    .where(
      and(
        eq(demandPresence.demandId, demand.id),
        ne(demandPresence.userId, actor.userId),
        ne(users.role, 'citizen'),
        gt(demandPresence.seenAt, new Date(now.getTime() - PRESENCE_SECONDS * 1000)),
      ),
    )
    .orderBy(asc(users.name));
  return {
    ok: true,
    version: await demandVersion(db, demand.id),
    others: others.map((other) => ({ name: other.name.trim() || 'Outra pessoa da equipe', activity: other.activity })),
  };
}
