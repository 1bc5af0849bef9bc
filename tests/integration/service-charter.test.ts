import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuthorizationError, type Actor } from '@/lib/auth/guards';
import { updateCategory } from '@/lib/admin/categories';
import { getDb } from '@/lib/db/client';
import { catalogueChanged } from '@/lib/db/queries/catalogue-cache';
import { findCharterEntry, findCharterEntryForBalcaoService, listCharterChanges, listCharterEntries } from '@/lib/db/queries/service-charter';
import { categories, departments, serviceCharterChanges, serviceCharters } from '@/lib/db/schema';
import { CHARTER_CSV_HEADER } from '@/lib/domain/service-charter';
import { ROLES } from '@/lib/domain/vocabulary';
import { municipality } from '@/lib/municipality';
import { DEMO_OWN_SERVICES, seedDemoServiceCharter } from '@/lib/service-charter/demo-charter';
import { createCharter, getCharterForEdit, listCharterForAdmin, updateCharter } from '@/lib/service-charter/editing';
import { charterCsvResponse, charterJsonResponse, charterPdfResponse } from '@/lib/service-charter/publication';
import { createUser } from '../account-factories';

let admin: Actor;

async function idOf(table: typeof departments | typeof categories, slug: string): Promise<string> {
  const db = await getDb();
  const [row] = await db.select({ id: table.id }).from(table).where(eq(table.slug, slug));
  if (!row) throw new Error(`no ${slug}`);
  return row.id;
}

async function charterBySlug(slug: string) {
  const db = await getDb();
  const [row] = await db.select().from(serviceCharters).where(eq(serviceCharters.slug, slug));
  if (!row) throw new Error(`no charter ${slug}`);
  return row;
}

/** The form as an admin posts it back unchanged, with `changes` on top. */
async function formOf(slug: string, changes: Record<string, unknown> = {}) {
  const charter = await charterBySlug(slug);
  return {
    name: charter.name ?? undefined,
    departmentId: charter.departmentId ?? undefined,
    deadlineText: charter.deadlineText ?? undefined,
    summary: charter.summary,
    audience: charter.audience,
    requirements: charter.requirements.join('\n'),
    documents: charter.documents.join('\n'),
    steps: charter.steps.join('\n'),
    channels: charter.channels,
    priorityRules: charter.priorityRules,
    expectedWait: charter.expectedWait,
    fees: charter.fees,
    location: charter.location,
    hours: charter.hours,
    lifeEvents: charter.lifeEvents,
    published: charter.published ? 'on' : '',
    ...changes,
  };
}

beforeAll(async () => {
  admin = await createUser({ role: 'admin', name: 'Ana Administradora' });
  await seedDemoServiceCharter(await getDb());
  await catalogueChanged();
});

