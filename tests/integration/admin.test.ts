import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { categories, departmentMembers, departments, identityAccessLog } from '@/lib/db/schema';
import { AuthorizationError, type Actor } from '@/lib/auth/guards';
import { authenticateWithPassword } from '@/lib/auth/password-sign-in';
import { createDepartment, getDepartment, listDepartments, setDepartmentActive, updateDepartment } from '@/lib/admin/departments';
import { createCategory, getCategory, listCategories, updateCategory } from '@/lib/admin/categories';
import { createStaffUser, getUser, listUsers, resetUserPassword, setUserActive, updateUserAccess } from '@/lib/admin/users';
import { createAnswerTemplate, deleteAnswerTemplate, listAnswerTemplates, updateAnswerTemplate } from '@/lib/admin/answer-templates';
import { listIdentityAccess, listLoggedViewers } from '@/lib/admin/identity-access-log';
import { fileDemand } from '@/lib/demands/intake';
import { ROLES } from '@/lib/domain/vocabulary';
import { balcaoCategory, ouvidoriaInput } from '../factories';
import { createUser, TEST_PASSWORD } from '../account-factories';

let admin: Actor;

async function departmentBySlug(slug: string) {
  const db = await getDb();
  const [department] = await db.select().from(departments).where(eq(departments.slug, slug));
  if (!department) throw new Error(`no department ${slug}`);
  return department;
}

beforeAll(async () => {
  admin = await createUser({ role: 'admin' });
});

describe('admin use cases refuse everyone but an admin', () => {
  const someId = '00000000-0000-4000-8000-000000000000';
  const useCases: [string, (actor: Actor) => Promise<unknown>][] = [
    ['listDepartments', (a) => listDepartments(a)],
    ['getDepartment', (a) => getDepartment(a, someId)],
    ['createDepartment', (a) => createDepartment(a, { name: 'Secretaria Intrusa' })],
    ['updateDepartment', (a) => updateDepartment(a, someId, { name: 'Outro nome' })],
    ['setDepartmentActive', (a) => setDepartmentActive(a, someId, false)],
    ['listCategories', (a) => listCategories(a)],
    ['getCategory', (a) => getCategory(a, someId)],
    ['createCategory', (a) => createCategory(a, {})],
    ['updateCategory', (a) => updateCategory(a, someId, {})],
    ['listUsers', (a) => listUsers(a)],
    ['getUser', (a) => getUser(a, someId)],
    ['createStaffUser', (a) => createStaffUser(a, {})],
    ['updateUserAccess', (a) => updateUserAccess(a, someId, { role: 'admin' })],
    ['setUserActive', (a) => setUserActive(a, someId, false)],
    ['resetUserPassword', (a) => resetUserPassword(a, someId, {})],
    ['listAnswerTemplates', (a) => listAnswerTemplates(a)],
    ['createAnswerTemplate', (a) => createAnswerTemplate(a, {})],
    ['updateAnswerTemplate', (a) => updateAnswerTemplate(a, someId, {})],
    ['deleteAnswerTemplate', (a) => deleteAnswerTemplate(a, someId)],
    ['listIdentityAccess', (a) => listIdentityAccess(a)],
    ['listLoggedViewers', (a) => listLoggedViewers(a)],
  ];
  const nonAdminRoles = ROLES.filter((role) => role !== 'admin');

  it.each(nonAdminRoles)('refuses %s with 403 for every admin use case, changing nothing', async (role) => {
    const actor = await createUser({ role, departmentSlugs: role === 'department' ? ['infraestrutura'] : [] });
    for (const [name, run] of useCases) {
      const outcome = await run(actor).then(
        () => 'allowed',
        (error: unknown) => (error instanceof AuthorizationError ? error.status : error),
      );
      expect([name, outcome]).toEqual([name, 403]);
    }
    const db = await getDb();
    expect(await db.select().from(departments).where(eq(departments.name, 'Secretaria Intrusa'))).toHaveLength(0);
  });

  it('refuses a missing actor with 401', async () => {
    await expect(listUsers(null as unknown as Actor)).rejects.toMatchObject({ status: 401 });
  });
});

