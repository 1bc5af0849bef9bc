import 'server-only';
import { cache } from 'react';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { departmentMembers, users } from '@/lib/db/schema';
import type { Role } from '@/lib/domain/vocabulary';
import { auth } from './auth';

export type Actor = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  departmentIds: string[];
  /** The LAI appeal instances an appeal authority judges (empty for every other role). */
  appealInstances?: readonly number[];
};

export class AuthorizationError extends Error {
  constructor(readonly status: 401 | 403, message = status === 401 ? 'Faça login para continuar.' : 'Você não tem permissão para isso.') {
    super(message);
    this.name = 'AuthorizationError';
  }
}

export const STAFF_ROLES = ['attendant', 'ombudsman', 'department', 'internal_control', 'manager', 'admin', 'appeal_authority'] as const satisfies readonly Role[];

/** The signed-in user as the database knows them now (role, departments, still active), once per request. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user?.active) return null;
  const memberships = await db.select({ departmentId: departmentMembers.departmentId }).from(departmentMembers).where(eq(departmentMembers.userId, userId));
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    departmentIds: memberships.map((m) => m.departmentId),
    appealInstances: user.role === 'appeal_authority' ? user.appealInstances : [],
  };
});

export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new AuthorizationError(401);
  return actor;
}

export async function requireRole(...roles: readonly Role[]): Promise<Actor> {
  const actor = await requireActor();
  if (!roles.includes(actor.role)) throw new AuthorizationError(403);
  return actor;
}

export function requireStaff(): Promise<Actor> {
  return requireRole(...STAFF_ROLES);
}
