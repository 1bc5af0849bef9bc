import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { categories, demands, satisfactionRatings, type Demand } from '@/lib/db/schema';
import { citizenOptions, type CitizenOptions } from '@/lib/domain/citizen-options';
import type { DemandKind, DemandState, Service } from '@/lib/domain/vocabulary';
import { tokenIsForRecipient, verifyStatusToken } from '@/lib/delivery/status-token';
import { publicTimeline, type PublicTimelineEntry } from './public-timeline';

/**
 * The e-mailed status link: a token that opens one demand for the person it was sent to. The token is
 * checked (signature, expiry), and so is the demand: it must exist and still have that recipient as its
 * requester's e-mail or phone.
 */

export type StatusLinkAccess = { ok: true; demand: Demand } | { ok: false; reason: 'invalid' | 'expired' };

export async function openStatusLink(token: string, now = new Date()): Promise<StatusLinkAccess> {
  const check = verifyStatusToken(token, now);
  if (!check.ok) return check;
  const db = await getDb();
  const [demand] = await db.select().from(demands).where(eq(demands.id, check.demandId));
  if (!demand || !tokenIsForRecipient(check, [demand.requesterEmail, demand.requesterPhone])) return { ok: false, reason: 'invalid' };
  return { ok: true, demand };
}

export type { PublicAttachment } from './public-timeline';
export type PublicEvent = PublicTimelineEntry;

export type PublicStatus = {
  protocol: string;
  service: Service;
  kind: DemandKind;
  subject: string;
  categoryName: string | null;
  state: DemandState;
  dueOn: string;
  createdAt: Date;
  events: PublicEvent[];
  rating: { rating: number; resolved: boolean } | null;
  options: CitizenOptions;
};

/** What the requester sees: the public events and their files; internal notes stay out. */
export async function loadPublicStatus(demand: Demand, now = new Date()): Promise<PublicStatus> {
  const db = await getDb();
  const events = await publicTimeline(db, demand.id);
  const [rating] = await db
    .select({ rating: satisfactionRatings.rating, resolved: satisfactionRatings.resolved })
    .from(satisfactionRatings)
    .where(eq(satisfactionRatings.demandId, demand.id));
  const [category] = demand.categoryId ? await db.select({ name: categories.name }).from(categories).where(eq(categories.id, demand.categoryId)) : [];
  return {
    protocol: demand.protocol,
    service: demand.service,
    kind: demand.kind,
    subject: demand.subject,
    categoryName: category?.name ?? null,
    state: demand.state,
    dueOn: demand.dueOn,
    createdAt: demand.createdAt,
    events,
    rating: rating ?? null,
    options: citizenOptions({ ...demand, rated: Boolean(rating) }, now),
  };
}