describe('departments', () => {
  it('creates, renames and marks a department, keeping its slug', async () => {
    const created = await createDepartment(admin, { name: 'Secretaria de Esportes', acronym: 'SEMESP', email: 'esportes@exemplo.gov.br' });
    if (!created.ok) throw new Error(JSON.stringify(created));
    expect(created.value).toMatchObject({ slug: 'secretaria-de-esportes', active: true, isInternalControl: false });
    const again = await createDepartment(admin, { name: 'Secretaria de Esportes' });
    expect(again.ok && again.value.slug).toBe('secretaria-de-esportes-2');

    const renamed = await updateDepartment(admin, created.value.id, { name: 'Secretaria de Esportes e Lazer', acronym: '', email: '' });
    expect(renamed).toMatchObject({ ok: true, value: { name: 'Secretaria de Esportes e Lazer', slug: 'secretaria-de-esportes', acronym: null, email: null } });
  });

  it('keeps a single Controle Interno', async () => {
    const created = await createDepartment(admin, { name: 'Corregedoria Paralela', isInternalControl: 'on' });
    expect(created).toMatchObject({ ok: false, fieldErrors: { isInternalControl: [expect.stringContaining('já é')] } });
  });

  it('refuses to deactivate a department that still owns active services, then allows it once they move', async () => {
    const created = await createDepartment(admin, { name: 'Secretaria Temporária' });
    if (!created.ok) throw new Error('create failed');
    const category = await createCategory(admin, { service: 'balcao', name: 'Serviço temporário', departmentId: created.value.id, deadlineDays: '10', active: 'on' });
    if (!category.ok) throw new Error(JSON.stringify(category));
    const refused = await setDepartmentActive(admin, created.value.id, false);
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('1 serviço') });
    const other = await departmentBySlug('infraestrutura');
    await updateCategory(admin, category.value.id, { name: 'Serviço temporário', departmentId: other.id, deadlineDays: '10', active: 'on' });
    expect(await setDepartmentActive(admin, created.value.id, false)).toMatchObject({ ok: true, value: { active: false } });
    const list = await listDepartments(admin);
    expect(list.find((row) => row.department.id === created.value.id)).toMatchObject({ activeCategories: 0, members: 0 });
  });
});

describe('categories', () => {
  it('creates a Balcão service with its own questions and deadline', async () => {
    const department = await departmentBySlug('meio-ambiente');
    const result = await createCategory(admin, {
      service: 'balcao',
      name: 'Conserto de banco de praça',
      description: 'Banco quebrado em praça pública.',
      departmentId: department.id,
      deadlineDays: '3',
      active: 'on',
      fields: [
        { name: 'material', label: 'De que é o banco?', type: 'select', required: 'on', options: 'Madeira\nConcreto\nOutro\n' },
        { name: 'ponto_de_referencia', label: 'Ponto de referência', type: 'text', hint: 'Perto de quê?' },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.value).toMatchObject({
      slug: 'conserto-de-banco-de-praca',
      deadlineDays: 3,
      fields: [
        { name: 'material', label: 'De que é o banco?', type: 'select', required: true, options: ['Madeira', 'Concreto', 'Outro'] },
        { name: 'ponto_de_referencia', label: 'Ponto de referência', type: 'text', required: false, hint: 'Perto de quê?' },
      ],
    });
  });

  it('reports every wrong question by its row', async () => {
    const department = await departmentBySlug('meio-ambiente');
    const result = await createCategory(admin, {
      service: 'balcao',
      name: 'Serviço com perguntas erradas',
      departmentId: department.id,
      deadlineDays: '',
      fields: [
        { name: 'Com Espaço', label: 'Ok?', type: 'text' },
        { name: 'escolha', label: 'Escolha uma', type: 'select', options: 'só uma' },
      ],
    });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        deadlineDays: [expect.any(String)],
        'fields.0.name': [expect.any(String)],
        'fields.1.options': [expect.stringContaining('2 opções')],
      },
    });
  });

  it('changes department, deadline and availability of an existing service; new demands follow it', async () => {
    const category = await balcaoCategory('retirada-de-entulho');
    const department = await departmentBySlug('meio-ambiente');
    const result = await updateCategory(admin, category.id, { name: category.name, description: category.description, departmentId: department.id, deadlineDays: '7', fields: [] });
    expect(result).toMatchObject({ ok: true, value: { departmentId: department.id, deadlineDays: 7, active: false, fields: [] } });
  });

  it('keeps the legal deadline for Ouvidoria subjects', async () => {
    const department = await departmentBySlug('infraestrutura');
    const result = await createCategory(admin, { service: 'ouvidoria', name: 'Calçadas', departmentId: department.id, deadlineDays: '5', active: 'on', fields: [{ name: 'x', label: 'Ignorada', type: 'text' }] });
    expect(result).toMatchObject({ ok: true, value: { deadlineDays: 30, fields: [] } });
  });
});

