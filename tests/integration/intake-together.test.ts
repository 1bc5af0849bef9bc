import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { demands, protocolCounters } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { parseProtocol } from '@/lib/domain/protocol';
import { ouvidoriaInput } from '../factories';

/**
 * Filings that arrive together are written by one statement (lib/demands/filing-statement.ts). One that
 * the database refuses must fail alone: the citizens filing at the same moment still get their numbers,
 * with no gap where the refused one would have been.
 */
describe('filings that arrive together', () => {
  it('file every other demand, with consecutive numbers, when one of them is refused by the database', async () => {
    const db = await getDb();
    const now = new Date('2034-03-10T12:00:00Z');
    await db.execute(sql`create function refuse_one_demand() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$`);
    await db.execute(sql`create trigger refuse_one_demand before insert on demands for each row when (new.subject = 'Recusada pelo banco') execute function refuse_one_demand()`);
    let results: PromiseSettledResult<Awaited<ReturnType<typeof fileDemand>>>[];
    try {
      results = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) => fileDemand(ouvidoriaInput({ subject: i === 7 ? 'Recusada pelo banco' : `Pedido ${i}` }), { channel: 'web' }, { now })),
      );
    } finally {
      await db.execute(sql`drop trigger refuse_one_demand on demands`);
      await db.execute(sql`drop function refuse_one_demand()`);
    }
    expect(results.map((result) => result.status)).toEqual(Array.from({ length: 30 }, (_, i) => (i === 7 ? 'rejected' : 'fulfilled')));
    const sequences = results.flatMap((result) => {
      if (result.status !== 'fulfilled' || !result.value.ok) return [];
      const parsed = parseProtocol(result.value.demand.protocol);
      return parsed.ok ? [parsed.sequence] : [];
    });
    expect([...sequences].sort((a, b) => a - b)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    const [counter] = await db.select().from(protocolCounters).where(eq(protocolCounters.year, 2034));
    expect(counter?.lastSequence).toBe(29);
    const [filed] = await db.select({ n: count() }).from(demands).where(eq(demands.protocolYear, 2034));
    expect(filed?.n).toBe(29);
  });
});
