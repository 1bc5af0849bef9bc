import 'server-only';
import { and, asc, desc, eq, gt, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb } from '../client';
import {
  attachments,
  categories,
  demandEvents,
  demands,
  demandSupportingDepartments,
  departmentMembers,
  departments,
  identityAccessLog,
  neighbourhoods,
  outbox,
  satisfactionRatings,
  users,
} from '../schema';
import { CITIZEN_TEMPLATES } from '@/lib/domain/notifications';
import {
  canAssign,
  canViewDemand,
  IDENTITY_REVEAL_MINUTES,
  identityVisibility,
  isRestrictedToInternalControl,
  type DemandAccessFacts,
  type IdentityVisibility,
  type PermissionActor,
} from '@/lib/domain/permissions';
import { parseProtocol } from '@/lib/domain/protocol';
import type { DemandEventType, DemandState, EventVisibility, Role } from '@/lib/domain/vocabulary';
import { visibleDemandsFor } from './visibility';

/** What staff see of the requester; the identity columns are only read when the actor may see them. */
export type RequesterView =
  | { kind: 'anonymous' }
  | { kind: 'pseudonym'; pseudonym: string }
  /** The ombudsman on a protected demand, before choosing to reveal it. */
  | { kind: 'hidden'; pseudonym: string }
  | {
      kind: 'identity';
      pseudonym: string;
      name: string | null;
      email: string | null;
      phone: string | null;
      cpf: string | null;
      hasAccount: boolean;
      /** For the ombudsman on a protected demand: when their logged reveal was made. */
      revealedAt?: Date;
    };

export type TimelineEvent = {
  id: number;
  type: DemandEventType;
  stateBefore: DemandState | null;
  stateAfter: DemandState;
  actorLabel: string;
  /** The staff member's name; never a citizen's (a requester's name would reveal a protected identity). */
  staffName: string | null;
  visibility: EventVisibility;
  body: string;
  createdAt: Date;
  /** How the citizen was told of this movement (no address: only the channel and what became of it). */
  deliveries: CitizenDelivery[];
};

export type CitizenDelivery = { channel: 'email' | 'whatsapp' | 'messenger' | 'instagram' | 'push'; status: 'pending' | 'sent' | 'failed' | 'bounced' };

export type StaffDemandView = {
  id: string;
  protocol: string;
  service: (typeof demands.$inferSelect)['service'];
  kind: (typeof demands.$inferSelect)['kind'];
  state: DemandState;
  channel: (typeof demands.$inferSelect)['channel'];
  identity: (typeof demands.$inferSelect)['identity'];
  subject: string;
  description: string;
  details: Record<string, string>;
  addressLine: string | null;
  neighbourhoodName: string | null;
  latitude: number | null;
  longitude: number | null;
  category: { id: string; name: string; fields: (typeof categories.$inferSelect)['fields'] } | null;
  department: { id: string; name: string } | null;
  supportingDepartments: { id: string; name: string }[];
  departmentDueOn: string | null;
  assignee: { id: string; name: string } | null;
  enteredByName: string | null;
  dueOn: string;
  extensionUsed: boolean;
  suspendedAt: Date | null;
  answeredAt: Date | null;
  closedAt: Date | null;
  reopenCount: number;
  createdAt: Date;
  requester: RequesterView;
  identityVisibility: IdentityVisibility;
  /** The Balcão request this complaint escalates, and the complaints that escalate this request. */
  escalatedFrom: { protocol: string } | null;
  escalatedTo: { protocol: string }[];
  /** The main demand of the same problem, when this one is a duplicate; the duplicates linked to this one. */
  duplicateOf: { protocol: string } | null;
  duplicates: { protocol: string; state: DemandState }[];
  /** Staff let the description show on the public map and in Open311. */
  descriptionPublishable: boolean;
  events: TimelineEvent[];
  /** The id of its latest event (`demandVersion`): what the action forms send back, to refuse stale actions. */
  version: number;
  attachments: { id: string; fileName: string; contentType: string; sizeBytes: number; createdAt: Date; visibility: EventVisibility }[];
  rating: { rating: number; resolved: boolean; comment: string | null } | null;
  facts: DemandAccessFacts;
};

