import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { byTime, type ThreadMessage } from '../chat/thread-message';
import type { ChatTables, InboundRow, OutboundRow } from './port';

/**
 * A chat contact's messages as one thread, for the demand's page in the workspace (callers check who may
 * see the demand first: the contact is identity) and for the development simulators.
 */

export type ThreadSource = { tables: Pick<ChatTables, 'inbound' | 'outbound'>; inboundPreview(payload: unknown): string };

export async function listContactThread(source: ThreadSource, contactId: string, limit = 200): Promise<ThreadMessage[]> {
  const { inbound, outbound } = source.tables;
  const db = await getDb();
  const arrived = await db.select().from(inbound).where(eq(inbound.contactId, contactId)).orderBy(desc(inbound.receivedAt), desc(inbound.sentAt)).limit(limit);
  const sent = await db.select().from(outbound).where(eq(outbound.contactId, contactId)).orderBy(desc(outbound.id)).limit(limit);
  return threadOf(source, arrived.reverse(), sent.reverse()).slice(-limit);
}

export function threadOf(source: Pick<ThreadSource, 'inboundPreview'>, inbound: InboundRow[], outbound: OutboundRow[]): ThreadMessage[] {
  return byTime([
    ...inbound.map((m) => ({ direction: 'in' as const, id: m.id, at: m.receivedAt, text: source.inboundPreview(m.payload), type: m.type })),
    ...outbound.map((m) => ({
      direction: 'out' as const,
      id: m.id,
      at: m.createdAt,
      text: m.preview,
      kind: m.kind,
      status: m.status,
      transport: m.transport,
      lastError: m.lastError,
      content: m.content,
    })),
  ]);
}
