import { count, sql } from 'drizzle-orm';
import { hash } from '@node-rs/argon2';
import { municipality } from '@/lib/municipality';
import type { Database, Executor } from './client';
import { categories, demands, departmentMembers, departments, neighbourhoods, users } from './schema';
import type { Role } from '@/lib/domain/vocabulary';
import { seedDemoDemands, type DemoProgress } from '@/lib/demands/demo-demands';
import { seedDemoServiceCharter } from '@/lib/service-charter/demo-charter';
import { DEMO_EMAIL_DOMAIN, demoDataEnabled, demoDepartmentEmail } from './demo-data';
import { seconds } from './migrate';

/** Demo accounts, documented in the README; seeded only with demo data (see demoDataEnabled). */
export const DEMO_PASSWORD = 'demo12345';
export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; departments?: string[]; appealInstances?: number[]; dataProtectionOfficer?: boolean }[] = [
  { email: `admin@${DEMO_EMAIL_DOMAIN}`, name: 'Ana Administradora', role: 'admin' },
  { email: `ouvidor@${DEMO_EMAIL_DOMAIN}`, name: 'Olavo Ouvidor', role: 'ombudsman', dataProtectionOfficer: true },
  { email: `atendente@${DEMO_EMAIL_DOMAIN}`, name: 'Beatriz Atendente', role: 'attendant' },
  { email: `infraestrutura@${DEMO_EMAIL_DOMAIN}`, name: 'Carlos da Infraestrutura', role: 'department', departments: ['infraestrutura'] },
  { email: `meioambiente@${DEMO_EMAIL_DOMAIN}`, name: 'Marina do Meio Ambiente', role: 'department', departments: ['meio-ambiente'] },
  { email: `controle@${DEMO_EMAIL_DOMAIN}`, name: 'Célia do Controle Interno', role: 'internal_control', departments: ['controle-interno'] },
  { email: `gestor@${DEMO_EMAIL_DOMAIN}`, name: 'Gustavo Gestor', role: 'manager' },
  { email: `recursos@${DEMO_EMAIL_DOMAIN}`, name: 'Sérgio Secretário de Governo', role: 'appeal_authority', appealInstances: [1] },
  { email: `prefeito@${DEMO_EMAIL_DOMAIN}`, name: 'Paula Prefeita', role: 'appeal_authority', appealInstances: [2] },
  { email: `cidadao@${DEMO_EMAIL_DOMAIN}`, name: 'Joana Cidadã', role: 'citizen' },
];

export async function isDatabaseSeeded(db: Executor): Promise<boolean> {
  const [row] = await db.select({ total: count() }).from(departments);
  return (row?.total ?? 0) > 0;
}

/**
 * Reference data from the municipality config and, with demo data (`demo`, by default as
 * demoDataEnabled() says), the demo accounts, the demo Carta de Serviços and `demoDemands` demo demands on an empty database.
 * One transaction: a seed that fails leaves nothing behind, and the next start seeds again. Safe to run
 * twice. `onProgress` hears of every demo demand filed.
 */
export async function seedDatabase(
  db: Database,
  options: { demo?: boolean; demoDemands?: number; onProgress?: DemoProgress } = {},
): Promise<void> {
  const demo = options.demo ?? demoDataEnabled();
  // Hashed before the transaction opens: it is slow on purpose. The demo accounts share the password.
  const passwordHash = demo ? await hash(DEMO_PASSWORD) : undefined;
  await db.transaction(async (tx) => {
    await seedReferenceData(tx, { demo });
    if (!passwordHash) return;
    await seedDemoAccounts(tx, passwordHash);
    await seedDemoServiceCharter(tx);
    const [existing] = await tx.select({ total: count() }).from(demands);
    if ((options.demoDemands ?? 0) > 0 && (existing?.total ?? 0) === 0) {
      await seedDemoDemands(tx, options.demoDemands ?? 0, { onProgress: options.onProgress });
    }
  });
}

/**
 * What a new embedded database gets on its first start: the demo, 300 demands, only with demo data.
 * It says on the console how far it got, since the first page waits for it.
 */
export async function seedNewDatabase(db: Database, log: (line: string) => void = console.log): Promise<void> {
  if (await isDatabaseSeeded(db)) return;
  const started = performance.now();
  const demo = demoDataEnabled();
  log(
    demo
      ? `Banco novo: carregando dados de referência e ${NEW_DATABASE_DEMO_DEMANDS} manifestações de demonstração…`
      : 'Banco novo: carregando dados de referência…',
  );
  await seedDatabase(db, {
    demo,
    demoDemands: NEW_DATABASE_DEMO_DEMANDS,
    onProgress: (filed, total) => {
      if (filed % 50 === 0 || filed === total) log(`Preparando dados de demonstração: ${filed}/${total} manifestações…`);
    },
  });
  log(`Dados carregados em ${seconds(performance.now() - started)}.`);
}

export const NEW_DATABASE_DEMO_DEMANDS = 300;

/**
 * `demo`: the secretarias' e-mails move to a reserved domain, since the deadline scanner writes alerts
 * and digests about the demo demands to them.
 */
export async function seedReferenceData(db: Executor, options: { demo?: boolean } = {}): Promise<void> {
  await db
    .insert(departments)
    .values(
      municipality.departments.map((d) => ({
        ...d,
        email: options.demo ? demoDepartmentEmail(d.email) : d.email,
        isInternalControl: d.isInternalControl ?? false,
      })),
    )
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

async function seedDemoAccounts(db: Executor, passwordHash: string): Promise<void> {
  const departmentIds = new Map((await db.select({ id: departments.id, slug: departments.slug }).from(departments)).map((d) => [d.slug, d.id]));
  for (const account of DEMO_ACCOUNTS) {
    const [user] = await db
      .insert(users)
      .values({
        email: account.email,
        name: account.name,
        role: account.role,
        appealInstances: account.appealInstances ?? [],
        passwordHash,
        emailVerified: new Date(),
        dataProtectionOfficer: account.dataProtectionOfficer ?? false,
      })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) continue;
    for (const slug of account.departments ?? []) {
      const departmentId = departmentIds.get(slug);
      if (departmentId) await db.insert(departmentMembers).values({ userId: user.id, departmentId }).onConflictDoNothing();
    }
  }
}
