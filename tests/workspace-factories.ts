import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { demands, departmentMembers, departments, users } from '@/lib/db/schema';
import type { StaffActor } from '@/lib/demands/workflow';
import { fileDemand } from '@/lib/demands/intake';
import type { Role } from '@/lib/domain/vocabulary';
import { balcaoInput, ouvidoriaInput } from './factories';

/** Staff and citizens of the workspace tests, created in the test's own database. */

export async function department(slug: string) {
  const db = await getDb();
  const [row] = await db.select().from(departments).where(eq(departments.slug, slug));
  if (!row) throw new Error(`No seeded department ${slug}`);
  return row;
}

let counter = 0;

export async function createUser(role: Role, options: { departments?: string[]; name?: string; email?: string; phone?: string; cpf?: string; appealInstances?: number[] } = {}): Promise<StaffActor & { email: string }> {
  const db = await getDb();
  counter += 1;
  const email = options.email ?? `${role}.${counter}.${crypto.randomUUID().slice(0, 8)}@teste.gov.br`;
  const [user] = await db
    .insert(users)
    .values({ email, name: options.name ?? `${role} ${counter}`, role, phone: options.phone ?? null, cpf: options.cpf ?? null, appealInstances: options.appealInstances ?? [] })
    .returning();
  if (!user) throw new Error('no user');
  const departmentIds: string[] = [];
  for (const slug of options.departments ?? []) {
    const d = await department(slug);
    await db.insert(departmentMembers).values({ userId: user.id, departmentId: d.id });
    departmentIds.push(d.id);
  }
  return { userId: user.id, name: user.name, role: user.role, departmentIds, appealInstances: user.appealInstances, email };
}

/** One of each: the cast of the authorization matrix. */
export async function createCast() {
  return {
    ombudsman: await createUser('ombudsman'),
    attendant: await createUser('attendant'),
    saude: await createUser('department', { departments: ['saude'] }),
    infraestrutura: await createUser('department', { departments: ['infraestrutura'] }),
    controle: await createUser('internal_control', { departments: ['controle-interno'] }),
    manager: await createUser('manager'),
    admin: await createUser('admin'),
    citizenA: await createUser('citizen', { name: 'Cidadã Alfa', email: `alfa.${crypto.randomUUID().slice(0, 6)}@exemplo.com.br` }),
    citizenB: await createUser('citizen', { name: 'Cidadão Beta' }),
  };
}
export type Cast = Awaited<ReturnType<typeof createCast>>;

export async function fileOuvidoria(overrides: Record<string, unknown> = {}, context: { requesterUserId?: string } = {}, now?: Date) {
  const result = await fileDemand(ouvidoriaInput(overrides), { channel: 'web', ...context }, { now });
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result.demand;
}

export async function fileBalcao(overrides: Record<string, unknown> = {}, context: { requesterUserId?: string } = {}, now?: Date) {
  const result = await fileDemand(await balcaoInput(overrides), { channel: 'web', ...context }, { now });
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result.demand;
}

export async function demandRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(demands).where(eq(demands.id, id));
  if (!row) throw new Error(`No demand ${id}`);
  return row;
}

export function expectOk<T extends { ok: boolean }>(result: T): asserts result is Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`Expected success, got ${JSON.stringify(result)}`);
}
