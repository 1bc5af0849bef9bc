import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { answerTemplates, macros, tags } from '@/lib/db/schema';
import { fieldErrorsOf } from '@/lib/domain/intake-schema';
import { MacroSchema, templateMisfit } from '@/lib/domain/macros';
import type { Actor } from '@/lib/auth/guards';
import { assertAdmin, refused, type AdminResult } from './authorize';

export async function listMacros(actor: Actor) {
  assertAdmin(actor);
  const db = await getDb();
  return db
    .select({ id: macros.id, name: macros.name, action: macros.action, templateTitle: answerTemplates.title, tagName: tags.name })
    .from(macros)
    .innerJoin(answerTemplates, eq(answerTemplates.id, macros.answerTemplateId))
    .leftJoin(tags, eq(tags.id, macros.tagId))
    .orderBy(asc(macros.name));
}

export async function createMacro(actor: Actor, input: unknown): Promise<AdminResult<{ id: string }>> {
  assertAdmin(actor);
  const parsed = MacroSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const db = await getDb();
  const [template] = await db.select({ body: answerTemplates.body }).from(answerTemplates).where(eq(answerTemplates.id, parsed.data.answerTemplateId));
  if (!template) return { ok: false, fieldErrors: { answerTemplateId: ['Escolha um modelo de resposta da lista.'] } };
  // A macro is offered only where it applies: one whose text its action refuses would never be offered.
  const misfit = templateMisfit(parsed.data.action, template.body);
  if (misfit) return { ok: false, fieldErrors: { answerTemplateId: [misfit] } };
  if (parsed.data.tagId) {
    const [tag] = await db.select({ id: tags.id }).from(tags).where(eq(tags.id, parsed.data.tagId));
    if (!tag) return { ok: false, fieldErrors: { tagId: ['Escolha uma etiqueta da lista.'] } };
  }
  const [macro] = await db.insert(macros).values(parsed.data).returning({ id: macros.id });
  if (!macro) throw new Error('Insert returned no macro');
  return { ok: true, value: macro };
}

export async function deleteMacro(actor: Actor, id: string): Promise<AdminResult> {
  assertAdmin(actor);
  if (!z.uuid().safeParse(id).success) return refused('Macro não encontrada.');
  const db = await getDb();
  const [deleted] = await db.delete(macros).where(eq(macros.id, id)).returning({ id: macros.id });
  if (!deleted) return refused('Macro não encontrada.');
  return { ok: true, value: undefined };
}
