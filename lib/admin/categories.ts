import 'server-only';
import { and, asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { lineText, multilineText } from '@/lib/domain/plain-text';
import { getDb } from '@/lib/db/client';
import { catalogueChanged } from '@/lib/db/queries/catalogue-cache';
import { categories, departments, type Category } from '@/lib/db/schema';
import type { CategoryField } from '@/lib/domain/category-fields';
import { DEADLINE_DAYS } from '@/lib/domain/deadlines';
import { fieldErrorsOf, type FieldErrors } from '@/lib/domain/intake-schema';
import { SERVICES, type Service } from '@/lib/domain/vocabulary';
import type { Actor } from '@/lib/auth/guards';
import { recordServiceChangeOnCharter } from '@/lib/service-charter/editing';
import type { CharterField } from '@/lib/domain/service-charter';
import { assertAdmin, checkbox, refused, slugify, type AdminResult } from './authorize';

export const FIELD_TYPES = ['text', 'textarea', 'select'] as const;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** One extra question of a Balcão service, as the admin form posts it (options one per line). */
const CategoryFieldSchema = z
  .object({
    name: z
      .string({ error: 'Informe o identificador.' })
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'Use letras minúsculas sem acento, números e _ (ex.: ponto_de_referencia).' }),
    label: lineText({ error: 'Informe a pergunta.' })
      .min(3, { error: 'A pergunta precisa ter pelo menos 3 caracteres.' })
      .max(150, { error: 'A pergunta pode ter até 150 caracteres.' }),
    type: z.enum(FIELD_TYPES, { error: 'Escolha o tipo de resposta.' }),
    required: z.unknown().optional().transform(checkbox),
    options: z
      .union([multilineText(), z.array(lineText())])
      .optional()
      .transform((value) =>
        (Array.isArray(value) ? value : (value ?? '').split('\n')).map((option) => option.trim()).filter((option) => option.length > 0),
      ),
    hint: z.preprocess(blankToUndefined, lineText().max(200, { error: 'A dica pode ter até 200 caracteres.' }).optional()),
  })
  .superRefine((field, ctx) => {
    if (field.type === 'select' && field.options.length < 2) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Uma lista de escolha precisa de pelo menos 2 opções, uma por linha.' });
    }
  })
  .transform((field): CategoryField => ({
    name: field.name,
    label: field.label,
    type: field.type,
    required: field.required,
    ...(field.type === 'select' ? { options: field.options } : {}),
    ...(field.hint ? { hint: field.hint } : {}),
  }));

const CategoryBaseSchema = z.object({
  name: lineText({ error: 'Informe o nome.' })
    .min(3, { error: 'O nome precisa ter pelo menos 3 caracteres.' })
    .max(120, { error: 'O nome pode ter até 120 caracteres.' }),
  description: multilineText().max(500, { error: 'A descrição pode ter até 500 caracteres.' }).default(''),
  departmentId: z.uuid({ error: 'Escolha a secretaria responsável.' }),
  deadlineDays: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'Informe o prazo em dias.' })
      .int({ error: 'Informe um número inteiro de dias.' })
      .min(1, { error: 'O prazo precisa ser de pelo menos 1 dia.' })
      .max(365, { error: 'O prazo pode ser de até 365 dias.' })
      .optional(),
  ),
  active: z.unknown().optional().transform(checkbox),
  fields: z.array(z.unknown()).default([]),
});

export const CreateCategorySchema = CategoryBaseSchema.extend({ service: z.enum(SERVICES, { error: 'Escolha Ouvidoria ou Balcão.' }) });

type CategoryInput = z.output<typeof CategoryBaseSchema>;

/**
 * Checks what the schema cannot: the Balcão deadline, the extra questions (Ouvidoria subjects have none;
 * the law sets their deadline) and the department.
 */
