import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { categories, staffAlertReads, staffAlerts } from '@/lib/db/schema';
import { writeDeadlineAlerts } from '@/lib/delivery/deadline-scanner';
import { assignDemand, forwardDemand } from '@/lib/demands/triage';
import { countUnreadStaffAlerts, listStaffAlerts, markStaffAlertsRead } from '@/lib/demands/staff-alerts';
import { createCast, createUser, department, expectOk, fileBalcao, fileOuvidoria, type Cast } from '../workspace-factories';

const at = (iso: string) => new Date(`${iso}T15:00:00Z`);

let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

async function alertsFor(actor: Parameters<typeof listStaffAlerts>[0], now: Date, protocol: string) {
  const result = await listStaffAlerts(actor, { now });
  expectOk(result);
  return result.alerts.filter((alert) => alert.protocol === protocol).map((alert) => ({ kind: alert.kind, read: alert.read }));
}

describe('the workspace alerts', () => {
  it('tells every ombudsman of a new manifestação, and reading it marks it read for that person only', async () => {
    const colleague = await createUser('ombudsman');
    const filed = await fileOuvidoria({}, {}, at('2026-11-10'));
    const now = at('2026-11-11');
    expect(await alertsFor(cast.ombudsman, now, filed.protocol)).toEqual([{ kind: 'new_demand', read: false }]);
    expect(await alertsFor(colleague, now, filed.protocol)).toEqual([{ kind: 'new_demand', read: false }]);
    // Not a department's business until it is forwarded there.
    expect(await alertsFor(cast.saude, now, filed.protocol)).toEqual([]);

    const before = await countUnreadStaffAlerts(colleague, { now });
    const [alert] = (await listStaffAlerts(cast.ombudsman, { now }).then((r) => (r.ok ? r.alerts : []))).filter((a) => a.protocol === filed.protocol);
    expectOk(await markStaffAlertsRead(cast.ombudsman, { alertId: alert?.id }, { now }));
    expect(await alertsFor(cast.ombudsman, now, filed.protocol)).toEqual([{ kind: 'new_demand', read: true }]);
    expect(await alertsFor(colleague, now, filed.protocol)).toEqual([{ kind: 'new_demand', read: false }]);
    expect(await countUnreadStaffAlerts(colleague, { now })).toBe(before);

    expectOk(await markStaffAlertsRead(colleague, { alertId: 'todos' }, { now }));
    expect(await countUnreadStaffAlerts(colleague, { now })).toBe(0);
  });

  it('tells the secretaria that owns a Balcão service, and the ones a demand is forwarded to, and the person it is assigned to', async () => {
    const filed = await fileBalcao({}, {}, at('2026-11-12'));
    const db = await getDb();
    const [service] = await db.select().from(categories).where(eq(categories.id, filed.categoryId ?? ''));
    const owner = await department('infraestrutura');
    expect(service?.departmentId).toBe(owner.id);
    const now = at('2026-11-13');
    expect(await alertsFor(cast.infraestrutura, now, filed.protocol)).toEqual([{ kind: 'new_demand', read: false }]);
    expect(await alertsFor(cast.saude, now, filed.protocol)).toEqual([]);
    expect(await alertsFor(cast.ombudsman, now, filed.protocol)).toEqual([]);

    const saude = await department('saude');
    expectOk(await forwardDemand(cast.attendant, { demandId: filed.id, departmentId: saude.id }, { now }));
    expect(await alertsFor(cast.saude, now, filed.protocol)).toEqual([{ kind: 'forwarded', read: false }]);

    const colleague = await createUser('department', { departments: ['saude'] });
    expectOk(await assignDemand(cast.saude, { demandId: filed.id, assigneeId: colleague.userId }, { now }));
    const assigned = await alertsFor(colleague, now, filed.protocol);
    expect(assigned).toEqual(expect.arrayContaining([{ kind: 'assigned', read: false }, { kind: 'forwarded', read: false }]));
    // The one who assigned it is not told they did.
    expect((await alertsFor(cast.saude, now, filed.protocol)).map((a) => a.kind)).not.toContain('assigned');
  });

  it('mirrors the deadline scan: the holding secretaria and the ombudsmen hear of a demand due soon, once', async () => {
    const filed = await fileOuvidoria({}, {}, at('2026-11-01'));
    const saude = await department('saude');
    expectOk(await forwardDemand(cast.ombudsman, { demandId: filed.id, departmentId: saude.id }, { now: at('2026-11-01') }));
    const db = await getDb();
    const scanDay = at(filed.dueOn).getTime() - 2 * 86_400_000;
    await writeDeadlineAlerts(db, new Date(scanDay));
    await writeDeadlineAlerts(db, new Date(scanDay));
    const now = new Date(scanDay);
    expect((await alertsFor(cast.saude, now, filed.protocol)).filter((a) => a.kind === 'due_soon')).toHaveLength(1);
    expect((await alertsFor(cast.ombudsman, now, filed.protocol)).filter((a) => a.kind === 'due_soon')).toHaveLength(1);
  });

  it('answers someone else’s alert as a missing one, and refuses citizens and the signed out', async () => {
    const filed = await fileBalcao({}, {}, at('2026-11-14'));
    const [alert] = await (await getDb()).select().from(staffAlerts).where(eq(staffAlerts.demandId, filed.id));
    if (!alert) throw new Error('no alert');
    expect(await markStaffAlertsRead(cast.saude, { alertId: alert.id }, { now: at('2026-11-14') })).toMatchObject({ ok: false, status: 404, error: 'Aviso não encontrado.' });
    expect(await (await getDb()).select().from(staffAlertReads).where(eq(staffAlertReads.alertId, alert.id))).toEqual([]);
    expect(await markStaffAlertsRead(cast.saude, { alertId: 'nada' })).toMatchObject({ ok: false, status: 400 });
    expect(await listStaffAlerts(cast.citizenA)).toMatchObject({ ok: false, status: 403 });
    expect(await listStaffAlerts(null)).toMatchObject({ ok: false, status: 401 });
  });
});
