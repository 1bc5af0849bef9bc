import 'server-only';
import { citizenAppealStatus } from './information-requests';
import { and, count, desc, eq, inArray, isNotNull, ne, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb } from '@/lib/db/client';
import { categories, demands, departments, neighbourhoods, users } from '@/lib/db/schema';
import type { Actor } from '@/lib/auth/guards';
import { publicTimeline, type PublicTimelineEntry } from './public-timeline';

export const OWN_DEMANDS_PAGE_SIZE = 20;

const summaryColumns = {
  id: demands.id,
  protocol: demands.protocol,
  service: demands.service,
  kind: demands.kind,
  subject: demands.subject,
  categoryName: categories.name,
  state: demands.state,
  dueOn: demands.dueOn,
  suspendedAt: demands.suspendedAt,
  createdAt: demands.createdAt,
};

/**
 * The demands that are the user's: filed while signed in, or — once gov.br has vouched for the account's
 * CPF — filed with that CPF on any channel (at the counter, by phone, by letter…). A CPF the citizen only
 * typed into their account opens nothing.
 */
function ownedBy(db: Awaited<ReturnType<typeof getDb>>, actor: Pick<Actor, 'userId'>): SQL {
  const verifiedCpf = db
    .select({ cpf: users.govbrCpf })
    .from(users)
    .where(and(eq(users.id, actor.userId), isNotNull(users.govbrCpf)));
  return or(eq(demands.requesterUserId, actor.userId), and(ne(demands.identity, 'anonymous'), inArray(demands.requesterCpf, verifiedCpf))) as SQL;
}

/** "Minhas manifestações": the signed-in user's own demands, newest first. */
export async function listOwnDemands(actor: Pick<Actor, 'userId'>, options: { page?: number } = {}) {
  const db = await getDb();
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const owned = ownedBy(db, actor);
  const [rows, [total]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(demands)
      .leftJoin(categories, eq(categories.id, demands.categoryId))
      .where(owned)
      .orderBy(desc(demands.createdAt), desc(demands.protocol))
      .limit(OWN_DEMANDS_PAGE_SIZE)
      .offset((page - 1) * OWN_DEMANDS_PAGE_SIZE),
    db.select({ total: count() }).from(demands).where(owned),
  ]);
  return { demands: rows, total: total?.total ?? 0, page, pageCount: Math.max(1, Math.ceil((total?.total ?? 0) / OWN_DEMANDS_PAGE_SIZE)) };
}

export type OwnDemandSummary = Awaited<ReturnType<typeof listOwnDemands>>['demands'][number];

const holder = alias(departments, 'holder');

/**
 * One of the user's own demands with its public timeline, or null when the protocol is not theirs (the
 * page answers "not found" either way, so it never confirms that someone else's protocol exists).
 */
export async function findOwnDemand(actor: Pick<Actor, 'userId'>, protocol: string) {
  const db = await getDb();
  const [demand] = await db
    .select({
      ...summaryColumns,
      description: demands.description,
      identity: demands.identity,
      channel: demands.channel,
      details: demands.details,
      categoryFields: categories.fields,
      addressLine: demands.addressLine,
      neighbourhoodName: neighbourhoods.name,
      departmentName: holder.name,
      requesterName: demands.requesterName,
      requesterEmail: demands.requesterEmail,
      requesterPhone: demands.requesterPhone,
      answeredAt: demands.answeredAt,
      closedAt: demands.closedAt,
      informationOutcome: demands.informationOutcome,
    })
    .from(demands)
    .leftJoin(categories, eq(categories.id, demands.categoryId))
    .leftJoin(neighbourhoods, eq(neighbourhoods.id, demands.neighbourhoodId))
    .leftJoin(holder, eq(holder.id, demands.departmentId))
    .where(and(eq(demands.protocol, protocol), ownedBy(db, actor)));
  if (!demand) return null;
  const timeline: PublicTimelineEntry[] = await publicTimeline(db, demand.id);
  return { ...demand, timeline, appeals: await citizenAppealStatus(demand, new Date(), { db }) };
}

export type OwnDemand = NonNullable<Awaited<ReturnType<typeof findOwnDemand>>>;

/** A citizen account's name and contacts, to start the public forms with (the citizen may change them). */
export async function findRequesterContact(actor: Pick<Actor, 'userId'>) {
  const db = await getDb();
  const [user] = await db.select({ name: users.name, email: users.email, phone: users.phone }).from(users).where(eq(users.id, actor.userId));
  return user ?? null;
}
