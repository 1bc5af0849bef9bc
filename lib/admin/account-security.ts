import 'server-only';
import { and, desc, eq, isNotNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { endAllAuthSessions } from '@/lib/accounts/auth-sessions';
import { removeSecondFactor } from '@/lib/accounts/two-factor';
import { getDb, type Executor } from '@/lib/db/client';
import { accountSecurityLog, passkeys, twoFactorPolicies, twoFactorTotp, users } from '@/lib/db/schema';
import type { Actor } from '@/lib/auth/guards';
import { STAFF_ROLES } from '@/lib/auth/guards';
import type { Role } from '@/lib/domain/vocabulary';
import { componentLog } from '@/lib/log';
import { assertAdmin, checkbox, refused, type AdminResult } from './authorize';

/** The admin's side of sign-in security: which roles need a second factor, resets, and the log of both. */

export type SecurityAction = 'second_factor_policy' | 'second_factor_reset' | 'account_disabled' | 'account_enabled' | 'passkey_added' | 'passkey_removed';

export async function logSecurityAction(db: Executor, entry: { actorId: string; subjectId?: string; action: SecurityAction; detail?: string }): Promise<void> {
  await db.insert(accountSecurityLog).values({ actorId: entry.actorId, subjectId: entry.subjectId ?? null, action: entry.action, detail: entry.detail ?? '' });
  componentLog('account-security').info({ actorId: entry.actorId, subjectId: entry.subjectId, action: entry.action }, 'account security action');
}

export async function readSecondFactorPolicy(actor: Actor): Promise<Record<Role, boolean>> {
  assertAdmin(actor);
  const db = await getDb();
  const rows = await db.select().from(twoFactorPolicies);
  const policy = Object.fromEntries(STAFF_ROLES.map((role) => [role, false])) as Record<Role, boolean>;
  for (const row of rows) policy[row.role] = row.required;
  return policy;
}

/** Form posts one checkbox per staff role (`role.<role>`); an unticked box is "not required". */
export async function saveSecondFactorPolicy(actor: Actor, input: unknown): Promise<AdminResult> {
  assertAdmin(actor);
  const parsed = z.object({ role: z.record(z.string(), z.unknown()).optional() }).safeParse(input);
  if (!parsed.success) return refused('Formulário inválido: marque os perfis e salve de novo.');
  const chosen = parsed.data.role ?? {};
  const db = await getDb();
  await db.transaction(async (tx) => {
    for (const role of STAFF_ROLES) {
      const required = checkbox(chosen[role]);
      await tx
        .insert(twoFactorPolicies)
        .values({ role, required, updatedBy: actor.userId })
        .onConflictDoUpdate({ target: twoFactorPolicies.role, set: { required, updatedBy: actor.userId, updatedAt: new Date() } });
    }
    const required = STAFF_ROLES.filter((role) => checkbox(chosen[role]));
    await logSecurityAction(tx, { actorId: actor.userId, action: 'second_factor_policy', detail: required.join(',') });
  });
  return { ok: true, value: undefined };
}

/** Staff with a second factor (a confirmed authenticator, passkeys, or both), for the admin to reset one. */
export async function listSecondFactorHolders(actor: Actor) {
  assertAdmin(actor);
  const db = await getDb();
  const passkeyCount = db.select({ userId: passkeys.userId, total: sql<number>`count(*)::int`.as('total') }).from(passkeys).groupBy(passkeys.userId).as('passkey_count');
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, confirmedAt: twoFactorTotp.confirmedAt, passkeys: sql<number>`coalesce(${passkeyCount.total}, 0)::int` })
    .from(users)
    .leftJoin(twoFactorTotp, and(eq(twoFactorTotp.userId, users.id), isNotNull(twoFactorTotp.confirmedAt)))
    .leftJoin(passkeyCount, eq(passkeyCount.userId, users.id))
    .where(or(isNotNull(twoFactorTotp.confirmedAt), isNotNull(passkeyCount.userId)))
    .orderBy(users.name);
}

/**
 * A person lost their phone and their recovery codes: the admin removes the authenticator (they enrol
 * again at the next sign-in if their role requires it) and ends their sessions. Logged.
 */
export async function resetSecondFactor(actor: Actor, input: unknown): Promise<AdminResult> {
  assertAdmin(actor);
  const parsed = z.object({ userId: z.uuid({ error: 'Pessoa inválida.' }) }).safeParse(input);
  if (!parsed.success) return refused('Pessoa inválida.');
  const db = await getDb();
  const done = await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, parsed.data.userId));
    if (!user) return false;
    const removed = await removeSecondFactor(user.id, tx);
    await endAllAuthSessions(user.id, tx);
    await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, user.id));
    await logSecurityAction(tx, { actorId: actor.userId, subjectId: user.id, action: 'second_factor_reset', detail: removed.passkeys > 0 ? `${removed.passkeys} passkey(s) removida(s)` : '' });
    return true;
  });
  return done ? { ok: true, value: undefined } : refused('Usuário não encontrado.');
}

export const SECURITY_ACTION_LABELS: Record<string, string> = {
  second_factor_policy: 'Mudou os perfis que exigem verificação em duas etapas',
  second_factor_reset: 'Redefiniu a verificação em duas etapas',
  account_disabled: 'Desativou a conta (sessões encerradas)',
  account_enabled: 'Reativou a conta',
  passkey_added: 'Cadastrou uma passkey',
  passkey_removed: 'Removeu uma passkey',
};

export async function listSecurityLog(actor: Actor, limit = 50) {
  assertAdmin(actor);
  const db = await getDb();
  const actors = alias(users, 'actors');
  const subjects = alias(users, 'subjects');
  return db
    .select({ id: accountSecurityLog.id, at: accountSecurityLog.at, action: accountSecurityLog.action, detail: accountSecurityLog.detail, actorName: actors.name, subjectName: subjects.name, subjectEmail: subjects.email })
    .from(accountSecurityLog)
    .leftJoin(actors, eq(actors.id, accountSecurityLog.actorId))
    .leftJoin(subjects, eq(subjects.id, accountSecurityLog.subjectId))
    .orderBy(desc(accountSecurityLog.at), desc(accountSecurityLog.id))
    .limit(limit);
}
