import 'server-only';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { DatabaseError } from '@/lib/db/errors';
import { departments, tags } from '@/lib/db/schema';
import { fieldErrorsOf } from '@/lib/domain/intake-schema';
import { RenameTagSchema, TagSchema } from '@/lib/domain/tags';
import type { Actor } from '@/lib/auth/guards';
import { assertAdmin, refused, type AdminResult } from './authorize';

const nameTakenResult = (): AdminResult<never> => ({ ok: false, fieldErrors: { name: ['Já existe uma etiqueta com este nome.'] } });

/** Another admin saving the same name between our check and our write meets the unique index instead. */
const isNameClash = (error: unknown) => error instanceof DatabaseError && error.code === '23505' && error.constraint === 'tags_name_idx';

/** Names are unique across all etiquetas, whatever their secretaria, ignoring case (the index says so too). */
async function nameTaken(name: string, exceptId?: string): Promise<boolean> {
  const db = await getDb();
  const sameName = sql`lower(${tags.name}) = lower(${name})`;
  const [same] = await db
    .select({ id: tags.id })
    .from(tags)
    .where(exceptId ? and(sameName, ne(tags.id, exceptId)) : sameName);
  return Boolean(same);
}

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
  if (await nameTaken(name)) return nameTakenResult();
  return { ok: true, value: parsed.data };
}

export async function createTag(actor: Actor, input: unknown): Promise<AdminResult<{ id: string }>> {
  assertAdmin(actor);
  const checked = await checkTag(input);
  if (!checked.ok) return checked;
  const db = await getDb();
  try {
    const [tag] = await db.insert(tags).values(checked.value).returning({ id: tags.id });
    if (!tag) throw new Error('Insert returned no tag');
    return { ok: true, value: tag };
  } catch (error) {
    if (isNameClash(error)) return nameTakenResult();
    throw error;
  }
}

/**
 * A new name for the same etiqueta: the demands that carry it and the macros that put it keep it (they point
 * at its id), and the timeline keeps the name it had when each change was made.
 */
export async function renameTag(actor: Actor, id: string, input: unknown): Promise<AdminResult> {
  assertAdmin(actor);
  const parsed = RenameTagSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  if (!z.uuid().safeParse(id).success) return refused('Etiqueta não encontrada.');
  const { name } = parsed.data;
  if (await nameTaken(name, id)) return nameTakenResult();
  const db = await getDb();
  try {
    const [renamed] = await db.update(tags).set({ name }).where(eq(tags.id, id)).returning({ id: tags.id });
    if (!renamed) return refused('Etiqueta não encontrada.');
    return { ok: true, value: undefined };
  } catch (error) {
    if (isNameClash(error)) return nameTakenResult();
    throw error;
  }
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