describe('the published Carta', () => {
  it('has an entry for every Balcão service and for the services without online filing', async () => {
    const entries = await listCharterEntries();
    expect(entries).toHaveLength(municipality.services.length + DEMO_OWN_SERVICES.length);
    expect(entries.find((entry) => entry.slug === 'tapa-buraco')).toMatchObject({
      name: 'Tapa-buraco',
      balcaoSlug: 'tapa-buraco',
      deadlineDays: 15,
      departmentName: 'Secretaria Municipal de Infraestrutura',
    });
    expect(entries.find((entry) => entry.slug === 'certidao-negativa-de-debitos')).toMatchObject({ balcaoSlug: null, deadlineDays: null, deadlineText: expect.stringContaining('No ato') });
  });

  it('finds services by words anywhere in the entry, accents and case aside', async () => {
    const slugs = async (query: string) => (await listCharterEntries({ query })).map((entry) => entry.slug);
    expect(await slugs('ARVORE')).toEqual(['poda-de-arvore', 'remocao-de-arvore']);
    expect(await slugs('certidao negativa')).toEqual(['certidao-negativa-de-debitos']);
    // In the documents only.
    expect(await slugs('certidão de nascimento')).toEqual(['vaga-em-creche']);
    expect(await slugs('xyzzy')).toEqual([]);
  });

  it('browses by secretaria and by life event', async () => {
    const agricultura = await idOf(departments, 'agricultura');
    expect((await listCharterEntries({ departmentId: agricultura })).map((entry) => entry.slug)).toEqual(['estrada-rural']);
    const meioAmbiente = await idOf(departments, 'meio-ambiente');
    const ofMeioAmbiente = await listCharterEntries({ departmentId: meioAmbiente });
    expect(ofMeioAmbiente.map((entry) => entry.slug)).toContain('castracao-de-caes-e-gatos');
    expect(ofMeioAmbiente.every((entry) => entry.departmentId === meioAmbiente)).toBe(true);
    expect((await listCharterEntries({ query: 'castração', departmentId: meioAmbiente })).map((entry) => entry.slug)).toEqual(['castracao-de-caes-e-gatos']);
    expect((await listCharterEntries({ lifeEvent: 'vida-no-campo' })).map((entry) => entry.slug)).toEqual(['estrada-rural']);
  });

  it('states the Balcão service’s own deadline, and dates the entry again when an admin changes it there', async () => {
    const categoryId = await idOf(categories, 'iluminacao-publica');
    const before = await charterBySlug('iluminacao-publica');
    const db = await getDb();
    const [category] = await db.select().from(categories).where(eq(categories.id, categoryId));
    if (!category) throw new Error('no category');
    const result = await updateCategory(admin, categoryId, {
      name: category.name,
      description: category.description,
      departmentId: category.departmentId,
      deadlineDays: '7',
      active: 'on',
      fields: category.fields.map((field) => ({ ...field, required: field.required ? 'on' : '', options: field.options?.join('\n') })),
    });
    expect(result.ok).toBe(true);
    const entry = await findCharterEntry({ slug: 'iluminacao-publica' });
    expect(entry).toMatchObject({ deadlineDays: 7 });
    expect(entry?.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect((await listCharterChanges({ charterId: before.id }))[0]).toMatchObject({ fields: ['deadlineText'] });
    expect(await findCharterEntryForBalcaoService({ categoryId })).toMatchObject({ deadlineDays: 7, documents: expect.arrayContaining([expect.stringContaining('poste')]) });
  });

  it('leaves out unpublished entries and withdrawn Balcão services', async () => {
    const db = await getDb();
    await db.update(serviceCharters).set({ published: false }).where(eq(serviceCharters.slug, 'cadastro-unico'));
    await db.update(categories).set({ active: false }).where(eq(categories.slug, 'cata-treco'));
    await catalogueChanged();
    const slugs = (await listCharterEntries()).map((entry) => entry.slug);
    expect(slugs).not.toContain('cadastro-unico');
    expect(slugs).not.toContain('cata-treco');
    expect(await findCharterEntryForBalcaoService({ categoryId: await idOf(categories, 'cata-treco') })).toBeUndefined();
    await db.update(serviceCharters).set({ published: true }).where(eq(serviceCharters.slug, 'cadastro-unico'));
    await db.update(categories).set({ active: true }).where(eq(categories.slug, 'cata-treco'));
    await catalogueChanged();
  });
});

describe('editing the Carta', () => {
  it('saves a change with its history row (who, when, what) and shows it on the page at once', async () => {
    const before = await charterBySlug('tapa-buraco');
    const result = await updateCharter(admin, before.id, await formOf('tapa-buraco', { fees: 'Gratuito, sem taxa de vistoria.', documents: 'Endereço\nFoto do buraco', note: 'Taxas revisadas.' }));
    expect(result).toMatchObject({ ok: true, value: { fees: 'Gratuito, sem taxa de vistoria.', documents: ['Endereço', 'Foto do buraco'] } });
    const edited = await getCharterForEdit(admin, before.id);
    expect(edited?.history[0]).toMatchObject({ changedByName: 'Ana Administradora', fields: ['documents', 'fees'], note: 'Taxas revisadas.' });
    expect(edited?.charter.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect(edited?.history[0]?.changedAt.getTime()).toBe(edited?.charter.updatedAt.getTime());
    expect(await findCharterEntry({ slug: 'tapa-buraco' })).toMatchObject({ fees: 'Gratuito, sem taxa de vistoria.' });
  });

  it('writes nothing when nothing changed', async () => {
    const charter = await charterBySlug('capina-e-rocada');
    const db = await getDb();
    const count = async () => (await db.select().from(serviceCharterChanges).where(eq(serviceCharterChanges.charterId, charter.id))).length;
    const rows = await count();
    expect(await updateCharter(admin, charter.id, await formOf('capina-e-rocada'))).toMatchObject({ ok: true });
    expect(await count()).toBe(rows);
    expect((await charterBySlug('capina-e-rocada')).updatedAt).toEqual(charter.updatedAt);
  });

  it('refuses an incomplete entry with every error in Portuguese, changing nothing', async () => {
    const charter = await charterBySlug('ponto-de-onibus');
    const result = await updateCharter(admin, charter.id, await formOf('ponto-de-onibus', { summary: 'curto', steps: '\n  \n', channels: [], fees: '', lifeEvents: ['festa'] }));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        summary: ['Diga o que é o serviço em pelo menos 10 caracteres.'],
        steps: ['Escreva pelo menos uma etapa, uma por linha.'],
        channels: ['Marque pelo menos uma forma de atendimento.'],
        fees: ['Informe as taxas, ou escreva "Gratuito".'],
        'lifeEvents.0': ['Escolha eventos da vida da lista.'],
      },
    });
    expect(await charterBySlug('ponto-de-onibus')).toEqual(charter);
  });

  it('creates a service without online filing, with its own name, secretaria and deadline', async () => {
    const result = await createCharter(admin, {
      name: 'Segunda via do carnê de IPTU',
      departmentId: await idOf(departments, 'planejamento'),
      deadlineText: 'No ato.',
      summary: 'Emissão da segunda via do carnê do IPTU do ano.',
      audience: 'Proprietário ou possuidor do imóvel.',
      documents: 'Número do cadastro imobiliário',
      steps: 'Compareça ao balcão.\nReceba a segunda via impressa.',
      channels: ['in_person'],
      priorityRules: 'Atendimento prioritário conforme a Lei nº 10.048/2000.',
      expectedWait: 'Até 15 minutos.',
      fees: 'Gratuito.',
      location: 'Balcão da Cidadania',
      hours: 'Segunda a sexta, das 8h às 16h30',
      lifeEvents: ['impostos-e-documentos'],
      published: 'on',
    });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.value).toMatchObject({ slug: 'segunda-via-do-carne-de-iptu', categoryId: null });
    expect(await findCharterEntry({ slug: 'segunda-via-do-carne-de-iptu' })).toMatchObject({ deadlineText: 'No ato.', balcaoSlug: null, departmentName: 'Secretaria Municipal de Planejamento' });
    expect((await getCharterForEdit(admin, result.value.id))?.history).toHaveLength(1);
    expect((await listCharterEntries({ query: 'iptu' })).map((entry) => entry.slug)).toContain('segunda-via-do-carne-de-iptu');
  });

  it('refuses a second entry for a Balcão service that has one, and asks a new service for its own fields', async () => {
    expect(await createCharter(admin, await formOf('tapa-buraco', { categoryId: await idOf(categories, 'tapa-buraco') }))).toMatchObject({ ok: false, message: expect.stringContaining('já tem') });
    expect(await createCharter(admin, await formOf('tapa-buraco'))).toMatchObject({
      ok: false,
      fieldErrors: { name: ['Informe o nome do serviço.'], departmentId: ['Escolha a secretaria responsável.'], deadlineText: ['Informe o prazo.'] },
    });
    expect(await listCharterForAdmin(admin)).toContainEqual(expect.objectContaining({ name: 'Tapa-buraco', online: true, published: true }));
  });

  it.each(ROLES.filter((role) => role !== 'admin'))('refuses %s (403) on every editing use case, changing nothing', async (role) => {
    const actor = await createUser({ role, departmentSlugs: role === 'department' ? ['infraestrutura'] : [] });
    const charter = await charterBySlug('animal-morto');
    const form = await formOf('animal-morto', { fees: 'R$ 1.000,00' });
    const attempts: [string, () => Promise<unknown>][] = [
      ['listCharterForAdmin', () => listCharterForAdmin(actor)],
      ['getCharterForEdit', () => getCharterForEdit(actor, charter.id)],
      ['updateCharter', () => updateCharter(actor, charter.id, form)],
      ['createCharter', () => createCharter(actor, { ...form, name: 'Serviço intruso', departmentId: charter.departmentId, deadlineText: 'já' })],
    ];
    for (const [name, attempt] of attempts) {
      const outcome = await attempt().then(
        () => 'allowed',
        (error: unknown) => (error instanceof AuthorizationError ? error.status : error),
      );
      expect([name, outcome]).toEqual([name, 403]);
    }
    expect(await charterBySlug('animal-morto')).toEqual(charter);
  });
});

describe('the Carta as open data and PDF', () => {
  it('publishes in JSON and CSV exactly the entries the pages show', async () => {
    const entries = await listCharterEntries();
    const json = (await (await charterJsonResponse()).json()) as { servicos: { slug: string; prazo_dias: number | null; atualizada_em: string; pedido_online: string | null }[] };
    expect(json.servicos.map((record) => record.slug)).toEqual(entries.map((entry) => entry.slug));
    for (const entry of entries) {
      expect(json.servicos.find((record) => record.slug === entry.slug)).toMatchObject({
        prazo_dias: entry.deadlineDays,
        atualizada_em: entry.updatedAt.toISOString(),
        pedido_online: entry.balcaoSlug ? expect.stringMatching(new RegExp(`/balcao/${entry.balcaoSlug}$`)) : null,
      });
    }
    const csvResponse = await charterCsvResponse();
    expect(csvResponse.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csvResponse.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(CHARTER_CSV_HEADER.join(';'));
    expect(lines.slice(1).map((line) => line.split(';')[0])).toEqual(entries.map((entry) => entry.slug));
  });

  it('prints the whole Carta as a PDF', async () => {
    const response = await charterPdfResponse();
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(10_000);
  });
});
