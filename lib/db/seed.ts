import { count, eq, sql } from 'drizzle-orm';
import { hash } from '@node-rs/argon2';
import { municipality } from '@/lib/municipality';
import type { Database } from './client';
import { categories, demands, departmentMembers, departments, neighbourhoods, users } from './schema';
import type { Role } from '@/lib/domain/vocabulary';
import { seedDemoDemands } from '@/lib/demands/demo-demands';

/** Development-only accounts, documented in the README. Never seeded with DEMO_ACCOUNTS=off. */
export const DEMO_PASSWORD = 'demo12345';
export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; departments?: string[] }[] = [
  { email: 'admin@demo.gov.br', name: 'Ana Administradora', role: 'admin' },
  { email: 'ouvidor@demo.gov.br', name: 'Olavo Ouvidor', role: 'ombudsman' },
  { email: 'atendente@demo.gov.br', name: 'Beatriz Atendente', role: 'attendant' },
  { email: 'infraestrutura@demo.gov.br', name: 'Carlos da Infraestrutura', role: 'department', departments: ['infraestrutura'] },
  { email: 'meioambiente@demo.gov.br', name: 'Marina do Meio Ambiente', role: 'department', departments: ['meio-ambiente'] },
  { email: 'controle@demo.gov.br', name: 'Célia do Controle Interno', role: 'internal_control', departments: ['controle-interno'] },
  { email: 'gestor@demo.gov.br', name: 'Gustavo Gestor', role: 'manager' },
  { email: 'cidadao@demo.gov.br', name: 'Joana Cidadã', role: 'citizen' },
];

export async function isDatabaseSeeded(db: Database): Promise<boolean> {
  const [row] = await db.select({ total: count() }).from(departments);
  return (row?.total ?? 0) > 0;
}

/** Reference data from the municipality config, demo accounts and demo demands. Safe to run twice. */
export async function seedDatabase(db: Database, options: { demoDemands?: number; demoAccounts?: boolean } = {}): Promise<void> {
  await seedReferenceData(db);
  if (options.demoAccounts ?? process.env.DEMO_ACCOUNTS !== 'off') await seedDemoAccounts(db);
  const [existing] = await db.select({ total: count() }).from(demands);
  if ((options.demoDemands ?? 0) > 0 && (existing?.total ?? 0) === 0) {
    await seedDemoDemands(db, options.demoDemands ?? 0);
  }
}

export async function seedReferenceData(db: Database): Promise<void> {
  await db
    .insert(departments)
    .values(municipality.departments.map((d) => ({ ...d, isInternalControl: d.isInternalControl ?? false })))
    .onConflictDoUpdate({
      target: departments.slug,
      set: { name: sql`excluded.name`, acronym: sql`excluded.acronym`, email: sql`excluded.email`, isInternalControl: sql`excluded.is_internal_control` },
    });
  const departmentIds = new Map((await db.select({ id: departments.id, slug: departments.slug }).from(departments)).map((d) => [d.slug, d.id]));
  const departmentId = (slug: string) => {
    const id = departmentIds.get(slug);
    if (!id) throw new Error(`Municipality config names an unknown department: ${slug}`);
    return id;
  };

  const categoryRows = [
    ...municipality.services.map((s) => ({
      service: 'balcao' as const,
      slug: s.slug,
      name: s.name,
      description: s.description,
      departmentId: departmentId(s.department),
      deadlineDays: s.deadlineDays,
      fields: s.fields ?? [],
    })),
    ...municipality.ouvidoriaSubjects.map((s) => ({
      service: 'ouvidoria' as const,
      slug: s.slug,
      name: s.name,
      description: '',
      departmentId: departmentId(s.department),
      deadlineDays: 30,
      fields: [],
    })),
  ];
  await db
    .insert(categories)
    .values(categoryRows)
    .onConflictDoUpdate({
      target: [categories.service, categories.slug],
      set: {
        name: sql`excluded.name`,
        description: sql`excluded.description`,
        departmentId: sql`excluded.department_id`,
        deadlineDays: sql`excluded.deadline_days`,
        fields: sql`excluded.fields`,
      },
    });

  await db
    .insert(neighbourhoods)
    .values(municipality.neighbourhoods.map((n) => ({ name: n.name, district: n.district ?? null })))
    .onConflictDoNothing({ target: neighbourhoods.name });
}

async function seedDemoAccounts(db: Database): Promise<void> {
  const passwordHash = await hash(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    const [user] = await db
      .insert(users)
      .values({ email: account.email, name: account.name, role: account.role, passwordHash, emailVerified: new Date() })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) continue;
    for (const slug of account.departments ?? []) {
      const [department] = await db.select({ id: departments.id }).from(departments).where(eq(departments.slug, slug));
      if (department) await db.insert(departmentMembers).values({ userId: user.id, departmentId: department.id }).onConflictDoNothing();
    }
  }
}
