import 'server-only';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@/lib/db/client';
import { categories, demandEvents, demands, neighbourhoods, type Demand } from '@/lib/db/schema';
import { EVENT_LABELS } from '@/lib/domain/labels';
import { isIdentityProtected } from '@/lib/domain/permissions';
import type { CategoryField } from '@/lib/domain/category-fields';
import type { DemandState, Service } from '@/lib/domain/vocabulary';

/**
 * What the chat channels (WhatsApp, Messenger, Instagram) read about demands, in one place: a channel
 * never queries `demands` or `demand_events` itself. Each function takes the executor the conversation
 * works in (its transaction, usually). Proving that a demand is the contact's is the channel's job; these
 * only read.
 */

export type ChatDemandRef = Pick<Demand, 'id' | 'protocol' | 'identity' | 'kind' | 'requesterPhone' | 'state'>;

/** What an access-to-information request's appeal over a chat needs to know of the demand. */
export type ChatAppealFacts = Pick<Demand, 'id' | 'protocol' | 'kind' | 'state' | 'dueOn' | 'answeredAt' | 'informationOutcome'>;

export async function findAppealFactsForChat(db: Executor, demandId: string): Promise<ChatAppealFacts | undefined> {
  const [demand] = await db
    .select({
      id: demands.id,
      protocol: demands.protocol,
      kind: demands.kind,
      state: demands.state,
      dueOn: demands.dueOn,
      answeredAt: demands.answeredAt,
      informationOutcome: demands.informationOutcome,
    })
    .from(demands)
    .where(eq(demands.id, demandId));
  return demand;
}

export async function findDemandForChat(db: Executor, by: { protocol: string } | { id: string }): Promise<ChatDemandRef | undefined> {
  const [demand] = await db
    .select({ id: demands.id, protocol: demands.protocol, identity: demands.identity, kind: demands.kind, requesterPhone: demands.requesterPhone, state: demands.state })
    .from(demands)
    .where('protocol' in by ? eq(demands.protocol, by.protocol) : eq(demands.id, by.id));
  return demand;
}

/**
 * A demand the mobile number proves without a code: one that is neither anonymous nor identity-protected
 * (a denúncia or confidential one opens only with its access code or status link) and was filed with
 * exactly this number.
 */
export function isOwnedByPhone(demand: ChatDemandRef, phone: string | null): boolean {
  return Boolean(phone && demand.identity !== 'anonymous' && !isIdentityProtected(demand) && demand.requesterPhone === phone);
}

export type ChatDemandStatus = {
  demandId: string;
  protocol: string;
  service: Service;
  subject: string;
  state: DemandState;
  dueOn: string;
  lastMovement: { label: string; at: Date; body?: string } | null;
};

/** The demand's status as a citizen may read it: only public movements count. */
export async function chatDemandStatus(db: Executor, demandId: string): Promise<ChatDemandStatus | null> {
  const [demand] = await db.select().from(demands).where(eq(demands.id, demandId));
  if (!demand) return null;
  const [last] = await db
    .select()
    .from(demandEvents)
    .where(and(eq(demandEvents.demandId, demand.id), eq(demandEvents.visibility, 'public')))
    .orderBy(desc(demandEvents.createdAt), desc(demandEvents.id))
    .limit(1);
  return {
    demandId: demand.id,
    protocol: demand.protocol,
    service: demand.service,
    subject: demand.subject,
    state: demand.state,
    dueOn: demand.dueOn,
    lastMovement: last ? { label: EVENT_LABELS[last.type], at: last.createdAt, ...(last.body ? { body: last.body } : {}) } : null,
  };
}

/** A contact's demands ("meus protocolos"), newest first: the ids come from the channel's own links. */
export async function chatDemandSummaries(
  db: Executor,
  demandIds: string[],
  limit = 10,
): Promise<{ id: string; protocol: string; subject: string; state: DemandState }[]> {
  if (!demandIds.length) return [];
  return db
    .select({ id: demands.id, protocol: demands.protocol, subject: demands.subject, state: demands.state })
    .from(demands)
    .where(inArray(demands.id, demandIds))
    .orderBy(desc(demands.createdAt))
    .limit(limit);
}

/** The Balcão services (with their questions) and the neighbourhoods, as a conversation offers them. */
export async function chatCatalogue(db: Executor): Promise<{
  balcaoServices: { id: string; name: string; fields: CategoryField[] }[];
  neighbourhoods: { id: string; name: string }[];
}> {
  const [services, bairros] = await Promise.all([
    db
      .select({ id: categories.id, name: categories.name, fields: categories.fields })
      .from(categories)
      .where(and(eq(categories.service, 'balcao'), eq(categories.active, true)))
      .orderBy(asc(categories.name)),
    db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods),
  ]);
  return {
    balcaoServices: services.sort((a, b) => a.name.localeCompare(b.name, 'pt-BR')),
    neighbourhoods: bairros.sort((a, b) => a.name.localeCompare(b.name, 'pt-BR')),
  };
}
