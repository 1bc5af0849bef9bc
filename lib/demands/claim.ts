import 'server-only';
import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Executor } from '@/lib/db/client';
import { demandEvents, demands, users } from '@/lib/db/schema';
import type { Actor } from '@/lib/auth/guards';

/**
 * Demands filed while signed out can be linked to an account: only with the same e-mail (any letter
 * case), only once that e-mail is verified, never anonymous ones (they hold no e-mail) and never one that
 * already belongs to an account.
 */
function claimableBy(email: string) {
  return and(
    sql`lower(${demands.requesterEmail}) = ${email.toLowerCase()}`,
    ne(demands.identity, 'anonymous'),
    isNull(demands.requesterUserId),
  );
}

/** Claiming is for citizen accounts, whose e-mail they proved by following a link sent to it. */
async function verifiedEmailOf(db: Executor, userId: string): Promise<string | null> {
  const [user] = await db
    .select({ email: users.email, emailVerified: users.emailVerified, active: users.active, role: users.role })
    .from(users)
    .where(eq(users.id, userId));
  return user?.active && user.role === 'citizen' && user.emailVerified ? user.email : null;
}

export type ClaimableDemands =
  | { emailVerified: false }
  | { emailVerified: true; demands: { id: string; protocol: string; subject: string; state: (typeof demands.$inferSelect)['state']; createdAt: Date }[] };

/** What "encontramos N manifestações com seu e-mail" lists. */
export async function listClaimableDemands(actor: Pick<Actor, 'userId'>): Promise<ClaimableDemands> {
  const db = await getDb();
  const email = await verifiedEmailOf(db, actor.userId);
  if (!email) return { emailVerified: false };
  const rows = await db
    .select({ id: demands.id, protocol: demands.protocol, subject: demands.subject, state: demands.state, createdAt: demands.createdAt })
    .from(demands)
    .where(claimableBy(email))
    .orderBy(desc(demands.createdAt))
    .limit(100);
  return { emailVerified: true, demands: rows };
}

const ClaimSchema = z.array(z.uuid()).min(1).max(100);

export type ClaimResult = { ok: true; claimed: number } | { ok: false; error: string };

/**
 * Links the chosen demands to the account, each with an internal "vinculada à conta" event in the same
 * transaction. Ids that are not (or no longer) claimable by this user are skipped: the update's own
 * conditions decide, so two accounts can never both take one demand.
 */
export async function claimDemands(actor: Pick<Actor, 'userId'>, demandIds: unknown, now = new Date()): Promise<ClaimResult> {
  const parsed = ClaimSchema.safeParse(demandIds);
  if (!parsed.success) return { ok: false, error: 'Escolha ao menos uma manifestação para vincular.' };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const email = await verifiedEmailOf(tx, actor.userId);
    if (!email) return { ok: false, error: 'Confirme seu e-mail antes de vincular manifestações à sua conta.' };
    const claimed = await tx
      .update(demands)
      .set({ requesterUserId: actor.userId, updatedAt: now })
      .where(and(inArray(demands.id, parsed.data), claimableBy(email)))
      .returning({ id: demands.id, state: demands.state });
    if (claimed.length) {
      await tx.insert(demandEvents).values(
        claimed.map((demand) => ({
          demandId: demand.id,
          type: 'claimed' as const,
          stateBefore: demand.state,
          stateAfter: demand.state,
          actorUserId: actor.userId,
          actorLabel: 'Cidadão',
          visibility: 'internal' as const,
          body: 'Manifestação vinculada à conta do cidadão, que confirmou o e-mail informado no registro.',
          createdAt: now,
        })),
      );
    }
    return { ok: true, claimed: claimed.length };
  });
}
