import 'server-only';
import { cache } from 'react';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { departmentMembers, passkeys, twoFactorPolicies, twoFactorTotp, users } from '@/lib/db/schema';
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
  /** The admin requires a second factor of this role and the person has none yet: enrolment comes first. */
  secondFactorEnrolmentDue?: boolean;
  /** This session's row (see `authSessions`). */
  sessionId?: string;
};

export class AuthorizationError extends Error {
  constructor(readonly status: 401 | 403, message = status === 401 ? 'Faça login para continuar.' : 'Você não tem permissão para isso.') {
    super(message);
    this.name = 'AuthorizationError';
  }
}

/** Signed in with a password, but the role requires a second factor the person has not set up yet. */
export class SecondFactorEnrolmentRequired extends AuthorizationError {
  constructor() {
    super(403, 'Ative a verificação em duas etapas para continuar.');
    this.name = 'SecondFactorEnrolmentRequired';
  }
}

export const STAFF_ROLES = ['attendant', 'ombudsman', 'department', 'internal_control', 'manager', 'admin', 'appeal_authority'] as const satisfies readonly Role[];

/**
 * The signed-in user as the database knows them now (role, departments, still active), once per request.
 * Someone whose role requires a second factor they have not set up is not signed in for anything but the
 * enrolment page (`requireActorForEnrolment`).
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const person = await signedInPerson();
  return person && !person.secondFactorEnrolmentDue ? person : null;
});

const signedInPerson = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  // Password right, second factor still to come: not signed in yet.
  if (!userId || session.secondFactorPending) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      user: users,
      required: twoFactorPolicies.required,
      // Either second factor satisfies a role's requirement: the authenticator app or a passkey.
      enrolled: sql<boolean>`(exists (select 1 from ${twoFactorTotp} where ${twoFactorTotp.userId} = ${users.id} and ${twoFactorTotp.confirmedAt} is not null)
        or exists (select 1 from ${passkeys} where ${passkeys.userId} = ${users.id}))`,
    })
    .from(users)
    .leftJoin(twoFactorPolicies, eq(twoFactorPolicies.role, users.role))
    .where(eq(users.id, userId));
  const user = row?.user;
  if (!user?.active) return null;
  const memberships = await db.select({ departmentId: departmentMembers.departmentId }).from(departmentMembers).where(eq(departmentMembers.userId, userId));
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    departmentIds: memberships.map((m) => m.departmentId),
    appealInstances: user.role === 'appeal_authority' ? user.appealInstances : [],
    ...(row?.required === true && !row.enrolled ? { secondFactorEnrolmentDue: true } : {}),
    ...(session.sessionId ? { sessionId: session.sessionId } : {}),
  };
});

export async function requireActor(): Promise<Actor> {
  const actor = await requireActorForEnrolment();
  if (actor.secondFactorEnrolmentDue) throw new SecondFactorEnrolmentRequired();
  return actor;
}

/** The signed-in person even before a required second factor is set up: for the enrolment page alone. */
export async function requireActorForEnrolment(): Promise<Actor> {
  const actor = await signedInPerson();
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