/**
 * The demand page: everything about one demand the actor may see, or null when they may not (the same
 * answer as for a protocol that does not exist). Reading writes nothing: a protected identity shows for
 * the ombudsman only after a logged reveal (`revealIdentity`, a POST with its reason), for a short while.
 */
export async function getDemandForStaff({
  actor,
  protocol,
  now = new Date(),
}: {
  actor: PermissionActor | null;
  protocol: string;
  now?: Date;
}): Promise<StaffDemandView | null> {
  if (!actor) return null;
  const parsed = parseProtocol(protocol);
  if (!parsed.ok) return null;
  const db = await getDb();
  const leadDepartment = alias(departments, 'lead_department');
  const categoryOwner = alias(departments, 'category_owner');
  const assignee = alias(users, 'assignee');
  const enteredBy = alias(users, 'entered_by');
  const linked = alias(demands, 'linked');
  const mainDemand = alias(demands, 'main_demand');

  const [row] = await db
    .select({
      demand: {
        id: demands.id,
        protocol: demands.protocol,
        service: demands.service,
        kind: demands.kind,
        state: demands.state,
        channel: demands.channel,
        identity: demands.identity,
        subject: demands.subject,
        description: demands.description,
        details: demands.details,
        addressLine: demands.addressLine,
        latitude: demands.latitude,
        longitude: demands.longitude,
        categoryId: demands.categoryId,
        departmentId: demands.departmentId,
        departmentDueOn: demands.departmentDueOn,
        dueOn: demands.dueOn,
        extensionUsed: demands.extensionUsed,
        suspendedAt: demands.suspendedAt,
        answeredAt: demands.answeredAt,
        closedAt: demands.closedAt,
        reopenCount: demands.reopenCount,
        createdAt: demands.createdAt,
        requesterPseudonym: demands.requesterPseudonym,
        descriptionPublishable: demands.descriptionPublishable,
      },
      categoryName: categories.name,
      categoryFields: categories.fields,
      categoryOwnedByInternalControl: categoryOwner.isInternalControl,
      departmentName: leadDepartment.name,
      departmentIsInternalControl: leadDepartment.isInternalControl,
      neighbourhoodName: neighbourhoods.name,
      assigneeId: assignee.id,
      assigneeName: assignee.name,
      enteredByName: enteredBy.name,
      escalatedFromProtocol: linked.protocol,
      duplicateOfProtocol: mainDemand.protocol,
    })
    .from(demands)
    .leftJoin(categories, eq(categories.id, demands.categoryId))
    .leftJoin(categoryOwner, eq(categoryOwner.id, categories.departmentId))
    .leftJoin(leadDepartment, eq(leadDepartment.id, demands.departmentId))
    .leftJoin(neighbourhoods, eq(neighbourhoods.id, demands.neighbourhoodId))
    .leftJoin(assignee, eq(assignee.id, demands.assignedUserId))
    .leftJoin(enteredBy, eq(enteredBy.id, demands.enteredByUserId))
    .leftJoin(linked, eq(linked.id, demands.linkedDemandId))
    .leftJoin(mainDemand, eq(mainDemand.id, demands.duplicateOfId))
    .where(and(eq(demands.protocol, parsed.protocol), await visibleDemandsFor(actor, db)));
  if (!row) return null;
  const { demand } = row;

  const supporting = await db
    .select({ id: departments.id, name: departments.name, isInternalControl: departments.isInternalControl })
    .from(demandSupportingDepartments)
    .innerJoin(departments, eq(departments.id, demandSupportingDepartments.departmentId))
    .where(eq(demandSupportingDepartments.demandId, demand.id))
    .orderBy(asc(departments.name));

  const facts: DemandAccessFacts = {
    service: demand.service,
    kind: demand.kind,
    identity: demand.identity,
    departmentId: demand.departmentId,
    supportingDepartmentIds: supporting.map((d) => d.id),
    restrictedToInternalControl: isRestrictedToInternalControl({
      kind: demand.kind,
      categoryOwnedByInternalControl: row.categoryOwnedByInternalControl ?? false,
      heldByInternalControl: Boolean(row.departmentIsInternalControl) || supporting.some((d) => d.isInternalControl),
    }),
  };
  // The SQL rule already filtered; this is the same rule in code, so the two cannot silently disagree.
  if (!canViewDemand(actor, facts)) throw new Error(`Visibility rules disagree for demand ${demand.id}`);

  const visibility = identityVisibility(actor, demand);
  const requester = await requesterView(actor, demand, visibility, now);

  const staffActor = alias(users, 'staff_actor');
  const [events, files, ratings, escalations, duplicates, notices] = await Promise.all([
    db
      .select({
        id: demandEvents.id,
        type: demandEvents.type,
        stateBefore: demandEvents.stateBefore,
        stateAfter: demandEvents.stateAfter,
        actorLabel: demandEvents.actorLabel,
        actorRole: staffActor.role,
        actorName: staffActor.name,
        visibility: demandEvents.visibility,
        body: demandEvents.body,
        createdAt: demandEvents.createdAt,
      })
      .from(demandEvents)
      .leftJoin(staffActor, eq(staffActor.id, demandEvents.actorUserId))
      .where(eq(demandEvents.demandId, demand.id))
      .orderBy(asc(demandEvents.createdAt), asc(demandEvents.id)),
    db
      .select({
        id: attachments.id,
        fileName: attachments.fileName,
        contentType: attachments.contentType,
        sizeBytes: attachments.sizeBytes,
        createdAt: attachments.createdAt,
        visibility: demandEvents.visibility,
      })
      .from(attachments)
      // Files of a reply the citizen never sent hang on no event; they are discarded, not shown.
      .innerJoin(demandEvents, eq(demandEvents.id, attachments.eventId))
      .where(eq(attachments.demandId, demand.id))
      .orderBy(asc(attachments.createdAt)),
    db
      .select({ rating: satisfactionRatings.rating, resolved: satisfactionRatings.resolved, comment: satisfactionRatings.comment })
      .from(satisfactionRatings)
      .where(eq(satisfactionRatings.demandId, demand.id)),
    db.select({ protocol: demands.protocol }).from(demands).where(eq(demands.linkedDemandId, demand.id)).orderBy(asc(demands.protocol)),
    db.select({ protocol: demands.protocol, state: demands.state }).from(demands).where(eq(demands.duplicateOfId, demand.id)).orderBy(asc(demands.protocol)),
    db
      .select({ channel: outbox.channel, idempotencyKey: outbox.idempotencyKey, status: outbox.status, bouncedAt: outbox.bouncedAt })
      .from(outbox)
      .where(and(eq(outbox.demandId, demand.id), inArray(outbox.template, [...CITIZEN_TEMPLATES])))
      .orderBy(asc(outbox.createdAt)),
  ]);
  const deliveries = deliveriesByEvent(notices, { demandId: demand.id, receivedEventId: events.find((event) => event.type === 'received')?.id });

  return {
    id: demand.id,
    protocol: demand.protocol,
    service: demand.service,
    kind: demand.kind,
    state: demand.state,
    channel: demand.channel,
    identity: demand.identity,
    subject: demand.subject,
    description: demand.description,
    details: demand.details,
    addressLine: demand.addressLine,
    neighbourhoodName: row.neighbourhoodName,
    latitude: demand.latitude,
    longitude: demand.longitude,
    category: demand.categoryId && row.categoryName ? { id: demand.categoryId, name: row.categoryName, fields: row.categoryFields ?? [] } : null,
    department: demand.departmentId && row.departmentName ? { id: demand.departmentId, name: row.departmentName } : null,
    supportingDepartments: supporting.map(({ id, name }) => ({ id, name })),
    departmentDueOn: demand.departmentDueOn,
    assignee: row.assigneeId && row.assigneeName !== null ? { id: row.assigneeId, name: row.assigneeName } : null,
    enteredByName: row.enteredByName,
    dueOn: demand.dueOn,
    extensionUsed: demand.extensionUsed,
    suspendedAt: demand.suspendedAt,
    answeredAt: demand.answeredAt,
    closedAt: demand.closedAt,
    reopenCount: demand.reopenCount,
    createdAt: demand.createdAt,
    requester,
    identityVisibility: visibility,
    escalatedFrom: row.escalatedFromProtocol ? { protocol: row.escalatedFromProtocol } : null,
    escalatedTo: escalations,
    duplicateOf: row.duplicateOfProtocol ? { protocol: row.duplicateOfProtocol } : null,
    duplicates,
    descriptionPublishable: demand.descriptionPublishable,
    events: events.map(({ actorRole, actorName, ...event }) => ({
      ...event,
      staffName: actorRole && actorRole !== 'citizen' ? actorName : null,
      deliveries: deliveries.get(event.id) ?? [],
    })),
    version: events.reduce((latest, event) => Math.max(latest, event.id), 0),
    attachments: files,
    rating: ratings[0] ?? null,
    facts,
  };
}

