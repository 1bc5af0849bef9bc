import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/guards';
import { createCategory, updateCategory } from '@/lib/admin/categories';
import { createDepartment, setDepartmentActive, updateDepartment } from '@/lib/admin/departments';
import { stopListeningForCatalogueEdits } from '@/lib/db/queries/catalogue-cache';
import { findBalcaoServiceBySlug, listActiveDepartments, listBalcaoServices, listOuvidoriaSubjects } from '@/lib/db/queries/catalogue';
import { fileDemand } from '@/lib/demands/intake';
import { balcaoCategory, balcaoInput, ouvidoriaInput } from '../factories';
import { createUser } from '../account-factories';

/** The forms read the catalogue from the process's snapshot; every admin edit must show at once. */

let admin: Actor;

beforeAll(async () => {
  admin = await createUser({ role: 'admin' });
});

function serviceEdit(category: Awaited<ReturnType<typeof balcaoCategory>>, changes: Record<string, unknown>) {
  return {
    name: category.name,
    description: category.description,
    departmentId: category.departmentId,
    deadlineDays: String(category.deadlineDays),
    active: category.active ? 'on' : '',
    fields: category.fields.map((field) => ({ ...field, required: field.required ? 'on' : '', options: field.options?.join('\n') })),
    ...changes,
  };
}

describe('the catalogue the forms show', () => {
  it('shows an admin edit on the next render of the form', async () => {
    const category = await balcaoCategory('capina-e-rocada');
    expect(await findBalcaoServiceBySlug({ slug: 'capina-e-rocada' })).toMatchObject({ deadlineDays: category.deadlineDays });

    const edited = await updateCategory(admin, category.id, serviceEdit(category, { name: 'Capina, roçada e poda baixa', deadlineDays: '12' }));
    expect(edited).toMatchObject({ ok: true });

    expect(await findBalcaoServiceBySlug({ slug: 'capina-e-rocada' })).toMatchObject({ name: 'Capina, roçada e poda baixa', deadlineDays: 12 });
    expect((await listBalcaoServices({ query: 'poda baixa' })).map((service) => service.slug)).toEqual(['capina-e-rocada']);
  });

  it('offers a new subject and a new secretaria at once, and hides a deactivated secretaria at once', async () => {
    expect((await listOuvidoriaSubjects()).map((subject) => subject.name)).not.toContain('Iluminação de praças');
    const department = await createDepartment(admin, { name: 'Secretaria de Esportes' });
    if (!department.ok) throw new Error('department not created');
    const subject = await createCategory(admin, { service: 'ouvidoria', name: 'Iluminação de praças', departmentId: department.value.id, active: 'on' });
    expect(subject).toMatchObject({ ok: true });
    expect((await listOuvidoriaSubjects()).map((s) => s.name)).toContain('Iluminação de praças');
    expect((await listActiveDepartments()).map((d) => d.name)).toContain('Secretaria de Esportes');

    await updateDepartment(admin, department.value.id, { name: 'Secretaria de Esportes e Lazer' });
    expect((await listActiveDepartments()).map((d) => d.name)).toContain('Secretaria de Esportes e Lazer');

    if (!subject.ok) return;
    await updateCategory(admin, subject.value.id, { name: 'Iluminação de praças', departmentId: department.value.id, active: '' });
    expect(await setDepartmentActive(admin, department.value.id, false)).toMatchObject({ ok: true });
    expect((await listActiveDepartments()).map((d) => d.name)).not.toContain('Secretaria de Esportes e Lazer');
    expect((await listOuvidoriaSubjects()).map((s) => s.name)).not.toContain('Iluminação de praças');
  });
});

describe('the intake after an edit', () => {
  it('refuses a service the moment an admin deactivates it', async () => {
    const category = await balcaoCategory('tapa-buraco');
    expect(await fileDemand(await balcaoInput(), { channel: 'web' })).toMatchObject({ ok: true });

    await updateCategory(admin, category.id, serviceEdit(category, { active: '' }));

    expect(await fileDemand(await balcaoInput(), { channel: 'web' })).toEqual({
      ok: false,
      fieldErrors: { categoryId: ['Este serviço não está disponível. Escolha outro no catálogo.'] },
    });
    await updateCategory(admin, category.id, serviceEdit(category, { active: 'on' }));
    expect(await fileDemand(await balcaoInput(), { channel: 'web' })).toMatchObject({ ok: true });
  });

  it('refuses a suggested secretaria the moment it is deactivated', async () => {
    const department = await createDepartment(admin, { name: 'Secretaria de Turismo' });
    if (!department.ok) throw new Error('department not created');
    const input = ouvidoriaInput({ suggestedDepartmentId: department.value.id });
    expect(await fileDemand(input, { channel: 'web' })).toMatchObject({ ok: true });

    await setDepartmentActive(admin, department.value.id, false);

    expect(await fileDemand(input, { channel: 'web' })).toMatchObject({ ok: false, fieldErrors: { suggestedDepartmentId: ['Escolha uma secretaria da lista.'] } });
  });
});

// Another web instance on the same PostgreSQL: its edit reaches this one's snapshot by NOTIFY. (PGlite is
// one process: there the edit itself forgets the snapshot.)
describe.runIf(process.env.TEST_DATABASE_URL)('an edit made by another web instance', () => {
  const url = process.env.TEST_DATABASE_URL ?? '';
  const otherInstance = postgres(url, { max: 1, onnotice: () => {} });
  const environment = { runtime: process.env.NEXT_RUNTIME, url: process.env.DATABASE_URL };

  beforeAll(() => {
    // What a Next.js server on this database has; the listener starts only there.
    process.env.NEXT_RUNTIME = 'nodejs';
    process.env.DATABASE_URL = url;
  });
  afterAll(async () => {
    await stopListeningForCatalogueEdits();
    await otherInstance.end();
    process.env.NEXT_RUNTIME = environment.runtime;
    if (environment.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = environment.url;
  });

  it('shows here as soon as its notification arrives', async () => {
    const subjectNames = async () => (await listOuvidoriaSubjects()).map((subject) => subject.name);
    await subjectNames();
    await vi.waitFor(async () => {
      const [row] = await otherInstance`select count(*)::int as listening from pg_stat_activity where datname = current_database() and query ilike 'listen%'`;
      expect(row?.listening).toBe(1);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await subjectNames()).toContain('Obras públicas');

    await otherInstance`update categories set name = 'Obras públicas e reformas' where service = 'ouvidoria' and slug = 'obras'`;
    expect(await subjectNames()).toContain('Obras públicas');
    await otherInstance`select pg_notify('ouvidoria_catalogue_changed', '')`;

    await vi.waitFor(async () => expect(await subjectNames()).toContain('Obras públicas e reformas'), { timeout: 5000 });
  });
});
