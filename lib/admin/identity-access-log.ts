import 'server-only';
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { demands, identityAccessLog, users } from '@/lib/db/schema';
import { parseProtocol, EXAMPLE_PROTOCOL } from '@/lib/domain/protocol';
import type { Actor } from '@/lib/auth/guards';
import { assertAdmin } from './authorize';

export const ACCESS_LOG_PAGE_SIZE = 50;

export type AccessLogFilters = { protocol?: string; userId?: string; page?: number };

/**
 * Who saw which protected identity, when (Lei 13.460 art. 10 §7): newest first, filterable by demand
 * protocol and by staff member. Read-only: nobody can edit or delete this log through the app.
 */
export async function listIdentityAccess(actor: Actor, filters: AccessLogFilters = {}) {
  assertAdmin(actor);
  const db = await getDb();
  const conditions: SQL[] = [];
  const protocolText = filters.protocol?.trim();
  let protocolError: string | undefined;
  if (protocolText) {
    const parsed = parseProtocol(protocolText);
    if (parsed.ok) conditions.push(eq(demands.protocol, parsed.protocol));
    else protocolError = `Protocolo inválido: confira os números, como ${EXAMPLE_PROTOCOL}.`;
  }
  if (filters.userId && z.uuid().safeParse(filters.userId).success) conditions.push(eq(identityAccessLog.userId, filters.userId));
  if (protocolError) return { entries: [], total: 0, page: 1, pageCount: 1, protocolError };

  const where = conditions.length ? and(...conditions) : undefined;
  const page = Math.max(1, Math.floor(filters.page ?? 1));
  const [entries, [total]] = await Promise.all([
    db
      .select({
        id: identityAccessLog.id,
        accessedAt: identityAccessLog.accessedAt,
        reason: identityAccessLog.reason,
        userId: users.id,
        userName: users.name,
        userEmail: users.email,
        userRole: users.role,
        protocol: demands.protocol,
        kind: demands.kind,
        identity: demands.identity,
      })
      .from(identityAccessLog)
      .innerJoin(users, eq(users.id, identityAccessLog.userId))
      .innerJoin(demands, eq(demands.id, identityAccessLog.demandId))
      .where(where)
      .orderBy(desc(identityAccessLog.accessedAt), desc(identityAccessLog.id))
      .limit(ACCESS_LOG_PAGE_SIZE)
      .offset((page - 1) * ACCESS_LOG_PAGE_SIZE),
    db
      .select({ total: count() })
      .from(identityAccessLog)
      .innerJoin(demands, eq(demands.id, identityAccessLog.demandId))
      .where(where),
  ]);
  return { entries, total: total?.total ?? 0, page, pageCount: Math.max(1, Math.ceil((total?.total ?? 0) / ACCESS_LOG_PAGE_SIZE)), protocolError };
}

/** The staff members who appear in the log, for the filter's list. */
export async function listLoggedViewers(actor: Actor) {
  assertAdmin(actor);
  const db = await getDb();
  return db
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(identityAccessLog)
    .innerJoin(users, eq(users.id, identityAccessLog.userId))
    .orderBy(users.name);
}
