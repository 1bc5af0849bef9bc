import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { departments, tags } from '@/lib/db/schema';
import { fieldErrorsOf } from '@/lib/domain/intake-schema';
import { TagSchema } from '@/lib/domain/tags';
import type { Actor } from '@/lib/auth/guards';
import { assertAdmin, refused, type AdminResult } from './authorize';

/** Etiquetas: global ones first, then each secretaria's, by name. */
export async function listTags(actor: Actor) {
  assertAdmin(actor);
  const db = await getDb();
  return db
    .select({ id: tags.id, name: tags.name, departmentId: tags.departmentId, departmentName: departments.name })
    .from(tags)
    .leftJoin(departments, eq(departments.id, tags.departmentId))
    .orderBy(sql`${departments.name} nulls first`, asc(tags.name));
}

async function checkTag(input: unknown): Promise<AdminResult<z.output<typeof TagSchema>>> {
  const parsed = TagSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const db = await getDb();
  const { name, departmentId } = parsed.data;
  if (departmentId) {
    const [department] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, departmentId));
    if (!department) return { ok: false, fieldErrors: { departmentId: ['Escolha uma secretaria da lista.'] } };
  }
  const [same] = await db.select({ id: tags.id }).from(tags).where(sql`lower(${tags.name}) = lower(${name})`);
  if (same) return { ok: false, fieldErrors: { name: ['Já existe uma etiqueta com este nome.'] } };
  return { ok: true, value: parsed.data };
}

export async function createTag(actor: Actor, input: unknown): Promise<AdminResult<{ id: string }>> {
  assertAdmin(actor);
  const checked = await checkTag(input);
  if (!checked.ok) return checked;
  const db = await getDb();
  const [tag] = await db.insert(tags).values(checked.value).returning({ id: tags.id });
  if (!tag) throw new Error('Insert returned no tag');
  return { ok: true, value: tag };
}

/** The etiqueta leaves every demand that carries it; macros that put it keep their other parts. */
export async function deleteTag(actor: Actor, id: string): Promise<AdminResult> {
  assertAdmin(actor);
  if (!z.uuid().safeParse(id).success) return refused('Etiqueta não encontrada.');
  const db = await getDb();
  const [deleted] = await db.delete(tags).where(eq(tags.id, id)).returning({ id: tags.id });
  if (!deleted) return refused('Etiqueta não encontrada.');
  return { ok: true, value: undefined };
}