describe('users', () => {
  it('creates a department user who can sign in, with membership', async () => {
    const department = await departmentBySlug('infraestrutura');
    const result = await createStaffUser(admin, {
      name: 'Pedro da Infraestrutura',
      email: 'Pedro.Infra@Exemplo.gov.br',
      role: 'department',
      departmentIds: [department.id],
      password: 'senha-inicial-1',
      passwordConfirmation: 'senha-inicial-1',
    });
    if (!result.ok) throw new Error(JSON.stringify(result));
    const user = await getUser(admin, result.value.id);
    expect(user).toMatchObject({ email: 'pedro.infra@exemplo.gov.br', role: 'department', departmentIds: [department.id], active: true });
    expect(await authenticateWithPassword({ email: 'pedro.infra@exemplo.gov.br', password: 'senha-inicial-1', clientAddress: '10.0.0.1' })).toMatchObject({ ok: true });

    const duplicate = await createStaffUser(admin, { name: 'Outro', email: 'pedro.infra@exemplo.gov.br', role: 'attendant', password: 'senha-inicial-1', passwordConfirmation: 'senha-inicial-1' });
    expect(duplicate).toMatchObject({ ok: false, fieldErrors: { email: ['Já existe uma conta com este e-mail.'] } });
  });

  it('cannot create a citizen, nor a department user without a department', async () => {
    const citizen = await createStaffUser(admin, { name: 'Cidadã', email: 'cid@exemplo.com.br', role: 'citizen', password: 'senha-inicial-1', passwordConfirmation: 'senha-inicial-1' });
    expect(citizen).toMatchObject({ ok: false, fieldErrors: { role: [expect.any(String)] } });
    const orphan = await createStaffUser(admin, { name: 'Sem Secretaria', email: 'sem@exemplo.gov.br', role: 'department', password: 'senha-inicial-1', passwordConfirmation: 'senha-inicial-1' });
    expect(orphan).toMatchObject({ ok: false, fieldErrors: { departmentIds: [expect.any(String)] } });
    const control = await departmentBySlug('controle-interno');
    const wrongPlace = await createStaffUser(admin, { name: 'Lugar Errado', email: 'errado@exemplo.gov.br', role: 'department', departmentIds: control.id, password: 'senha-inicial-1', passwordConfirmation: 'senha-inicial-1' });
    expect(wrongPlace).toMatchObject({ ok: false, fieldErrors: { departmentIds: [expect.stringContaining('Controle Interno')] } });
  });

  it('changes role and membership together, dropping membership for roles without departments', async () => {
    const user = await createUser({ role: 'department', departmentSlugs: ['infraestrutura', 'meio-ambiente'] });
    const control = await departmentBySlug('controle-interno');
    expect(await updateUserAccess(admin, user.userId, { role: 'internal_control', departmentIds: [control.id] })).toEqual({ ok: true, value: undefined });
    expect(await getUser(admin, user.userId)).toMatchObject({ role: 'internal_control', departmentIds: [control.id] });
    expect(await updateUserAccess(admin, user.userId, { role: 'ombudsman', departmentIds: [control.id] })).toEqual({ ok: true, value: undefined });
    const db = await getDb();
    expect(await db.select().from(departmentMembers).where(eq(departmentMembers.userId, user.userId))).toHaveLength(0);
  });

  it('does not let an admin demote or deactivate themselves (the system keeps an admin)', async () => {
    expect(await updateUserAccess(admin, admin.userId, { role: 'ombudsman' })).toMatchObject({ ok: false });
    expect(await setUserActive(admin, admin.userId, false)).toMatchObject({ ok: false });
    expect(await getUser(admin, admin.userId)).toMatchObject({ role: 'admin', active: true });
    const other = await createUser({ role: 'admin' });
    expect(await setUserActive(admin, other.userId, false)).toEqual({ ok: true, value: undefined });
    expect(await updateUserAccess(admin, other.userId, { role: 'manager' })).toEqual({ ok: true, value: undefined });
  });

  it('deactivates an account so it can no longer sign in, and reactivates it', async () => {
    const user = await createUser({ role: 'attendant' });
    await setUserActive(admin, user.userId, false);
    expect(await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD, clientAddress: '10.0.0.2' })).toMatchObject({ ok: false });
    await setUserActive(admin, user.userId, true);
    expect(await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD, clientAddress: '10.0.0.2' })).toMatchObject({ ok: true });
  });

  // Since issue 9 failures no longer lock an account (they slow down the failing address); the reset
  // still forgets those slow-downs.
  it('resets a password and forgets the slow-downs of earlier failures', async () => {
    const user = await createUser({ role: 'attendant' });
    const waits: number[] = [];
    const wait = async (seconds: number) => void waits.push(seconds);
    for (let i = 0; i < 4; i++) await authenticateWithPassword({ email: user.email, password: 'errada', clientAddress: '10.0.1.1', wait });
    expect(waits.at(-1)).toBeGreaterThan(0);
    expect(await resetUserPassword(admin, user.userId, { password: 'nova-senha-boa', passwordConfirmation: 'outra' })).toMatchObject({ ok: false, fieldErrors: { passwordConfirmation: [expect.any(String)] } });
    expect(await resetUserPassword(admin, user.userId, { password: 'nova-senha-boa', passwordConfirmation: 'nova-senha-boa' })).toEqual({ ok: true, value: undefined });
    waits.length = 0;
    expect(await authenticateWithPassword({ email: user.email, password: 'nova-senha-boa', clientAddress: '10.0.1.1', wait })).toMatchObject({ ok: true });
    expect(waits).toEqual([0]);
    expect(await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD, clientAddress: '10.0.1.10', wait })).toMatchObject({ ok: false, reason: 'invalid_credentials' });
  });

  it('finds users by name or e-mail and by role', async () => {
    await createUser({ role: 'manager', name: 'Gerusa Procurável', email: 'gerusa@exemplo.gov.br' });
    expect((await listUsers(admin, { query: 'procurável' })).users.map((u) => u.email)).toEqual(['gerusa@exemplo.gov.br']);
    expect((await listUsers(admin, { query: 'GERUSA@' })).users).toHaveLength(1);
    expect((await listUsers(admin, { query: 'gerusa', role: 'citizen' })).users).toHaveLength(0);
    expect((await listUsers(admin, { query: '%' })).users).toHaveLength(0);
  });
});

