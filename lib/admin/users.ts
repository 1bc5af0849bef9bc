import 'server-only';
import { and, asc, count, eq, ilike, inArray, ne, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { lineText } from '@/lib/domain/plain-text';
import { getDb, type Executor } from '@/lib/db/client';
import { departmentMembers, departments, users } from '@/lib/db/schema';
import { EmailSchema, fieldErrorsOf, type FieldErrors } from '@/lib/domain/intake-schema';
import { ROLES, type Role } from '@/lib/domain/vocabulary';
import { STAFF_ROLES, type Actor } from '@/lib/auth/guards';
import { hashPassword, NewPasswordSchema } from '@/lib/auth/password';
import { clearSignInFailures } from '@/lib/auth/password-sign-in';
import { assertAdmin, refused, type AdminResult } from './authorize';
import { endAllAuthSessions } from '@/lib/accounts/auth-sessions';
import { logSecurityAction } from './account-security';

export const USERS_PAGE_SIZE = 50;

/** Roles whose work is tied to departments; for the others membership means nothing and is not kept. */
export const ROLES_WITH_DEPARTMENTS = ['department', 'internal_control'] as const satisfies readonly Role[];

const departmentIdsField = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter((id) => id !== ''))
  .pipe(z.array(z.uuid({ error: 'Escolha secretarias da lista.' })));

/** The LAI appeal instances an appeal authority judges, from checkboxes ("1", "2"). */
const appealInstancesField = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter((v) => v !== ''))
  .pipe(z.array(z.enum(['1', '2'], { error: 'Escolha instâncias da lista.' })))
  .transform((values) => [...new Set(values.map(Number))].sort());

const AccessSchema = z.object({
  role: z.enum(ROLES, { error: 'Escolha o perfil.' }),
  departmentIds: departmentIdsField,
  appealInstances: appealInstancesField,
  /** The LGPD encarregado's permission (art. 41); absent from a form post that does not show it: unchanged. */
  dataProtectionOfficer: z
    .union([z.literal('on'), z.literal('off'), z.boolean()])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === true || value === 'on')),
});

/** An appeal authority judges at least one instance; the other roles keep none. */
function appealInstancesFor(role: Role, instances: number[]): { ok: true; value: number[] } | { ok: false; fieldErrors: FieldErrors } {
  if (role !== 'appeal_authority') return { ok: true, value: [] };
  if (!instances.length) return { ok: false, fieldErrors: { appealInstances: ['Escolha a instância (ou as instâncias) de recurso que esta pessoa julga.'] } };
  return { ok: true, value: instances };
}

const PasswordPairSchema = z
  .object({ password: NewPasswordSchema, passwordConfirmation: z.string({ error: 'Repita a senha.' }) })
  .refine((value) => value.password === value.passwordConfirmation, { path: ['passwordConfirmation'], error: 'As duas senhas não são iguais.' });

export const CreateStaffSchema = z
  .object({
    name: lineText({ error: 'Informe o nome.' }).min(3, { error: 'Informe o nome completo.' }).max(120, { error: 'O nome pode ter até 120 caracteres.' }),
    email: z.string({ error: 'Informe o e-mail.' }).pipe(EmailSchema),
    role: z.enum(STAFF_ROLES, { error: 'Escolha o perfil do servidor.' }),
    departmentIds: departmentIdsField,
    appealInstances: appealInstancesField,
    password: NewPasswordSchema,
    passwordConfirmation: z.string({ error: 'Repita a senha.' }),
  })
  .refine((value) => value.password === value.passwordConfirmation, { path: ['passwordConfirmation'], error: 'As duas senhas não são iguais.' });

type UserFilters = { query?: string; role?: string; page?: number };

