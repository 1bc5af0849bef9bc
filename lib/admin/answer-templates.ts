import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { answerTemplates, categories, macros } from '@/lib/db/schema';
import { templateMisfit } from '@/lib/domain/macros';
import { fieldErrorsOf } from '@/lib/domain/intake-schema';
import type { Actor } from '@/lib/auth/guards';
import { assertAdmin, refused, type AdminResult } from './authorize';

/** A template with no category is offered for every demand; one with a category only for that one. */
export const AnswerTemplateSchema = z.object({
  categoryId: z.preprocess((value) => (value === '' ? null : value), z.uuid({ error: 'Escolha uma categoria da lista.' }).nullable().default(null)),
  title: z
    .string({ error: 'Informe o título.' })
    .trim()
    .min(3, { error: 'O título precisa ter pelo menos 3 caracteres.' })
    .max(120, { error: 'O título pode ter até 120 caracteres.' }),
  body: z
    .string({ error: 'Escreva o texto do modelo.' })
    .trim()
    .min(10, { error: 'O texto precisa ter pelo menos 10 caracteres.' })
    .max(8000, { error: 'O texto pode ter até 8.000 caracteres.' }),
});

export async function listAnswerTemplates(actor: Actor) {
  assertAdmin(actor);
  const db = await getDb();
  return db
    .select({ template: answerTemplates, categoryName: categories.name, service: categories.service })
    .from(answerTemplates)
    .leftJoin(categories, eq(categories.id, answerTemplates.categoryId))
    .orderBy(sql`${categories.name} nulls first`, asc(answerTemplates.title));
}

export async function getAnswerTemplate(actor: Actor, id: string) {
  assertAdmin(actor);
  if (!z.uuid().safeParse(id).success) return null;
  const db = await getDb();
  const [template] = await db.select().from(answerTemplates).where(eq(answerTemplates.id, id));
  return template ?? null;
}

async function categoryExists(categoryId: string | null): Promise<boolean> {
  if (!categoryId) return true;
  const db = await getDb();
  const [row] = await db.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId));
  return Boolean(row);
}

export async function createAnswerTemplate(actor: Actor, input: unknown): Promise<AdminResult<{ id: string }>> {
  assertAdmin(actor);
  const parsed = AnswerTemplateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  if (!(await categoryExists(parsed.data.categoryId))) return { ok: false, fieldErrors: { categoryId: ['Escolha uma categoria da lista.'] } };
  const db = await getDb();
  const [template] = await db.insert(answerTemplates).values(parsed.data).returning({ id: answerTemplates.id });
  if (!template) throw new Error('Insert returned no template');
  return { ok: true, value: template };
}

export async function updateAnswerTemplate(actor: Actor, id: string, input: unknown): Promise<AdminResult> {
  assertAdmin(actor);
  const parsed = AnswerTemplateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  if (!(await categoryExists(parsed.data.categoryId))) return { ok: false, fieldErrors: { categoryId: ['Escolha uma categoria da lista.'] } };
  if (!z.uuid().safeParse(id).success) return refused('Modelo não encontrado.');
  const db = await getDb();
  // The macros that send this template would stop applying: say which, rather than let them disappear from the demands.
  const users = await db.select({ name: macros.name, action: macros.action }).from(macros).where(eq(macros.answerTemplateId, id)).orderBy(asc(macros.name));
  for (const macro of users) {
    const misfit = templateMisfit(macro.action, parsed.data.body);
    if (misfit) return { ok: false, fieldErrors: { body: [`A macro “${macro.name}” envia este modelo. ${misfit}`] } };
  }
  const [updated] = await db.update(answerTemplates).set(parsed.data).where(eq(answerTemplates.id, id)).returning({ id: answerTemplates.id });
  if (!updated) return refused('Modelo não encontrado.');
  return { ok: true, value: undefined };
}

/** Replies already sent keep their text: a template is copied into a reply, never referenced. */
export async function deleteAnswerTemplate(actor: Actor, id: string): Promise<AdminResult> {
  assertAdmin(actor);
  if (!z.uuid().safeParse(id).success) return refused('Modelo não encontrado.');
  const db = await getDb();
  const [deleted] = await db.delete(answerTemplates).where(eq(answerTemplates.id, id)).returning({ id: answerTemplates.id });
  if (!deleted) return refused('Modelo não encontrado.');
  return { ok: true, value: undefined };
}
