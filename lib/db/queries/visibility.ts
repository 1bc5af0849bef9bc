import 'server-only';
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { isRestrictedToInternalControl, type DemandAccessFacts, type PermissionActor } from '@/lib/domain/permissions';
import type { Executor } from '../client';
import { categories, demands, demandSupportingDepartments, departments } from '../schema';

/**
 * `canViewDemand` (lib/domain/permissions.ts) written as a condition on `demands`, so every list and
 * count applies it in the database. The authorization matrix test checks that both agree.
 */
export async function visibleDemandsFor(actor: PermissionActor | null, db: Executor): Promise<SQL> {
  if (!actor) return sql`false`;
  switch (actor.role) {
    case 'ombudsman':
      return sql`true`;
    case 'attendant':
      return eq(demands.service, 'balcao');
    case 'department':
    case 'internal_control':
      return heldBy(actor.departmentIds, db);
    case 'manager':
      return sql`(${await restrictedToInternalControl(db)}) is not true`;
    case 'appeal_authority':
      return eq(demands.kind, 'information');
    case 'admin':
    case 'citizen':
      return sql`false`;
  }
}

/** Above this many, the supporting forwards are matched by a subquery instead of a list of ids. */
const SUPPORTED_IDS_INLINE_LIMIT = 1000;

/**
 * Forwarded to one of these departments, as the responsible one or as a supporting one. Supporting
 * forwards are rare, so their demand ids are read first and inlined: the condition stays a plain
 * `department_id in (…)` that the partial queue indexes serve, instead of an OR over a subquery.
 */
export async function heldBy(departmentIds: readonly string[], db: Executor): Promise<SQL> {
  if (!departmentIds.length) return sql`false`;
  const ids = [...departmentIds];
  const supported = await db
    .select({ demandId: demandSupportingDepartments.demandId })
    .from(demandSupportingDepartments)
    .where(inArray(demandSupportingDepartments.departmentId, ids))
    .limit(SUPPORTED_IDS_INLINE_LIMIT + 1);
  if (!supported.length) return inArray(demands.departmentId, ids);
  const supportedIds =
    supported.length > SUPPORTED_IDS_INLINE_LIMIT
      ? sql`(select ${demandSupportingDepartments.demandId} from ${demandSupportingDepartments} where ${inArray(demandSupportingDepartments.departmentId, ids)})`
      : supported.map((row) => row.demandId);
  return or(inArray(demands.departmentId, ids), inArray(demands.id, supportedIds)) as SQL;
}

/**
 * `isRestrictedToInternalControl`: a denúncia whose subject or whose department is the Controle
 * Interno's. The Controle Interno's departments, subjects and supporting forwards are few; they are
 * read first so that the condition is on the demand's own columns.
 */
export async function restrictedToInternalControl(db: Executor): Promise<SQL> {
  const internalControl = await db.select({ id: departments.id }).from(departments).where(eq(departments.isInternalControl, true));
  const departmentIds = internalControl.map((d) => d.id);
  if (!departmentIds.length) return sql`false`;
  const [subjects, supported] = await Promise.all([
    db.select({ id: categories.id }).from(categories).where(inArray(categories.departmentId, departmentIds)),
    db
      .select({ demandId: demandSupportingDepartments.demandId })
      .from(demandSupportingDepartments)
      .where(inArray(demandSupportingDepartments.departmentId, departmentIds)),
  ]);
  const held = [inArray(demands.departmentId, departmentIds)];
  if (subjects.length) held.push(inArray(demands.categoryId, subjects.map((c) => c.id)));
  if (supported.length) held.push(inArray(demands.id, supported.map((s) => s.demandId)));
  return and(eq(demands.kind, 'denunciation'), or(...held)) as SQL;
}

/**
 * What `canViewDemand` needs to know about one demand, for a check made outside a list or the demand page
 * (a file download): the same facts the demand page builds, so both apply one rule to the same input.
 */
export async function loadDemandAccessFacts(db: Executor, demandId: string): Promise<DemandAccessFacts | null> {
  const lead = alias(departments, 'lead_department');
  const categoryOwner = alias(departments, 'category_owner');
  const [row] = await db
    .select({
      service: demands.service,
      kind: demands.kind,
      identity: demands.identity,
      departmentId: demands.departmentId,
      leadIsInternalControl: lead.isInternalControl,
      categoryOwnedByInternalControl: categoryOwner.isInternalControl,
    })
    .from(demands)
    .leftJoin(lead, eq(lead.id, demands.departmentId))
    .leftJoin(categories, eq(categories.id, demands.categoryId))
    .leftJoin(categoryOwner, eq(categoryOwner.id, categories.departmentId))
    .where(eq(demands.id, demandId));
  if (!row) return null;
  const supporting = await db
    .select({ id: departments.id, isInternalControl: departments.isInternalControl })
    .from(demandSupportingDepartments)
    .innerJoin(departments, eq(departments.id, demandSupportingDepartments.departmentId))
    .where(eq(demandSupportingDepartments.demandId, demandId));
  return {
    service: row.service,
    kind: row.kind,
    identity: row.identity,
    departmentId: row.departmentId,
    supportingDepartmentIds: supporting.map((d) => d.id),
    restrictedToInternalControl: isRestrictedToInternalControl({
      kind: row.kind,
      categoryOwnedByInternalControl: row.categoryOwnedByInternalControl ?? false,
      heldByInternalControl: Boolean(row.leadIsInternalControl) || supporting.some((d) => d.isInternalControl),
    }),
  };
}
