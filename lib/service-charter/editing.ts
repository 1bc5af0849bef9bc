import 'server-only';
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { assertAdmin, checkbox, refused, slugify, type AdminResult } from '@/lib/admin/authorize';
import type { Actor } from '@/lib/auth/guards';
import { getDb, type Executor } from '@/lib/db/client';
import { catalogueChanged } from '@/lib/db/queries/catalogue-cache';
import { categories, departments, serviceCharterChanges, serviceCharters, type ServiceCharter, type ServiceCharterChange } from '@/lib/db/schema';
import { fieldErrorsOf, type FieldErrors } from '@/lib/domain/intake-schema';
import { lineText, multilineText } from '@/lib/domain/plain-text';
import { CHARTER_CHANNELS, changedCharterFields, LIFE_EVENT_SLUGS, linesOf, type CharterField } from '@/lib/domain/service-charter';

/**
 * The admin's edits to the Carta de Serviços. Each save writes the entry and its history row (who, when,
 * which fields) in one transaction — art. 7 §4 wants the Carta kept up to date, and the date shown is the
 * date of that row — and then renews the catalogue's snapshot.
 */

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const asList = (value: unknown) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

const listOfLines = (label: string, max: number) =>
  multilineText()
    .max(max, { error: `${label} pode ter até ${max} caracteres.` })
    .default('')
    .transform(linesOf);

const CharterContentSchema = z.object({
  summary: multilineText({ error: 'Diga o que é o serviço.' })
    .min(10, { error: 'Diga o que é o serviço em pelo menos 10 caracteres.' })
    .max(1000, { error: 'O texto "O que é" pode ter até 1000 caracteres.' }),
  audience: multilineText({ error: 'Diga quem pode pedir.' })
    .min(3, { error: 'Diga quem pode pedir o serviço.' })
    .max(500, { error: 'O texto "Quem pode pedir" pode ter até 500 caracteres.' }),
  requirements: listOfLines('A lista de requisitos', 3000),
  documents: listOfLines('A lista de documentos', 3000),
  steps: listOfLines('A lista de etapas', 3000).refine((steps) => steps.length > 0, { error: 'Escreva pelo menos uma etapa, uma por linha.' }),
  channels: z.preprocess(
    asList,
    z.array(z.enum(CHARTER_CHANNELS, { error: 'Escolha formas de atendimento da lista.' })).min(1, { error: 'Marque pelo menos uma forma de atendimento.' }),
  ),
  priorityRules: multilineText({ error: 'Informe as regras de prioridade.' })
    .min(10, { error: 'Informe as regras de atendimento prioritário (Lei nº 10.048/2000).' })
    .max(1000, { error: 'As regras de prioridade podem ter até 1000 caracteres.' }),
  expectedWait: lineText({ error: 'Informe o tempo de espera previsto.' })
    .min(2, { error: 'Informe o tempo de espera previsto (ex.: até 20 minutos no balcão).' })
    .max(200, { error: 'O tempo de espera pode ter até 200 caracteres.' }),
  fees: lineText({ error: 'Informe as taxas.' })
    .min(2, { error: 'Informe as taxas, ou escreva "Gratuito".' })
    .max(200, { error: 'O texto das taxas pode ter até 200 caracteres.' }),
  location: lineText({ error: 'Informe onde o serviço é prestado.' })
    .min(5, { error: 'Informe o endereço onde o serviço é prestado.' })
    .max(300, { error: 'O local pode ter até 300 caracteres.' }),
  hours: lineText({ error: 'Informe o horário.' })
    .min(5, { error: 'Informe os dias e o horário de atendimento.' })
    .max(200, { error: 'O horário pode ter até 200 caracteres.' }),
  lifeEvents: z.preprocess(asList, z.array(z.enum(LIFE_EVENT_SLUGS, { error: 'Escolha eventos da vida da lista.' }))),
  published: z.unknown().optional().transform(checkbox),
  note: z.preprocess(blankToUndefined, lineText().max(300, { error: 'A nota da alteração pode ter até 300 caracteres.' }).optional()),
});

/** A service listed without online filing states its own name, secretaria and deadline. */
const OwnServiceSchema = z.object({
  name: lineText({ error: 'Informe o nome do serviço.' })
    .min(3, { error: 'O nome precisa ter pelo menos 3 caracteres.' })
    .max(120, { error: 'O nome pode ter até 120 caracteres.' }),
  departmentId: z.uuid({ error: 'Escolha a secretaria responsável.' }),
  deadlineText: lineText({ error: 'Informe o prazo.' })
    .min(2, { error: 'Informe o prazo (ex.: no ato, ou até 5 dias úteis).' })
    .max(200, { error: 'O prazo pode ter até 200 caracteres.' }),
});

export const CharterInputSchema = CharterContentSchema;
type ContentInput = z.output<typeof CharterContentSchema>;

