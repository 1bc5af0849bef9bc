import 'server-only';
import { and, count, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Executor } from '../client';
import { categories, demands, departments, neighbourhoods, users } from '../schema';
import { addDays, dateInSaoPaulo, DEADLINE_DAYS, TIME_ZONE } from '@/lib/domain/deadlines';
import type { PermissionActor } from '@/lib/domain/permissions';
import { parseProtocol } from '@/lib/domain/protocol';
import { PAGE_SIZE, queuesFor, type DemandFilters, type Queue, type Sort } from '@/lib/domain/queues';
import type { DemandPriority, DemandState } from '@/lib/domain/vocabulary';
import { riskOrderedIds } from './demand-risk';
import { matchesText, narrowToText, queueOrder, searchPlanFor, type SearchPlan } from './demand-search';
import { heldBy, visibleDemandsFor } from './visibility';

/** States in which someone still has to act. */
const ACTIVE_STATES: DemandState[] = ['received', 'forwarded', 'in_progress', 'awaiting_citizen'];
/** Active and with the deadline running (it is suspended while awaiting the citizen). */
export const RUNNING_STATES: DemandState[] = ['received', 'forwarded', 'in_progress'];

export async function queueCondition(queue: Queue, actor: PermissionActor, today: string, db: Executor): Promise<SQL> {
  switch (queue) {
    case 'triage': {
      // Each desk triages its own service; a reopened demand comes back here too.
      const service = actor.role === 'attendant' ? 'balcao' : actor.role === 'ombudsman' ? 'ouvidoria' : null;
      return service ? (and(eq(demands.service, service), eq(demands.state, 'received')) as SQL) : sql`false`;
    }
    case 'department':
      return and(await heldBy(actor.departmentIds, db), inArray(demands.state, ACTIVE_STATES)) as SQL;
    case 'mine':
      return and(eq(demands.assignedUserId, actor.userId), inArray(demands.state, ACTIVE_STATES)) as SQL;
    case 'awaiting':
      return eq(demands.state, 'awaiting_citizen');
    case 'due_soon':
      return and(inArray(demands.state, RUNNING_STATES), gte(demands.dueOn, today), lte(demands.dueOn, addDays(today, DEADLINE_DAYS.dueSoon))) as SQL;
    case 'overdue':
      return and(inArray(demands.state, RUNNING_STATES), lt(demands.dueOn, today)) as SQL;
    case 'all':
      return sql`true`;
  }
}

/** Every filter but the free text, which listDemands matches its own way (demand-search.ts). */
export async function filterConditions(filters: DemandFilters, db: Executor): Promise<SQL[]> {
  const conditions: SQL[] = [];
  if (filters.protocol) {
    const parsed = parseProtocol(filters.protocol);
    // A protocol with a wrong check digit matches nothing rather than a neighbour's demand.
    conditions.push(parsed.ok ? eq(demands.protocol, parsed.protocol) : sql`false`);
  }
  if (filters.service) conditions.push(eq(demands.service, filters.service));
  if (filters.kind) conditions.push(eq(demands.kind, filters.kind));
  if (filters.categoryId) conditions.push(eq(demands.categoryId, filters.categoryId));
  if (filters.states?.length) conditions.push(inArray(demands.state, [...filters.states]));
  if (filters.departmentId) conditions.push(await heldBy([filters.departmentId], db));
  if (filters.channel) conditions.push(eq(demands.channel, filters.channel));
  if (filters.neighbourhoodId) conditions.push(eq(demands.neighbourhoodId, filters.neighbourhoodId));
  // Probes demand_tags_tag_idx (tag_id, demand_id) per candidate row; the priority has its own partial index.
  if (filters.tagId) conditions.push(sql`exists (select 1 from demand_tags where demand_tags.tag_id = ${filters.tagId} and demand_tags.demand_id = ${demands.id})`);
  if (filters.priority) conditions.push(eq(demands.priority, filters.priority));
  // Dates are days in São Paulo: "from the 3rd" starts at 00:00 there.
  if (filters.createdFrom) conditions.push(sql`${demands.createdAt} >= (${filters.createdFrom}::date)::timestamp at time zone ${TIME_ZONE}`);
  if (filters.createdTo) conditions.push(sql`${demands.createdAt} < ((${filters.createdTo}::date + 1)::timestamp at time zone ${TIME_ZONE})`);
  return conditions;
}

export type QueueRow = {
  id: string;
  protocol: string;
  service: (typeof demands.$inferSelect)['service'];
  kind: (typeof demands.$inferSelect)['kind'];
  state: DemandState;
  channel: (typeof demands.$inferSelect)['channel'];
  subject: string;
  categoryName: string | null;
  departmentName: string | null;
  neighbourhoodName: string | null;
  assigneeName: string | null;
  dueOn: string;
  createdAt: Date;
  /** Demands linked to this one as duplicates (the same problem), and whether this one is itself a duplicate. */
  duplicateCount: number;
  isDuplicate: boolean;
  priority: DemandPriority;
  /** The etiquetas' names, for the row's chips. */
  tagNames: string[];
};

