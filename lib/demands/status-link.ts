import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { categories, demands, satisfactionRatings, type Demand } from '@/lib/db/schema';
import { citizenOptions, type CitizenOptions } from '@/lib/domain/citizen-options';
import type { DemandKind, DemandState, Service } from '@/lib/domain/vocabulary';
import { tokenIsForRecipient, verifyStatusToken } from '@/lib/delivery/status-token';
import { RevokeStatusLinksSchema } from '@/lib/domain/workspace-schemas';
import { citizenAppealStatus, type CitizenAppealStatus } from './information-requests';
import { publicTimeline, type PublicTimelineEntry } from './public-timeline';
import { invalid, recordEvent, runStaffStep, updateDemand, type StaffActor, type UseCaseOptions, type UseCaseResult } from './workflow';

/**
 * The e-mailed status link: a token that opens one demand for the person it was sent to. The token is
 * checked (signature, expiry), and so is the demand: it must exist, still have that recipient as its
 * requester's e-mail or phone, and not have had its links revoked since the token was made.
 */

export type StatusLinkAccess = { ok: true; demand: Demand } | { ok: false; reason: 'invalid' | 'expired' | 'revoked' };

export async function openStatusLink(token: string, now = new Date()): Promise<StatusLinkAccess> {
  const check = verifyStatusToken(token, now);
  if (!check.ok) return check;
  const db = await getDb();
  const [demand] = await db.select().from(demands).where(eq(demands.id, check.demandId));
  if (!demand || !tokenIsForRecipient(check, [demand.requesterEmail, demand.requesterPhone])) return { ok: false, reason: 'invalid' };
  if (check.generation !== demand.statusLinkGeneration) return { ok: false, reason: 'revoked' };
  return { ok: true, demand };
}

/**
 * Makes every status link e-mailed so far stop working (and the file cookies made from them): the
 * demand's link generation goes up, and only e-mails written from now on carry the new one. The ombudsman
 * does it when a link reached someone else; the citizen keeps the protocol and access code, and the next
 * e-mail brings a working link. An internal event records who did it and why, in the same transaction.
 */
export async function revokeStatusLinks(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult> {
  const parsed = RevokeStatusLinksSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return runStaffStep(actor, parsed.data.demandId, 'revoke_status_links', options, async ({ tx, demand, now, actorLabel }) => {
    await updateDemand(tx, demand.id, { statusLinkGeneration: demand.statusLinkGeneration + 1 }, now);
    await recordEvent(tx, {
      demandId: demand.id,
      type: 'status_links_revoked',
      stateBefore: demand.state,
      stateAfter: demand.state,
      actorUserId: actor?.userId ?? null,
      actorLabel,
      visibility: 'internal',
      body: parsed.data.reason,
      data: { generation: demand.statusLinkGeneration + 1 },
      now,
    });
    return { ok: true };
  });
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
  /** An access-to-information request's appeals: what may be filed now (with its last day) and what awaits a decision. */
  appeals: CitizenAppealStatus;
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
    appeals: await citizenAppealStatus(demand, now, { db }),
  };
}
