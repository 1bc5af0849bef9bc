import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { departmentMembers, departments, users } from '@/lib/db/schema';
import { hashPassword } from '@/lib/auth/password';
import type { Actor } from '@/lib/auth/guards';
import type { Role } from '@/lib/domain/vocabulary';

/** Accounts for tests, written straight to the database (the seed used by tests has none). */

export const TEST_PASSWORD = 'senha-de-teste-123';
let hashed: Promise<string> | undefined;

export async function createUser(
  overrides: { role?: Role; email?: string; name?: string; emailVerified?: Date | null; active?: boolean; departmentSlugs?: string[] } = {},
): Promise<Actor> {
  const db = await getDb();
  const role = overrides.role ?? 'citizen';
  const email = overrides.email ?? `${role}.${crypto.randomUUID().slice(0, 8)}@exemplo.com.br`;
  const [user] = await db
    .insert(users)
    .values({
      email,
      name: overrides.name ?? `Pessoa ${role}`,
      role,
      passwordHash: await (hashed ??= hashPassword(TEST_PASSWORD)),
      emailVerified: overrides.emailVerified === undefined ? null : overrides.emailVerified,
      active: overrides.active ?? true,
    })
    .returning();
  if (!user) throw new Error('no user inserted');
  const departmentIds: string[] = [];
  for (const slug of overrides.departmentSlugs ?? []) {
    const [department] = await db.select({ id: departments.id }).from(departments).where(eq(departments.slug, slug));
    if (!department) throw new Error(`no seeded department ${slug}`);
    await db.insert(departmentMembers).values({ userId: user.id, departmentId: department.id });
    departmentIds.push(department.id);
  }
  return { userId: user.id, name: user.name, email: user.email, role: user.role, departmentIds };
}

export async function userRow(userId: string) {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new Error(`no user ${userId}`);
  return user;
}