function contentColumns(data: ContentInput) {
  const { note: _note, ...columns } = data;
  return columns;
}

type Checked = { ok: true; content: ContentInput; own: z.output<typeof OwnServiceSchema> | null } | { ok: false; fieldErrors: FieldErrors; message?: string };

async function check(db: Executor, input: unknown, own: boolean): Promise<Checked> {
  const content = CharterContentSchema.safeParse(input);
  const ownService = own ? OwnServiceSchema.safeParse(input) : null;
  const fieldErrors: FieldErrors = {
    ...(content.success ? {} : fieldErrorsOf(content.error)),
    ...(ownService && !ownService.success ? fieldErrorsOf(ownService.error) : {}),
  };
  if (ownService?.success) {
    const [department] = await db.select({ active: departments.active }).from(departments).where(eq(departments.id, ownService.data.departmentId));
    if (!department?.active) fieldErrors.departmentId = ['Escolha uma secretaria ativa.'];
  }
  if (!content.success || (ownService && !ownService.success) || Object.keys(fieldErrors).length) return { ok: false, fieldErrors, message: 'Confira os campos destacados.' };
  return { ok: true, content: content.data, own: ownService?.data ?? null };
}

async function freeSlug(db: Executor, wanted: string, exceptId?: string): Promise<string> {
  const base = slugify(wanted) || 'servico';
  const charterSlugs = await db
    .select({ slug: serviceCharters.slug })
    .from(serviceCharters)
    .where(exceptId ? ne(serviceCharters.id, exceptId) : undefined);
  // A Balcão service without an entry yet will want its own slug for one.
  const serviceSlugs = await db.select({ slug: categories.slug }).from(categories).where(eq(categories.service, 'balcao'));
  const taken = new Set([...charterSlugs, ...serviceSlugs].map((row) => row.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

async function recordChange(db: Executor, actor: Actor | null, charterId: string, fields: CharterField[], note: string, at: Date) {
  await db.insert(serviceCharterChanges).values({
    charterId,
    changedAt: at,
    changedByUserId: actor?.userId ?? null,
    changedByName: actor ? actor.name || actor.email : 'Carga inicial',
    fields,
    note,
  });
}

export type AdminCharterRow = {
  charterId: string | null;
  categoryId: string | null;
  name: string;
  departmentName: string;
  online: boolean;
  published: boolean;
  updatedAt: Date | null;
};

/** Every Balcão service (with its entry or waiting for one) and every entry of a service without online filing. */
export async function listCharterForAdmin(actor: Actor): Promise<AdminCharterRow[]> {
  assertAdmin(actor);
  const db = await getDb();
  const services = await db
    .select({ category: categories, departmentName: departments.name, charter: serviceCharters })
    .from(categories)
    .innerJoin(departments, eq(departments.id, categories.departmentId))
    .leftJoin(serviceCharters, eq(serviceCharters.categoryId, categories.id))
    .where(eq(categories.service, 'balcao'))
    .orderBy(asc(categories.name));
  const own = await db
    .select({ charter: serviceCharters, departmentName: departments.name })
    .from(serviceCharters)
    .innerJoin(departments, eq(departments.id, serviceCharters.departmentId))
    .orderBy(asc(serviceCharters.name));
  return [
    ...services.map(({ category, departmentName, charter }) => ({
      charterId: charter?.id ?? null,
      categoryId: category.id,
      name: category.active ? category.name : `${category.name} (serviço indisponível)`,
      departmentName,
      online: true,
      published: charter?.published ?? false,
      updatedAt: charter?.updatedAt ?? null,
    })),
    ...own.map(({ charter, departmentName }) => ({
      charterId: charter.id,
      categoryId: null,
      name: charter.name ?? '',
      departmentName,
      online: false,
      published: charter.published,
      updatedAt: charter.updatedAt,
    })),
  ];
}

export type CharterHistoryRow = Pick<ServiceCharterChange, 'changedAt' | 'changedByName' | 'fields' | 'note'>;
export type CharterForEdit = { charter: ServiceCharter; serviceName: string | null; deadlineDays: number | null; history: CharterHistoryRow[] };

export async function getCharterForEdit(actor: Actor, id: string): Promise<CharterForEdit | null> {
  assertAdmin(actor);
  if (!z.uuid().safeParse(id).success) return null;
  const db = await getDb();
  const [row] = await db
    .select({ charter: serviceCharters, serviceName: categories.name, deadlineDays: categories.deadlineDays })
    .from(serviceCharters)
    .leftJoin(categories, eq(categories.id, serviceCharters.categoryId))
    .where(eq(serviceCharters.id, id));
  if (!row) return null;
  const history = await db
    .select({
      changedAt: serviceCharterChanges.changedAt,
      changedByName: serviceCharterChanges.changedByName,
      fields: serviceCharterChanges.fields,
      note: serviceCharterChanges.note,
    })
    .from(serviceCharterChanges)
    .where(eq(serviceCharterChanges.charterId, id))
    .orderBy(desc(serviceCharterChanges.changedAt), desc(serviceCharterChanges.id));
  return { ...row, history };
}

/** The Balcão service an entry is being created for, or null when it is not a Balcão service without one. */
export async function getServiceWithoutCharter(actor: Actor, categoryId: string): Promise<{ id: string; name: string; deadlineDays: number } | null> {
  assertAdmin(actor);
  if (!z.uuid().safeParse(categoryId).success) return null;
  const db = await getDb();
  const [row] = await db
    .select({ id: categories.id, name: categories.name, deadlineDays: categories.deadlineDays, charterId: serviceCharters.id })
    .from(categories)
    .leftJoin(serviceCharters, eq(serviceCharters.categoryId, categories.id))
    .where(and(eq(categories.id, categoryId), eq(categories.service, 'balcao')));
  return row && !row.charterId ? { id: row.id, name: row.name, deadlineDays: row.deadlineDays } : null;
}

/**
 * A new entry: for a Balcão service (`categoryId`; name, secretaria and deadline are the service's), or for
 * a service without online filing (its own `name`, `departmentId` and `deadlineText`).
 */
export async function createCharter(actor: Actor, input: { categoryId?: string } & Record<string, unknown>): Promise<AdminResult<ServiceCharter>> {
  assertAdmin(actor);
  const db = await getDb();
  const categoryId = input.categoryId?.trim() || undefined;
  const service = categoryId ? await getServiceWithoutCharter(actor, categoryId) : null;
  if (categoryId && !service) return refused('Este serviço do Balcão não existe ou já tem a sua entrada na Carta.');
  const checked = await check(db, input, !service);
  if (!checked.ok) return checked;
  const created = await db.transaction(async (tx) => {
    const [category] = service ? await tx.select({ slug: categories.slug }).from(categories).where(eq(categories.id, service.id)) : [];
    const slug = await freeSlug(tx, category?.slug ?? checked.own?.name ?? 'servico');
    const now = new Date();
    const [charter] = await tx
      .insert(serviceCharters)
      .values({
        slug,
        categoryId: service?.id ?? null,
        name: checked.own?.name ?? null,
        departmentId: checked.own?.departmentId ?? null,
        deadlineText: checked.own?.deadlineText ?? null,
        ...contentColumns(checked.content),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!charter) throw new Error('Insert returned no service charter');
    // A new entry changes no earlier version: its row says it was created (and the admin's note, if any).
    const note = checked.content.note ? `Entrada criada na Carta de Serviços. ${checked.content.note}` : 'Entrada criada na Carta de Serviços.';
    await recordChange(tx, actor, charter.id, [], note, now);
    return charter;
  });
  await catalogueChanged();
  return { ok: true, value: created };
}

export async function updateCharter(actor: Actor, id: string, input: Record<string, unknown>): Promise<AdminResult<ServiceCharter>> {
  assertAdmin(actor);
  const existing = await getCharterForEdit(actor, id);
  if (!existing) return refused('Entrada da Carta de Serviços não encontrada.');
  const db = await getDb();
  const checked = await check(db, input, existing.charter.categoryId === null);
  if (!checked.ok) return checked;
  const after = { ...contentColumns(checked.content), ...(checked.own ?? {}) };
  const fields = changedCharterFields(existing.charter, after);
  if (fields.length === 0 && !checked.content.note) return { ok: true, value: existing.charter };
  const updated = await db.transaction(async (tx) => {
    const now = new Date();
    const [charter] = await tx
      .update(serviceCharters)
      .set({ ...after, updatedAt: now })
      .where(eq(serviceCharters.id, id))
      .returning();
    if (!charter) throw new Error('Update returned no service charter');
    await recordChange(tx, actor, id, fields, checked.content.note ?? '', now);
    return charter;
  });
  await catalogueChanged();
  return { ok: true, value: updated };
}

/**
 * An admin's change to a Balcão service's name, secretaria or deadline changes what its Carta entry says:
 * the entry is dated again, and its history says so. Called by the category edit, inside its transaction.
 */
export async function recordServiceChangeOnCharter(db: Executor, actor: Actor, categoryId: string, fields: CharterField[]): Promise<void> {
  if (fields.length === 0) return;
  const now = new Date();
  const [charter] = await db.update(serviceCharters).set({ updatedAt: now }).where(eq(serviceCharters.categoryId, categoryId)).returning({ id: serviceCharters.id });
  if (charter) await recordChange(db, actor, charter.id, fields, 'Alterado no cadastro do serviço do Balcão.', now);
}

export { recordChange as recordCharterChange };