describe('answer templates', () => {
  it('creates, edits, lists and deletes templates, general or per category', async () => {
    const category = await balcaoCategory('tapa-buraco');
    const general = await createAnswerTemplate(admin, { categoryId: '', title: 'Agradecimento', body: 'Agradecemos o contato com a Ouvidoria.' });
    const specific = await createAnswerTemplate(admin, { categoryId: category.id, title: 'Buraco fechado', body: 'A equipe fechou o buraco informado.' });
    if (!general.ok || !specific.ok) throw new Error('create failed');
    expect(await updateAnswerTemplate(admin, specific.value.id, { categoryId: category.id, title: 'Buraco tapado', body: 'A equipe tapou o buraco informado.' })).toEqual({ ok: true, value: undefined });
    const list = await listAnswerTemplates(admin);
    expect(list.map((row) => [row.template.title, row.categoryName])).toEqual([
      ['Agradecimento', null],
      ['Buraco tapado', category.name],
    ]);
    expect(await createAnswerTemplate(admin, { categoryId: crypto.randomUUID(), title: 'Órfão', body: 'Sem categoria existente.' })).toMatchObject({ ok: false, fieldErrors: { categoryId: [expect.any(String)] } });
    expect(await deleteAnswerTemplate(admin, general.value.id)).toEqual({ ok: true, value: undefined });
    expect(await deleteAnswerTemplate(admin, general.value.id)).toMatchObject({ ok: false });
    expect(await listAnswerTemplates(admin)).toHaveLength(1);
  });
});

