import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { demandEvents, demands } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { claimDemands, listClaimableDemands } from '@/lib/demands/claim';
import { findOwnDemand, listOwnDemands } from '@/lib/demands/citizen-demands';
import { ouvidoriaInput } from '../factories';
import { createUser } from '../account-factories';

async function fileWith(overrides: Record<string, unknown>, context: { requesterUserId?: string } = {}) {
  const result = await fileDemand(ouvidoriaInput(overrides), { channel: 'web', ...context });
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result.demand;
}

const verified = new Date('2026-05-01T12:00:00Z');

describe('claiming demands filed while signed out', () => {
  it('lists and links only the demands with the verified e-mail that nobody owns and that are not anonymous', async () => {
    const citizen = await createUser({ email: 'claudia@exemplo.com.br', emailVerified: verified });
    const other = await createUser({ email: 'outra@exemplo.com.br', emailVerified: verified });
    const mine = await fileWith({ email: 'Claudia@Exemplo.com.br' });
    const mineConfidential = await fileWith({ email: 'claudia@exemplo.com.br', identity: 'confidential' });
    const someoneElses = await fileWith({ email: 'outra@exemplo.com.br' });
    const anonymous = await fileWith({ identity: 'anonymous', email: 'claudia@exemplo.com.br' });
    const alreadyOwned = await fileWith({ email: 'claudia@exemplo.com.br' }, { requesterUserId: other.userId });

    const claimable = await listClaimableDemands(citizen);
    expect(claimable.emailVerified).toBe(true);
    if (!claimable.emailVerified) return;
    expect(claimable.demands.map((d) => d.protocol).sort()).toEqual([mine.protocol, mineConfidential.protocol].sort());

    const result = await claimDemands(citizen, [mine.id, mineConfidential.id, someoneElses.id, anonymous.id, alreadyOwned.id]);
    expect(result).toEqual({ ok: true, claimed: 2 });

    const db = await getDb();
    const owners = await db.select({ id: demands.id, owner: demands.requesterUserId }).from(demands);
    const ownerOf = (id: string) => owners.find((row) => row.id === id)?.owner;
    expect(ownerOf(mine.id)).toBe(citizen.userId);
    expect(ownerOf(mineConfidential.id)).toBe(citizen.userId);
    expect(ownerOf(someoneElses.id)).toBeNull();
    expect(ownerOf(anonymous.id)).toBeNull();
    expect(ownerOf(alreadyOwned.id)).toBe(other.userId);

    const [event] = await db.select().from(demandEvents).where(and(eq(demandEvents.demandId, mine.id), eq(demandEvents.type, 'claimed')));
    expect(event).toMatchObject({ visibility: 'internal', actorUserId: citizen.userId, stateBefore: 'received', stateAfter: 'received' });

    const afterwards = await listClaimableDemands(citizen);
    expect(afterwards).toEqual({ emailVerified: true, demands: [] });
    const own = await listOwnDemands(citizen);
    expect(own.demands.map((d) => d.protocol).sort()).toEqual([mine.protocol, mineConfidential.protocol].sort());
  });

  it('lists nothing and links nothing while the e-mail is unverified', async () => {
    const citizen = await createUser({ email: 'naoverificado@exemplo.com.br', emailVerified: null });
    const demand = await fileWith({ email: 'naoverificado@exemplo.com.br' });
    expect(await listClaimableDemands(citizen)).toEqual({ emailVerified: false });
    expect(await claimDemands(citizen, [demand.id])).toEqual({ ok: false, error: expect.stringContaining('Confirme seu e-mail') });
    const db = await getDb();
    const [row] = await db.select({ owner: demands.requesterUserId }).from(demands).where(eq(demands.id, demand.id));
    expect(row?.owner).toBeNull();
  });

  it('links a demand once when the same claim is sent twice at once (a double submit)', async () => {
    const first = await createUser({ email: 'corrida@exemplo.com.br', emailVerified: verified });
    const demand = await fileWith({ email: 'corrida@exemplo.com.br' });
    const results = await Promise.all([claimDemands(first, [demand.id]), claimDemands(first, [demand.id])]);
    expect(results.map((r) => (r.ok ? r.claimed : -1)).sort()).toEqual([0, 1]);
    const db = await getDb();
    const events = await db.select().from(demandEvents).where(and(eq(demandEvents.demandId, demand.id), eq(demandEvents.type, 'claimed')));
    expect(events).toHaveLength(1);
  });

  it('is not offered to staff accounts, even with a verified e-mail', async () => {
    const staff = await createUser({ role: 'ombudsman', email: 'servidora@exemplo.gov.br', emailVerified: verified });
    const demand = await fileWith({ email: 'servidora@exemplo.gov.br' });
    expect(await listClaimableDemands(staff)).toEqual({ emailVerified: false });
    expect(await claimDemands(staff, [demand.id])).toMatchObject({ ok: false });
  });

  it('answers bad input with a message', async () => {
    const citizen = await createUser({ emailVerified: verified });
    expect(await claimDemands(citizen, [])).toMatchObject({ ok: false });
    expect(await claimDemands(citizen, ['not-a-uuid'])).toMatchObject({ ok: false });
  });
});

describe('"Minhas manifestações"', () => {
  it("shows a citizen their own demand with its public timeline only, and never someone else's", async () => {
    const owner = await createUser({ emailVerified: verified });
    const stranger = await createUser({ emailVerified: verified });
    const demand = await fileWith({ email: owner.email }, { requesterUserId: owner.userId });
    const db = await getDb();
    await db.insert(demandEvents).values({
      demandId: demand.id,
      type: 'note',
      stateBefore: 'received',
      stateAfter: 'received',
      actorLabel: 'Ouvidoria',
      visibility: 'internal',
      body: 'Nota interna que o cidadão não vê.',
    });

    const found = await findOwnDemand(owner, demand.protocol);
    expect(found?.protocol).toBe(demand.protocol);
    expect(found?.timeline.map((e) => e.type)).toEqual(['received']);
    expect(JSON.stringify(found)).not.toContain('Nota interna');

    expect(await findOwnDemand(stranger, demand.protocol)).toBeNull();
    expect((await listOwnDemands(stranger)).demands).toHaveLength(0);
  });

  it('lists newest first', async () => {
    const owner = await createUser();
    const older = await fileDemand(ouvidoriaInput(), { channel: 'web', requesterUserId: owner.userId }, { now: new Date('2026-01-10T12:00:00Z') });
    const newer = await fileDemand(ouvidoriaInput(), { channel: 'web', requesterUserId: owner.userId }, { now: new Date('2026-03-10T12:00:00Z') });
    if (!older.ok || !newer.ok) throw new Error('intake failed');
    const list = await listOwnDemands(owner);
    expect(list.demands.map((d) => d.protocol)).toEqual([newer.demand.protocol, older.demand.protocol]);
    expect(list.total).toBe(2);
  });
});