/**
 * The citizen's notifications by the event that caused them: their idempotency key is
 * `<template>:<event id>:<channel>` (lib/demands/notifications.ts), the receipt's `<template>:<demand id>:…`.
 */
function deliveriesByEvent(
  rows: { channel: CitizenDelivery['channel']; idempotencyKey: string; status: 'pending' | 'sent' | 'failed'; bouncedAt: Date | null }[],
  input: { demandId: string; receivedEventId: number | undefined },
): Map<number, CitizenDelivery[]> {
  const byEvent = new Map<number, CitizenDelivery[]>();
  for (const row of rows) {
    const key = row.idempotencyKey.split(':')[1] ?? '';
    const eventId = key === input.demandId ? input.receivedEventId : /^\d+$/.test(key) ? Number(key) : undefined;
    if (eventId === undefined) continue;
    const list = byEvent.get(eventId) ?? [];
    list.push({ channel: row.channel, status: row.bouncedAt ? 'bounced' : row.status });
    byEvent.set(eventId, list);
  }
  return byEvent;
}

async function requesterView(actor: PermissionActor, demand: { id: string; requesterPseudonym: string }, visibility: IdentityVisibility, now: Date): Promise<RequesterView> {
  if (visibility === 'none') return { kind: 'anonymous' };
  if (visibility === 'pseudonym') return { kind: 'pseudonym', pseudonym: demand.requesterPseudonym };
  const db = await getDb();
  let revealedAt: Date | undefined;
  if (visibility === 'identity_on_request') {
    const since = new Date(now.getTime() - IDENTITY_REVEAL_MINUTES * 60_000);
    const [reveal] = await db
      .select({ accessedAt: identityAccessLog.accessedAt })
      .from(identityAccessLog)
      .where(and(eq(identityAccessLog.demandId, demand.id), eq(identityAccessLog.userId, actor.userId), gt(identityAccessLog.accessedAt, since)))
      .orderBy(desc(identityAccessLog.accessedAt))
      .limit(1);
    if (!reveal) return { kind: 'hidden', pseudonym: demand.requesterPseudonym };
    revealedAt = reveal.accessedAt;
  }
  const [identity] = await db
    .select({
      name: demands.requesterName,
      email: demands.requesterEmail,
      phone: demands.requesterPhone,
      cpf: demands.requesterCpf,
      requesterUserId: demands.requesterUserId,
    })
    .from(demands)
    .where(eq(demands.id, demand.id));
  return {
    kind: 'identity',
    pseudonym: demand.requesterPseudonym,
    name: identity?.name ?? null,
    email: identity?.email ?? null,
    phone: identity?.phone ?? null,
    cpf: identity?.cpf ?? null,
    hasAccount: Boolean(identity?.requesterUserId),
    ...(revealedAt ? { revealedAt } : {}),
  };
}

/** The people a demand can be given to, for the assignment form (the use case checks again). */
export async function listAssignableStaff({ actor, facts }: { actor: PermissionActor; facts: DemandAccessFacts }): Promise<{ id: string; name: string; role: Role }[]> {
  const db = await getDb();
  const heldIds = [facts.departmentId, ...facts.supportingDepartmentIds].filter((id): id is string => Boolean(id));
  const desk = facts.service === 'ouvidoria' ? 'ombudsman' : 'attendant';
  const candidates = await db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, [desk, 'department', 'internal_control'])))
    .orderBy(asc(users.name));
  const memberships = heldIds.length
    ? await db.select().from(departmentMembers).where(inArray(departmentMembers.departmentId, heldIds))
    : [];
  const departmentsOf = new Map<string, string[]>();
  for (const m of memberships) departmentsOf.set(m.userId, [...(departmentsOf.get(m.userId) ?? []), m.departmentId]);
  return candidates.filter((c) => canAssign(actor, { userId: c.id, role: c.role, departmentIds: departmentsOf.get(c.id) ?? [] }, facts));
}