export async function listUsers(actor: Actor, filters: UserFilters = {}) {
  assertAdmin(actor);
  const db = await getDb();
  const conditions: SQL[] = [];
  const query = filters.query?.trim();
  if (query) {
    const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const byText = or(ilike(users.name, pattern), ilike(users.email, pattern));
    if (byText) conditions.push(byText);
  }
  const role = ROLES.find((r) => r === filters.role);
  if (role) conditions.push(eq(users.role, role));
  const where = conditions.length ? and(...conditions) : undefined;
  const page = Math.max(1, Math.floor(filters.page ?? 1));
  const [rows, [total]] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active, createdAt: users.createdAt })
      .from(users)
      .where(where)
      .orderBy(asc(users.name), asc(users.email))
      .limit(USERS_PAGE_SIZE)
      .offset((page - 1) * USERS_PAGE_SIZE),
    db.select({ total: count() }).from(users).where(where),
  ]);
  const memberships = rows.length
    ? await db
        .select({ userId: departmentMembers.userId, name: departments.name })
        .from(departmentMembers)
        .innerJoin(departments, eq(departments.id, departmentMembers.departmentId))
        .where(inArray(departmentMembers.userId, rows.map((r) => r.id)))
    : [];
  return {
    users: rows.map((row) => ({ ...row, departments: memberships.filter((m) => m.userId === row.id).map((m) => m.name) })),
    total: total?.total ?? 0,
    page,
    pageCount: Math.max(1, Math.ceil((total?.total ?? 0) / USERS_PAGE_SIZE)),
  };
}

export async function getUser(actor: Actor, id: string) {
  assertAdmin(actor);
  if (!z.uuid().safeParse(id).success) return null;
  const db = await getDb();
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      phone: users.phone,
      role: users.role,
      appealInstances: users.appealInstances,
      dataProtectionOfficer: users.dataProtectionOfficer,
      active: users.active,
      emailVerified: users.emailVerified,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, id));
  if (!user) return null;
  const memberships = await db.select({ departmentId: departmentMembers.departmentId }).from(departmentMembers).where(eq(departmentMembers.userId, id));
  return { ...user, departmentIds: memberships.map((m) => m.departmentId) };
}

/** Memberships must name existing departments, fit the role, and the Controle Interno stays its own. */
async function checkMemberships(db: Executor, role: Role, departmentIds: string[]): Promise<FieldErrors> {
  if (!(ROLES_WITH_DEPARTMENTS as readonly Role[]).includes(role)) return {};
  if (departmentIds.length === 0) return { departmentIds: ['Escolha ao menos uma secretaria para este perfil.'] };
  const found = await db.select({ id: departments.id, isInternalControl: departments.isInternalControl }).from(departments).where(inArray(departments.id, departmentIds));
  if (found.length !== new Set(departmentIds).size) return { departmentIds: ['Escolha secretarias da lista.'] };
  if (role === 'internal_control' && found.some((d) => !d.isInternalControl)) {
    return { departmentIds: ['O perfil Controle Interno só pode pertencer ao Controle Interno.'] };
  }
  if (role === 'department' && found.some((d) => d.isInternalControl)) {
    return { departmentIds: ['Para trabalhar no Controle Interno, use o perfil Controle Interno.'] };
  }
  return {};
}

async function replaceMemberships(tx: Executor, userId: string, role: Role, departmentIds: string[]) {
  await tx.delete(departmentMembers).where(eq(departmentMembers.userId, userId));
  if (!(ROLES_WITH_DEPARTMENTS as readonly Role[]).includes(role)) return;
  const unique = [...new Set(departmentIds)];
  if (unique.length) await tx.insert(departmentMembers).values(unique.map((departmentId) => ({ userId, departmentId })));
}

/** Staff accounts are created by the admin with a first password to hand over; citizens sign up alone. */
export async function createStaffUser(actor: Actor, input: unknown): Promise<AdminResult<{ id: string }>> {
  assertAdmin(actor);
  const parsed = CreateStaffSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const data = parsed.data;
  const db = await getDb();
  const membershipErrors = await checkMemberships(db, data.role, data.departmentIds);
  if (Object.keys(membershipErrors).length) return { ok: false, fieldErrors: membershipErrors };
  const appealInstances = appealInstancesFor(data.role, data.appealInstances);
  if (!appealInstances.ok) return appealInstances;
  const passwordHash = await hashPassword(data.password);
  const created = await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ name: data.name, email: data.email, role: data.role, appealInstances: appealInstances.value, passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) return null;
    await replaceMemberships(tx, user.id, data.role, data.departmentIds);
    return user;
  });
  if (!created) return { ok: false, fieldErrors: { email: ['Já existe uma conta com este e-mail.'] } };
  return { ok: true, value: created };
}

