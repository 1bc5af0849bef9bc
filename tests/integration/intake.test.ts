import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { demandEvents, demands, outbox, protocolCounters } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { verifyAccessCode } from '@/lib/demands/access-code';
import { parseProtocol } from '@/lib/domain/protocol';
import { balcaoCategory, balcaoInput, ouvidoriaInput } from '../factories';

async function totals() {
  const db = await getDb();
  const [d] = await db.select({ n: count() }).from(demands);
  const [e] = await db.select({ n: count() }).from(demandEvents);
  const [o] = await db.select({ n: count() }).from(outbox);
  return { demands: d?.n, events: e?.n, outbox: o?.n };
}

describe('intake', () => {
  it('writes the demand, its first public event and its receipt together', async () => {
    const result = await fileDemand(ouvidoriaInput(), { channel: 'web' }, { now: new Date('2026-05-04T13:00:00Z') });
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    expect(parseProtocol(result.demand.protocol).ok).toBe(true);
    expect(result.demand.dueOn).toBe('2026-06-03');
    expect(result.demand.accessCode).toBeUndefined();

    const db = await getDb();
    const [demand] = await db.select().from(demands).where(eq(demands.id, result.demand.id));
    expect(demand).toMatchObject({ state: 'received', channel: 'web', kind: 'complaint', requesterEmail: 'maria@exemplo.com.br' });
    const events = await db.select().from(demandEvents).where(eq(demandEvents.demandId, result.demand.id));
    expect(events).toEqual([expect.objectContaining({ type: 'received', stateAfter: 'received', visibility: 'public' })]);
    const messages = await db.select().from(outbox).where(eq(outbox.demandId, result.demand.id));
    expect(messages).toEqual([
      expect.objectContaining({ channel: 'email', recipient: 'maria@exemplo.com.br', template: 'demand_received', status: 'pending' }),
    ]);
  });

  it('uses the category deadline and queues a WhatsApp receipt for a Balcão request', async () => {
    const input = await balcaoInput();
    const result = await fileDemand(input, { channel: 'web' }, { now: new Date('2026-05-04T13:00:00Z') });
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    const category = await balcaoCategory();
    expect(result.demand.dueOn).toBe(`2026-05-${String(4 + category.deadlineDays).padStart(2, '0')}`);
    const db = await getDb();
    const messages = await db.select().from(outbox).where(eq(outbox.demandId, result.demand.id));
    expect(messages.filter((m) => m.template === 'demand_received').map((m) => [m.channel, m.recipient])).toEqual([['whatsapp', '+5514991234567']]);
  });

  it('stores no identity for an anonymous demand and gives an access code that verifies', async () => {
    const result = await fileDemand(ouvidoriaInput({ identity: 'anonymous', cpf: '529.982.247-25' }), { channel: 'web' });
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    expect(result.demand.accessCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const db = await getDb();
    const [demand] = await db.select().from(demands).where(eq(demands.id, result.demand.id));
    expect(demand).toMatchObject({ requesterName: null, requesterEmail: null, requesterPhone: null, requesterCpf: null });
    expect(demand?.accessCodeHash).not.toContain(result.demand.accessCode ?? '');
    expect(await verifyAccessCode(result.demand.accessCode ?? '', demand?.accessCodeHash ?? '')).toBe(true);
    expect(await verifyAccessCode('AAAAA-BBBBB', demand?.accessCodeHash ?? '')).toBe(false);
    const messages = await db.select().from(outbox).where(eq(outbox.demandId, result.demand.id));
    expect(messages).toHaveLength(0);
  });

  it('answers bad input with field errors and writes nothing', async () => {
    const before = await totals();
    const result = await fileDemand(await balcaoInput({ neighbourhoodId: crypto.randomUUID(), details: {} }), { channel: 'web' });
    expect(result).toEqual({ ok: false, fieldErrors: { neighbourhoodId: [expect.any(String)] } });
    const otherCategory = await balcaoCategory('iluminacao-publica');
    const missingField = await fileDemand(await balcaoInput({ categoryId: otherCategory.id, details: {} }), { channel: 'web' });
    expect(missingField).toEqual({ ok: false, fieldErrors: { 'details.problem': ['Responda esta pergunta.'] } });
    expect(await totals()).toEqual(before);
  });

  it('leaves nothing behind, not even a protocol number, when a write in the middle fails', async () => {
    const db = await getDb();
    const first = await fileDemand(ouvidoriaInput(), { channel: 'web' });
    if (!first.ok) throw new Error('first intake failed');
    const before = await totals();
    await db.execute(sql`create function fail_outbox() returns trigger language plpgsql as $$ begin raise exception 'outbox is down'; end $$`);
    await db.execute(sql`create trigger fail_outbox before insert on outbox for each row execute function fail_outbox()`);
    try {
      await expect(fileDemand(ouvidoriaInput(), { channel: 'web' })).rejects.toThrow();
    } finally {
      await db.execute(sql`drop trigger fail_outbox on outbox`);
      await db.execute(sql`drop function fail_outbox()`);
    }
    expect(await totals()).toEqual(before);
    const next = await fileDemand(ouvidoriaInput(), { channel: 'web' });
    if (!next.ok) throw new Error('next intake failed');
    const a = parseProtocol(first.demand.protocol);
    const b = parseProtocol(next.demand.protocol);
    expect(a.ok && b.ok && b.sequence - a.sequence).toBe(1);
  });

  it('gives 200 concurrent intakes 200 distinct protocols with no gap', async () => {
    const db = await getDb();
    const now = new Date('2031-02-10T12:00:00Z');
    const results = await Promise.all(Array.from({ length: 200 }, () => fileDemand(ouvidoriaInput(), { channel: 'api' }, { now })));
    const sequences = results.map((r) => {
      if (!r.ok) throw new Error(JSON.stringify(r.fieldErrors));
      const parsed = parseProtocol(r.demand.protocol);
      if (!parsed.ok || parsed.year !== 2031) throw new Error(`bad protocol ${r.demand.protocol}`);
      return parsed.sequence;
    });
    expect(new Set(sequences).size).toBe(200);
    expect([...sequences].sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const [counter] = await db.select().from(protocolCounters).where(eq(protocolCounters.year, 2031));
    expect(counter?.lastSequence).toBe(200);
  });

  it('starts each year at 1, counted in São Paulo time', async () => {
    const lastOf2032 = await fileDemand(ouvidoriaInput(), { channel: 'web' }, { now: new Date('2033-01-01T02:30:00Z') });
    const firstOf2033 = await fileDemand(ouvidoriaInput(), { channel: 'web' }, { now: new Date('2033-01-01T03:00:00Z') });
    const secondOf2033 = await fileDemand(ouvidoriaInput(), { channel: 'web' }, { now: new Date('2033-01-02T12:00:00Z') });
    expect([lastOf2032, firstOf2033, secondOf2033].map((r) => (r.ok ? r.demand.protocol.slice(0, 11) : r))).toEqual([
      '2032-000001',
      '2033-000001',
      '2033-000002',
    ]);
  });
});
