import 'server-only';
import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import type { ChatTables } from './port';

/**
 * For the development simulators, whose page shows the answer after a plain form post: waits until the
 * inbound message `which` picks is processed and its replies have gone; returns its contact.
 */
export async function waitForAnswer(tables: Pick<ChatTables, 'inbound' | 'outbound'>, which: SQL | undefined, timeoutMs = 15_000): Promise<string | null> {
  const { inbound, outbound } = tables;
  const db = await getDb();
  const deadline = Date.now() + timeoutMs;
  let contactId: string | null = null;
  while (Date.now() < deadline) {
    const [message] = await db.select({ contactId: inbound.contactId, processedAt: inbound.processedAt }).from(inbound).where(which);
    contactId = message?.contactId ?? null;
    if (message?.processedAt) {
      const waiting = await db
        .select({ id: outbound.id })
        .from(outbound)
        .where(and(eq(outbound.contactId, message.contactId), isNull(outbound.outboxId), inArray(outbound.status, ['pending', 'sending'])))
        .limit(1);
      if (!waiting.length) return contactId;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return contactId;
}