export type QueuePage = { rows: QueueRow[]; page: number; hasNextPage: boolean };

/**
 * One page of a queue, filtered, visible to the actor, sorted by deadline ("all": newest) unless asked otherwise.
 * No total is counted: on a million demands a count of an arbitrary filter costs more than the page.
 */
export async function listDemands({
  actor,
  queue,
  filters = {},
  sort,
  page = 1,
  now = new Date(),
  searchPlan = searchPlanFor(page),
}: {
  actor: PermissionActor | null;
  queue: Queue;
  filters?: DemandFilters;
  sort?: Sort;
  page?: number;
  now?: Date;
  /** How a free-text search finds the page; tests change it to reach each way. */
  searchPlan?: SearchPlan;
}): Promise<QueuePage> {
  if (!actor || !queuesFor(actor.role).includes(queue)) return { rows: [], page, hasNextPage: false };
  const db = await getDb();
  const assignee = alias(users, 'assignee');
  const leadDepartment = alias(departments, 'lead_department');
  // Queues are worked in deadline order; "all" is history, read newest first unless asked otherwise.
  const effectiveSort = sort ?? (queue === 'all' ? 'newest' : 'deadline');
  const today = dateInSaoPaulo(now);
  const where = and(await visibleDemandsFor(actor, db), await queueCondition(queue, actor, today, db), ...(await filterConditions(filters, db)));
  let riskIds: string[] | null = null;
  let read: { where: SQL | undefined; order: SQL[]; offset: number };
  if (effectiveSort === 'risk') {
    // The risk order is read as ids band by band (demand-risk.ts); the page's rows are then put in it.
    const ordered = await riskOrderedIds({ db, where: filters.text ? and(where, matchesText(filters.text)) : where, today, wanted: page * PAGE_SIZE + 1 });
    riskIds = ordered.slice((page - 1) * PAGE_SIZE);
    read = { where: inArray(demands.id, riskIds), order: [], offset: 0 };
  } else {
    read = filters.text
      ? await narrowToText({ db, where, text: filters.text, sort: effectiveSort, page, plan: searchPlan })
      : { where, order: queueOrder(effectiveSort, demands), offset: (page - 1) * PAGE_SIZE };
  }
  const rows = await db
    .select({
      id: demands.id,
      protocol: demands.protocol,
      service: demands.service,
      kind: demands.kind,
      state: demands.state,
      channel: demands.channel,
      subject: demands.subject,
      categoryName: categories.name,
      departmentName: leadDepartment.name,
      neighbourhoodName: neighbourhoods.name,
      assigneeName: assignee.name,
      dueOn: demands.dueOn,
      createdAt: demands.createdAt,
      // One index probe per row of the page (demands_duplicate_of_idx).
      duplicateCount: sql<number>`(select count(*)::int from demands as linked_duplicate where linked_duplicate.duplicate_of_id = ${demands.id})`,
      isDuplicate: sql<boolean>`${demands.duplicateOfId} is not null`,
      priority: demands.priority,
      // One probe of the demand_tags key per row of the page.
      tagNames: sql<string[]>`array(select tags.name from demand_tags join tags on tags.id = demand_tags.tag_id where demand_tags.demand_id = ${demands.id} order by tags.name)`,
    })
    .from(demands)
    .leftJoin(categories, eq(categories.id, demands.categoryId))
    .leftJoin(leadDepartment, eq(leadDepartment.id, demands.departmentId))
    .leftJoin(neighbourhoods, eq(neighbourhoods.id, demands.neighbourhoodId))
    .leftJoin(assignee, eq(assignee.id, demands.assignedUserId))
    .where(read.where)
    .orderBy(...read.order)
    .limit(PAGE_SIZE + 1)
    .offset(read.offset);
  if (riskIds) {
    const position = new Map(riskIds.map((id, index) => [id, index]));
    rows.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
  }
  return { rows: rows.slice(0, PAGE_SIZE), page, hasNextPage: rows.length > PAGE_SIZE };
}

/** How many demands wait in each of the actor's queues ("Todas" is not counted). */
export async function countQueues({ actor, now = new Date() }: { actor: PermissionActor | null; now?: Date }): Promise<Partial<Record<Queue, number>>> {
  if (!actor) return {};
  const db = await getDb();
  const today = dateInSaoPaulo(now);
  const counted = queuesFor(actor.role).filter((queue) => queue !== 'all');
  const visible = await visibleDemandsFor(actor, db);
  const totals = await Promise.all(
    counted.map(async (queue) => {
      const [row] = await db
        .select({ total: count() })
        .from(demands)
        .where(and(visible, await queueCondition(queue, actor, today, db)));
      return [queue, row?.total ?? 0] as const;
    }),
  );
  return Object.fromEntries(totals);
}
