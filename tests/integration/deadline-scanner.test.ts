import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { demands, departments, outbox, users } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { writeDailyDigests, writeDeadlineAlerts } from '@/lib/delivery/deadline-scanner';
import { runScheduledTasks } from '@/lib/delivery/scheduled-tasks';
import { workerConfig } from '@/lib/delivery/config';
import type { StaffDigestPayload } from '@/lib/domain/notifications';
import { balcaoInput, ouvidoriaInput } from '../factories';

const filedAt = new Date('2026-03-02T13:00:00Z');

async function alertsOf(demandId: string) {
  const db = await getDb();
  const rows = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.demandId, demandId), inArray(outbox.template, ['staff_due_soon', 'staff_overdue'])));
  return rows.map((row) => `${row.template} ${row.recipient} ${(row.payload as { dueOn: string }).dueOn}`).sort();
}

describe('deadline scanner', () => {
  it('writes "due soon" and "overdue" once each, to the holding department and the ombudsmen', async () => {
    const db = await getDb();
    await db.insert(users).values([
      { email: 'ouvidor1@prefeitura.test', role: 'ombudsman' },
      { email: 'ouvidor2@prefeitura.test', role: 'ombudsman' },
      { email: 'ouvidor-inativo@prefeitura.test', role: 'ombudsman', active: false },
    ]);
    const filed = await fileDemand(await balcaoInput(), { channel: 'web' }, { now: filedAt }); // tapa-buraco: 15 days → 17/03
    if (!filed.ok) throw new Error('intake failed');
    const id = filed.demand.id;
    expect(filed.demand.dueOn).toBe('2026-03-17');

    await writeDeadlineAlerts(db, new Date('2026-03-11T12:00:00Z'));
    expect(await alertsOf(id)).toEqual([]);
    await writeDeadlineAlerts(db, new Date('2026-03-12T12:00:00Z'));
    const dueSoon = [
      'staff_due_soon infraestrutura@botucatu.sp.gov.br 2026-03-17',
      'staff_due_soon ouvidor1@prefeitura.test 2026-03-17',
      'staff_due_soon ouvidor2@prefeitura.test 2026-03-17',
    ];
    expect(await alertsOf(id)).toEqual(dueSoon);
    await writeDeadlineAlerts(db, new Date('2026-03-14T12:00:00Z'));
    await writeDeadlineAlerts(db, new Date('2026-03-17T23:00:00Z'));
    expect(await alertsOf(id)).toEqual(dueSoon);

    await writeDeadlineAlerts(db, new Date('2026-03-18T12:00:00Z'));
    await writeDeadlineAlerts(db, new Date('2026-03-19T12:00:00Z'));
    const overdue = dueSoon.map((line) => line.replace('staff_due_soon', 'staff_overdue'));
    expect(await alertsOf(id)).toEqual([...dueSoon, ...overdue].sort());

    // An extended deadline is a new deadline: it earns its own alerts.
    await db.update(demands).set({ dueOn: '2026-04-16', extensionUsed: true }).where(eq(demands.id, id));
    await writeDeadlineAlerts(db, new Date('2026-04-12T12:00:00Z'));
    expect((await alertsOf(id)).filter((line) => line.endsWith('2026-04-16'))).toHaveLength(3);
  });

  it('stays quiet while the deadline is suspended, after the answer, and about long-overdue backlog', async () => {
    const db = await getDb();
    const waiting = await fileDemand(ouvidoriaInput(), { channel: 'web' }, { now: filedAt });
    const answered = await fileDemand(ouvidoriaInput(), { channel: 'web' }, { now: filedAt });
    const backlog = await fileDemand(ouvidoriaInput(), { channel: 'web' }, { now: new Date('2025-01-06T13:00:00Z') });
    if (!waiting.ok || !answered.ok || !backlog.ok) throw new Error('intake failed');
    await db.update(demands).set({ state: 'awaiting_citizen' }).where(eq(demands.id, waiting.demand.id));
    await db.update(demands).set({ state: 'answered' }).where(eq(demands.id, answered.demand.id));
    await writeDeadlineAlerts(db, new Date('2026-04-03T12:00:00Z'));
    expect(await alertsOf(waiting.demand.id)).toEqual([]);
    expect(await alertsOf(answered.demand.id)).toEqual([]);
    expect(await alertsOf(backlog.demand.id)).toEqual([]);
  });

  it('writes one digest per department and day, from the digest hour on', async () => {
    const db = await getDb();
    const [environment] = await db.select().from(departments).where(eq(departments.slug, 'meio-ambiente'));
    if (!environment) throw new Error('no department');
    const late = await fileDemand(ouvidoriaInput(), { channel: 'web' }, { now: filedAt });
    const soon = await fileDemand(ouvidoriaInput(), { channel: 'web' }, { now: new Date('2026-03-10T13:00:00Z') });
    const calm = await fileDemand(ouvidoriaInput(), { channel: 'web' }, { now: new Date('2026-04-08T13:00:00Z') });
    if (!late.ok || !soon.ok || !calm.ok) throw new Error('intake failed');
    await db
      .update(demands)
      .set({ departmentId: environment.id, state: 'forwarded' })
      .where(inArray(demands.id, [late.demand.id, soon.demand.id, calm.demand.id]));

    const morning = new Date('2026-04-06T09:59:00Z'); // 06:59 in São Paulo
    expect(await writeDailyDigests(db, morning, 7)).toBe(0);
    const seven = new Date('2026-04-06T10:00:00Z');
    await writeDailyDigests(db, seven, 7);
    await writeDailyDigests(db, new Date('2026-04-06T20:00:00Z'), 7);
    const digests = await db.select().from(outbox).where(and(eq(outbox.template, 'staff_digest'), eq(outbox.recipient, environment.email ?? '')));
    expect(digests).toHaveLength(1);
    const payload = digests[0]?.payload as StaffDigestPayload;
    expect(payload).toMatchObject({ departmentName: environment.name, date: '2026-04-06', open: 3, overdue: 1, dueSoon: 1, awaitingCitizen: 0 });
    expect(payload.items.map((item) => [item.protocol, item.status])).toEqual([
      [late.demand.protocol, 'overdue'],
      [soon.demand.protocol, 'due_soon'],
    ]);
    await writeDailyDigests(db, new Date('2026-04-07T10:30:00Z'), 7);
    expect(await db.select().from(outbox).where(and(eq(outbox.template, 'staff_digest'), eq(outbox.recipient, environment.email ?? '')))).toHaveLength(2);
  });

  it.skipIf(inject('testDatabase').kind !== 'postgres')('lets one worker at a time scan: a second one skips while the lock is held', async () => {
    const db = await getDb();
    const filed = await fileDemand(await balcaoInput(), { channel: 'web' }, { now: filedAt });
    if (!filed.ok) throw new Error('intake failed');
    const scan = () => runScheduledTasks({ db, now: new Date('2026-03-13T12:00:00Z'), config: workerConfig(), log: { info: () => {}, error: () => {} } });
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(727275)`);
      await scan();
      expect(await alertsOf(filed.demand.id)).toEqual([]);
    });
    await scan();
    expect(await alertsOf(filed.demand.id)).toContain('staff_due_soon infraestrutura@botucatu.sp.gov.br 2026-03-17');
  });
});