describe('identity access log', () => {
  it('lists who saw which protected identity, newest first, filtered by protocol and by user', async () => {
    const ombudsman = await createUser({ role: 'ombudsman', name: 'Olga Ouvidora' });
    const other = await createUser({ role: 'ombudsman', name: 'Otávio Ouvidor' });
    const first = await fileDemand(ouvidoriaInput({ kind: 'denunciation', identity: 'confidential' }), { channel: 'web' });
    const second = await fileDemand(ouvidoriaInput({ kind: 'denunciation' }), { channel: 'web' });
    if (!first.ok || !second.ok) throw new Error('intake failed');
    const db = await getDb();
    await db.insert(identityAccessLog).values([
      { demandId: first.demand.id, userId: ombudsman.userId, accessedAt: new Date('2026-05-01T12:00:00Z') },
      { demandId: second.demand.id, userId: ombudsman.userId, accessedAt: new Date('2026-05-02T12:00:00Z') },
      { demandId: first.demand.id, userId: other.userId, accessedAt: new Date('2026-05-03T12:00:00Z') },
    ]);

    const all = await listIdentityAccess(admin);
    expect(all.entries.map((e) => [e.userName, e.protocol])).toEqual([
      ['Otávio Ouvidor', first.demand.protocol],
      ['Olga Ouvidora', second.demand.protocol],
      ['Olga Ouvidora', first.demand.protocol],
    ]);
    const byProtocol = await listIdentityAccess(admin, { protocol: first.demand.protocol.replaceAll('-', '') });
    expect(byProtocol.entries.map((e) => e.userName)).toEqual(['Otávio Ouvidor', 'Olga Ouvidora']);
    const byUser = await listIdentityAccess(admin, { userId: ombudsman.userId });
    expect(byUser.total).toBe(2);
    const both = await listIdentityAccess(admin, { userId: other.userId, protocol: second.demand.protocol });
    expect(both.entries).toHaveLength(0);
    expect((await listIdentityAccess(admin, { protocol: '2026-000001-0' })).protocolError).toBeTruthy();
    expect((await listLoggedViewers(admin)).map((u) => u.name)).toEqual(['Olga Ouvidora', 'Otávio Ouvidor']);
  });
});

describe('categories the admin deactivates', () => {
  it('are no longer offered to intake', async () => {
    const category = await balcaoCategory('capina-e-rocada');
    await updateCategory(admin, category.id, { name: category.name, departmentId: category.departmentId, deadlineDays: String(category.deadlineDays), fields: category.fields.map((f) => ({ ...f, required: f.required ? 'on' : '', options: f.options?.join('\n') })) });
    const db = await getDb();
    const [row] = await db.select().from(categories).where(eq(categories.id, category.id));
    expect(row?.active).toBe(false);
    expect(row?.fields).toEqual(category.fields);
  });
});
