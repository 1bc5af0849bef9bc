import 'server-only';
import { and, asc, count, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { lineText } from '@/lib/domain/plain-text';
import { getDb } from '@/lib/db/client';
import { catalogueChanged } from '@/lib/db/queries/catalogue-cache';
import { categories, departmentMembers, departments, type Department } from '@/lib/db/schema';
import { EmailSchema, fieldErrorsOf } from '@/lib/domain/intake-schema';
import type { Actor } from '@/lib/auth/guards';
import { assertAdmin, checkbox, refused, slugify, type AdminResult } from './authorize';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const DepartmentSchema = z.object({
  name: lineText({ error: 'Informe o nome da secretaria.' })
    .min(3, { error: 'O nome precisa ter pelo menos 3 caracteres.' })
    .max(120, { error: 'O nome pode ter até 120 caracteres.' }),
  acronym: z.preprocess(blankToUndefined, lineText().max(20, { error: 'A sigla pode ter até 20 caracteres.' }).optional()),
  email: z.preprocess(blankToUndefined, EmailSchema.optional()),
  isInternalControl: z.unknown().optional().transform(checkbox),
});

export async function listDepartments(actor: Actor) {
  assertAdmin(actor);
  const db = await getDb();
  const memberCounts = db
    .select({ departmentId: departmentMembers.departmentId, members: count().as('members') })
    .from(departmentMembers)
    .groupBy(departmentMembers.departmentId)
    .as('member_counts');
  const categoryCounts = db
    .select({ departmentId: categories.departmentId, activeCategories: count().as('active_categories') })
    .from(categories)
    .where(eq(categories.active, true))
    .groupBy(categories.departmentId)
    .as('category_counts');
  return db
    .select({
      department: departments,
      members: sql<number>`coalesce(${memberCounts.members}, 0)::int`,
      activeCategories: sql<number>`coalesce(${categoryCounts.activeCategories}, 0)::int`,
    })
    .from(departments)
    .leftJoin(memberCounts, eq(memberCounts.departmentId, departments.id))
    .leftJoin(categoryCounts, eq(categoryCounts.departmentId, departments.id))
    .orderBy(asc(departments.name));
}

export async function getDepartment(actor: Actor, id: string): Promise<Department | null> {
  assertAdmin(actor);
  if (!z.uuid().safeParse(id).success) return null;
  const db = await getDb();
  const [department] = await db.select().from(departments).where(eq(departments.id, id));
  return department ?? null;
}

/** DESIGN.md: one department is the Controle Interno; a second one would split its confidential queue. */
async function otherInternalControl(excludeId?: string): Promise<Department | undefined> {
  const db = await getDb();
  const [other] = await db
    .select()
    .from(departments)
    .where(and(eq(departments.isInternalControl, true), excludeId ? ne(departments.id, excludeId) : undefined));
  return other;
}

export async function createDepartment(actor: Actor, input: unknown): Promise<AdminResult<Department>> {
  assertAdmin(actor);
  const parsed = DepartmentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const data = parsed.data;
  if (data.isInternalControl) {
    const other = await otherInternalControl();
    if (other) return refused('Confira os campos destacados.', { isInternalControl: [`O Controle Interno já é “${other.name}”. Desmarque-o lá antes.`] });
  }
  const db = await getDb();
  const base = slugify(data.name) || 'secretaria';
  const taken = new Set((await db.select({ slug: departments.slug }).from(departments).where(sql`${departments.slug} like ${`${base}%`}`)).map((d) => d.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  const [department] = await db
    .insert(departments)
    .values({ slug, name: data.name, acronym: data.acronym ?? null, email: data.email ?? null, isInternalControl: data.isInternalControl })
    .returning();
  if (!department) throw new Error('Insert returned no department');
  await catalogueChanged();
  return { ok: true, value: department };
}

/** Rename, change acronym or e-mail, or (un)mark as the Controle Interno. The slug never changes. */
export async function updateDepartment(actor: Actor, id: string, input: unknown): Promise<AdminResult<Department>> {
  assertAdmin(actor);
  const existing = await getDepartment(actor, id);
  if (!existing) return refused('Secretaria não encontrada.');
  const parsed = DepartmentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const data = parsed.data;
  if (data.isInternalControl && !existing.isInternalControl) {
    const other = await otherInternalControl(id);
    if (other) return refused('Confira os campos destacados.', { isInternalControl: [`O Controle Interno já é “${other.name}”. Desmarque-o lá antes.`] });
  }
  const db = await getDb();
  const [department] = await db
    .update(departments)
    .set({ name: data.name, acronym: data.acronym ?? null, email: data.email ?? null, isInternalControl: data.isInternalControl })
    .where(eq(departments.id, id))
    .returning();
  if (!department) return refused('Secretaria não encontrada.');
  await catalogueChanged();
  return { ok: true, value: department };
}

/**
 * Deactivating hides a department from routing choices. Refused while it still owns active services or
 * subjects: new demands would be routed to a department nobody can pick.
 */
export async function setDepartmentActive(actor: Actor, id: string, active: boolean): Promise<AdminResult<Department>> {
  assertAdmin(actor);
  const existing = await getDepartment(actor, id);
  if (!existing) return refused('Secretaria não encontrada.');
  const db = await getDb();
  if (!active) {
    const [owned] = await db.select({ total: count() }).from(categories).where(and(eq(categories.departmentId, id), eq(categories.active, true)));
    if ((owned?.total ?? 0) > 0) {
      return refused(
        `“${existing.name}” ainda é responsável por ${owned?.total} serviço(s) ou assunto(s) ativos. Transfira-os para outra secretaria ou desative-os antes.`,
      );
    }
  }
  const [department] = await db.update(departments).set({ active }).where(eq(departments.id, id)).returning();
  if (!department) return refused('Secretaria não encontrada.');
  await catalogueChanged();
  return { ok: true, value: department };
}
