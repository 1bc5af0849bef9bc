import 'server-only';
import { and, asc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { answerTemplates, categories, departmentMembers, departments, neighbourhoods, users } from '../schema';
import { normalizeCpf } from '@/lib/domain/cpf';
import { normalizeMobilePhone } from '@/lib/domain/phone';
import type { PermissionActor } from '@/lib/domain/permissions';
import type { Role, Service } from '@/lib/domain/vocabulary';

/** The lists the workspace's forms and filters choose from. */

export async function listActiveDepartments() {
  const db = await getDb();
  return db
    .select({ id: departments.id, name: departments.name, acronym: departments.acronym, isInternalControl: departments.isInternalControl })
    .from(departments)
    .where(eq(departments.active, true))
    .orderBy(asc(departments.name));
}

export async function listActiveCategories(service?: Service) {
  const db = await getDb();
  return db
    .select({ id: categories.id, service: categories.service, name: categories.name, departmentId: categories.departmentId, fields: categories.fields })
    .from(categories)
    .where(service ? and(eq(categories.active, true), eq(categories.service, service)) : eq(categories.active, true))
    .orderBy(asc(categories.name));
}

export async function listNeighbourhoods() {
  const db = await getDb();
  return db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).orderBy(asc(neighbourhoods.name));
}

/** Templates of the demand's category, then the general ones (no category). */
export async function listAnswerTemplates(categoryId: string | null) {
  const db = await getDb();
  return db
    .select({ id: answerTemplates.id, title: answerTemplates.title, body: answerTemplates.body })
    .from(answerTemplates)
    .where(categoryId ? or(eq(answerTemplates.categoryId, categoryId), isNull(answerTemplates.categoryId)) : isNull(answerTemplates.categoryId))
    .orderBy(sql`${answerTemplates.categoryId} is null`, asc(answerTemplates.title));
}

export async function getAnswerTemplate(id: string) {
  const db = await getDb();
  const [template] = await db.select().from(answerTemplates).where(eq(answerTemplates.id, id));
  return template ?? null;
}

export type CitizenMatch = { id: string; name: string; email: string; phone: string | null; cpf: string | null };

/**
 * Citizens with an account, for the counter's intake: by name, e-mail, mobile or CPF. Only the desks
 * that file on a citizen's behalf may search; anyone else gets nothing.
 */
export async function searchCitizens({ actor, query }: { actor: PermissionActor | null; query: string }): Promise<CitizenMatch[]> {
  if (!actor || (actor.role !== 'attendant' && actor.role !== 'ombudsman')) return [];
  const term = query.trim();
  if (term.length < 3) return [];
  const digits = term.replace(/\D/g, '');
  const conditions = [ilike(users.name, `%${escapeLike(term)}%`), ilike(users.email, `%${escapeLike(term.toLowerCase())}%`)];
  const phone = normalizeMobilePhone(term);
  if (phone) conditions.push(eq(users.phone, phone));
  if (digits.length === 11) conditions.push(eq(users.cpf, normalizeCpf(digits)));
  const db = await getDb();
  return db
    .select({ id: users.id, name: users.name, email: users.email, phone: users.phone, cpf: users.cpf })
    .from(users)
    .where(and(eq(users.role, 'citizen'), eq(users.active, true), or(...conditions)))
    .orderBy(asc(users.name))
    .limit(20);
}

export async function getCitizen({ actor, id }: { actor: PermissionActor | null; id: string }): Promise<CitizenMatch | null> {
  if (!actor || (actor.role !== 'attendant' && actor.role !== 'ombudsman')) return null;
  const db = await getDb();
  const [citizen] = await db
    .select({ id: users.id, name: users.name, email: users.email, phone: users.phone, cpf: users.cpf })
    .from(users)
    .where(and(eq(users.id, id), eq(users.role, 'citizen'), eq(users.active, true)));
  return citizen ?? null;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * Whom a bulk "atribuir" may name, before any demand is known: the desk and the secretarias for the
 * ombudsman and the attendant, the colleagues of one's own secretarias for department staff. Each demand
 * is checked again when the action runs (canAssign), so a name here is a choice, never a permission.
 */
export async function listBulkAssignees({ actor }: { actor: PermissionActor }): Promise<{ id: string; name: string; role: Role }[]> {
  const db = await getDb();
  const columns = { id: users.id, name: users.name, role: users.role };
  if (actor.role === 'ombudsman' || actor.role === 'attendant') {
    return db
      .select(columns)
      .from(users)
      .where(and(eq(users.active, true), inArray(users.role, [actor.role, 'department', 'internal_control'])))
      .orderBy(asc(users.name), asc(users.id));
  }
  if ((actor.role === 'department' || actor.role === 'internal_control') && actor.departmentIds.length) {
    return db
      .selectDistinct(columns)
      .from(users)
      .innerJoin(departmentMembers, eq(departmentMembers.userId, users.id))
      .where(and(eq(users.active, true), inArray(users.role, ['department', 'internal_control']), inArray(departmentMembers.departmentId, actor.departmentIds)))
      .orderBy(asc(users.name), asc(users.id));
  }
  return [];
}
