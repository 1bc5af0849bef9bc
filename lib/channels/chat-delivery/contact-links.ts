import 'server-only';
import { and, eq, gte } from 'drizzle-orm';
import type { Executor, Transaction } from '@/lib/db/client';
import type { ChatTables } from './port';

/** A chat contact's own demands ("minhas manifestações") and the anonymous filing's redaction of its replies. */

export async function isLinked(db: Executor, tables: Pick<ChatTables, 'contactDemands'>, contactId: string, demandId: string): Promise<boolean> {
  const { contactDemands } = tables;
  const [row] = await db
    .select({ demandId: contactDemands.demandId })
    .from(contactDemands)
    .where(and(eq(contactDemands.contactId, contactId), eq(contactDemands.demandId, demandId)));
  return Boolean(row);
}

export async function link(tx: Executor, tables: Pick<ChatTables, 'contactDemands'>, contactId: string, demandId: string): Promise<void> {
  await tx.insert(tables.contactDemands).values({ contactId, demandId }).onConflictDoNothing();
}

/** What the citizen was told since an anonymous filing began no longer says what they wrote. */
export async function redactRepliesSince(tx: Transaction, tables: Pick<ChatTables, 'outbound'>, contactId: string, since: Date): Promise<void> {
  const { outbound } = tables;
  const notice = 'Conteúdo removido: manifestação anônima.';
  await tx
    .update(outbound)
    .set({ content: { kind: 'text', text: notice }, preview: notice })
    .where(and(eq(outbound.contactId, contactId), gte(outbound.createdAt, since)));
}
