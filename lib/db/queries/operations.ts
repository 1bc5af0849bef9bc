import 'server-only';
import { and, count, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { demands, whatsappInboundMessages } from '../schema';
import { addDays, dateInSaoPaulo, DEADLINE_DAYS } from '@/lib/domain/deadlines';
import { SERVICES, type Service } from '@/lib/domain/vocabulary';
import { RUNNING_STATES } from './demand-queues';

/**
 * Figures for operators (metrics), counted across every department: no actor, so callers are the
 * metrics route and admin pages, which check their caller first. The same rules as the "Vencendo" and
 * "Atrasadas" queues (demand-queues.ts).
 */
export async function countDeadlineBacklog(now = new Date()): Promise<{ service: Service; dueSoon: number; overdue: number }[]> {
  const db = await getDb();
  const today = dateInSaoPaulo(now);
  const rows = await db
    .select({
      service: demands.service,
      dueSoon: sql<number>`count(*) filter (where ${and(gte(demands.dueOn, today), lte(demands.dueOn, addDays(today, DEADLINE_DAYS.dueSoon)))})`.mapWith(Number),
      overdue: sql<number>`count(*) filter (where ${lt(demands.dueOn, today)})`.mapWith(Number),
    })
    .from(demands)
    .where(inArray(demands.state, RUNNING_STATES))
    .groupBy(demands.service);
  return SERVICES.map((service) => {
    const row = rows.find((candidate) => candidate.service === service);
    return { service, dueSoon: row?.dueSoon ?? 0, overdue: row?.overdue ?? 0 };
  });
}

/** WhatsApp messages the webhook stored and nobody acted on yet, and how long the oldest has waited. */
export async function countUnprocessedWhatsappMessages(now = new Date()): Promise<{ unprocessed: number; oldestAgeSeconds: number }> {
  const db = await getDb();
  const [row] = await db
    .select({
      unprocessed: count(),
      oldestAgeSeconds: sql<number>`coalesce(extract(epoch from ${now.toISOString()}::timestamptz - min(${whatsappInboundMessages.receivedAt})), 0)`.mapWith(Number),
    })
    .from(whatsappInboundMessages)
    .where(isNull(whatsappInboundMessages.processedAt));
  return { unprocessed: row?.unprocessed ?? 0, oldestAgeSeconds: Math.max(0, Math.round(row?.oldestAgeSeconds ?? 0)) };
}
