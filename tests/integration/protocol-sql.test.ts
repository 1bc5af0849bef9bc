import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/migrate';
import { formatProtocol, parseProtocol } from '@/lib/domain/protocol';

/**
 * The intake numbers demands in SQL (format_protocol, lib/db/protocol-routines.ts) while every reader
 * checks them with lib/domain/protocol.ts: a number the database formats differently would be refused
 * on the tracking page, over WhatsApp and by the staff search.
 */
describe('the protocol number the database formats', () => {
  it('is the one the domain formats, for every sequence of a year and across years', async () => {
    const db = await getDb();
    const rows = rowsOf<{ year: number; sequence: number; protocol: string }>(
      await db.execute(sql`
        select year, sequence, format_protocol(year, sequence) as protocol
        from (
          select 2026 as year, s as sequence from generate_series(1, 5000) s
          union all select y, s from generate_series(2000, 2999, 37) y, (values (1), (7), (123), (99999), (999999), (1000000), (1234567)) v(s)
        ) cases`),
    );
    expect(rows.length).toBeGreaterThan(5_000);
    const different = rows.filter((row) => row.protocol !== formatProtocol(Number(row.year), Number(row.sequence)));
    expect(different).toEqual([]);
    expect(rows.every((row) => parseProtocol(row.protocol).ok)).toBe(true);
  });
});