async function validateCategory(service: Service, data: CategoryInput): Promise<{ ok: true; fields: CategoryField[]; deadlineDays: number } | { ok: false; fieldErrors: FieldErrors }> {
  const fieldErrors: FieldErrors = {};
  const fields: CategoryField[] = [];
  if (service === 'balcao') {
    if (data.deadlineDays === undefined) fieldErrors.deadlineDays = ['Informe o prazo em dias.'];
    data.fields.forEach((raw, index) => {
      const parsed = CategoryFieldSchema.safeParse(raw);
      if (!parsed.success) {
        for (const [key, messages] of Object.entries(fieldErrorsOf(parsed.error))) fieldErrors[`fields.${index}.${key}`] = messages;
        return;
      }
      if (fields.some((field) => field.name === parsed.data.name)) {
        fieldErrors[`fields.${index}.name`] = ['Já existe outra pergunta com este identificador.'];
        return;
      }
      fields.push(parsed.data);
    });
  }
  const db = await getDb();
  const [department] = await db.select({ active: departments.active }).from(departments).where(eq(departments.id, data.departmentId));
  if (!department?.active) fieldErrors.departmentId = ['Escolha uma secretaria ativa.'];
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const deadlineDays = service === 'balcao' ? (data.deadlineDays ?? 0) : DEADLINE_DAYS.ouvidoria;
  return { ok: true, fields, deadlineDays };
}

export async function listCategories(actor: Actor) {
  assertAdmin(actor);
  const db = await getDb();
  return db
    .select({ category: categories, departmentName: departments.name })
    .from(categories)
    .innerJoin(departments, eq(departments.id, categories.departmentId))
    .orderBy(asc(categories.service), asc(categories.name));
}

export async function getCategory(actor: Actor, id: string): Promise<Category | null> {
  assertAdmin(actor);
  if (!z.uuid().safeParse(id).success) return null;
  const db = await getDb();
  const [category] = await db.select().from(categories).where(eq(categories.id, id));
  return category ?? null;
}

export async function createCategory(actor: Actor, input: unknown): Promise<AdminResult<Category>> {
  assertAdmin(actor);
  const parsed = CreateCategorySchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const checked = await validateCategory(parsed.data.service, parsed.data);
  if (!checked.ok) return checked;
  const db = await getDb();
  const [duplicate] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.service, parsed.data.service), eq(categories.name, parsed.data.name)));
  if (duplicate) return refused('Confira os campos destacados.', { name: ['Já existe outro item com este nome.'] });
  const base = slugify(parsed.data.name) || 'servico';
  const taken = new Set(
    (await db.select({ slug: categories.slug }).from(categories).where(eq(categories.service, parsed.data.service))).map((c) => c.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  const [category] = await db
    .insert(categories)
    .values({
      service: parsed.data.service,
      slug,
      name: parsed.data.name,
      description: parsed.data.description,
      departmentId: parsed.data.departmentId,
      deadlineDays: checked.deadlineDays,
      fields: checked.fields,
      active: parsed.data.active,
    })
    .returning();
  if (!category) throw new Error('Insert returned no category');
  await catalogueChanged();
  return { ok: true, value: category };
}

/**
 * Changes name, department, deadline, availability and the Balcão questions. Demands already filed keep
 * their deadline and their answers (stored on the demand); only new ones see the change.
 */
export async function updateCategory(actor: Actor, id: string, input: unknown): Promise<AdminResult<Category>> {
  assertAdmin(actor);
  const existing = await getCategory(actor, id);
  if (!existing) return refused('Serviço ou assunto não encontrado.');
  const parsed = CategoryBaseSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const checked = await validateCategory(existing.service, parsed.data);
  if (!checked.ok) return checked;
  const db = await getDb();
  const [duplicate] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.service, existing.service), eq(categories.name, parsed.data.name), ne(categories.id, id)));
  if (duplicate) return refused('Confira os campos destacados.', { name: ['Já existe outro item com este nome.'] });
  // What the service's Carta entry states from the service itself (lib/service-charter): its history says so.
  const charterFields: CharterField[] = [
    ...(parsed.data.name !== existing.name ? (['name'] as const) : []),
    ...(parsed.data.departmentId !== existing.departmentId ? (['departmentId'] as const) : []),
    ...(checked.deadlineDays !== existing.deadlineDays ? (['deadlineText'] as const) : []),
  ];
  const category = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(categories)
      .set({
        name: parsed.data.name,
        description: parsed.data.description,
        departmentId: parsed.data.departmentId,
        deadlineDays: checked.deadlineDays,
        fields: checked.fields,
        active: parsed.data.active,
      })
      .where(eq(categories.id, id))
      .returning();
    if (updated) await recordServiceChangeOnCharter(tx, actor, id, charterFields);
    return updated;
  });
  if (!category) return refused('Serviço ou assunto não encontrado.');
  await catalogueChanged();
  return { ok: true, value: category };
}