async function activeAdminsOtherThan(db: Executor, userId: string): Promise<number> {
  const [row] = await db.select({ total: count() }).from(users).where(and(eq(users.role, 'admin'), eq(users.active, true), ne(users.id, userId)));
  return row?.total ?? 0;
}

/** Role and department membership, changed together (a department user without a department is useless). */
export async function updateUserAccess(actor: Actor, userId: string, input: unknown): Promise<AdminResult> {
  assertAdmin(actor);
  const user = await getUser(actor, userId);
  if (!user) return refused('Usuário não encontrado.');
  const parsed = AccessSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const { role, departmentIds, dataProtectionOfficer } = parsed.data;
  const appealInstances = appealInstancesFor(role, parsed.data.appealInstances);
  if (!appealInstances.ok) return appealInstances;
  if (dataProtectionOfficer && role === 'citizen') {
    return { ok: false, fieldErrors: { dataProtectionOfficer: ['O encarregado de dados precisa ter um perfil de servidor.'] } };
  }
  const db = await getDb();
  if (user.role === 'admin' && role !== 'admin') {
    if (userId === actor.userId) return refused('Você não pode tirar de si mesmo o perfil de administrador.', { role: ['Peça a outro administrador.'] });
    if ((await activeAdminsOtherThan(db, userId)) === 0) return refused('O sistema precisa de ao menos um administrador ativo.', { role: ['Este é o último administrador.'] });
  }
  const membershipErrors = await checkMemberships(db, role, departmentIds);
  if (Object.keys(membershipErrors).length) return { ok: false, fieldErrors: membershipErrors };
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        role,
        appealInstances: appealInstances.value,
        ...(dataProtectionOfficer === undefined ? {} : { dataProtectionOfficer: role !== 'citizen' && dataProtectionOfficer }),
      })
      .where(eq(users.id, userId));
    await replaceMemberships(tx, userId, role, departmentIds);
  });
  return { ok: true, value: undefined };
}

/** A deactivated account cannot sign in, and its open sessions stop working at the next request. */
export async function setUserActive(actor: Actor, userId: string, active: boolean): Promise<AdminResult> {
  assertAdmin(actor);
  const user = await getUser(actor, userId);
  if (!user) return refused('Usuário não encontrado.');
  if (!active && userId === actor.userId) return refused('Você não pode desativar a sua própria conta.');
  const db = await getDb();
  if (!active && user.role === 'admin' && (await activeAdminsOtherThan(db, userId)) === 0) {
    return refused('O sistema precisa de ao menos um administrador ativo.');
  }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ active }).where(eq(users.id, userId));
    // The guards refuse an inactive account's token anyway; ending the rows makes it visible and final.
    if (!active) await endAllAuthSessions(userId, tx);
    await logSecurityAction(tx, { actorId: actor.userId, subjectId: userId, action: active ? 'account_enabled' : 'account_disabled' });
  });
  return { ok: true, value: undefined };
}

/** Sets a new password for the user to receive from the admin, and lifts a sign-in lockout. */
export async function resetUserPassword(actor: Actor, userId: string, input: unknown): Promise<AdminResult> {
  assertAdmin(actor);
  const user = await getUser(actor, userId);
  if (!user) return refused('Usuário não encontrado.');
  const parsed = PasswordPairSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const db = await getDb();
  await db.update(users).set({ passwordHash: await hashPassword(parsed.data.password) }).where(eq(users.id, userId));
  await clearSignInFailures(user.email);
  return { ok: true, value: undefined };
}

export async function listDepartmentChoices(actor: Actor) {
  assertAdmin(actor);
  const db = await getDb();
  return db
    .select({ id: departments.id, name: departments.name, active: departments.active, isInternalControl: departments.isInternalControl })
    .from(departments)
    .orderBy(asc(departments.name));
}
