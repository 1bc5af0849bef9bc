import { asc, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { demandEvents, demands, departments, outbox, protocolCounters, satisfactionRatings, informationAppeals, users } from '@/lib/db/schema';
import { DEMO_ACCOUNTS, seedDatabase } from '@/lib/db/seed';
import { deadlineStatus } from '@/lib/domain/deadlines';
import { formatProtocol } from '@/lib/domain/protocol';
import { OUVIDORIA_KINDS } from '@/lib/domain/vocabulary';

/**
 * The demo a new `npm run dev` starts with, filed in one transaction: what the queues, timelines,
 * statistics and browser tests show of it (every state, deadlines overdue and due soon, channels, kinds,
 * Balcão services, denúncias for the Controle Interno), with protocol numbers that run without a gap.
 */
describe('the demo data of a new database', () => {
  it('a seed that fails leaves nothing behind, so the next start seeds again (as the next test does)', async () => {
    const db = await getDb();
    await expect(
      seedDatabase(db, {
        demo: true,
        demoDemands: 20,
        onProgress: (filed) => {
          if (filed === 10) throw new Error('disco cheio');
        },
      }),
    ).rejects.toThrow('disco cheio');
    expect((await db.select({ total: count() }).from(demands))[0]?.total).toBe(0);
    expect(await db.select().from(protocolCounters)).toEqual([]);
    expect(await db.select().from(users).where(eq(users.email, DEMO_ACCOUNTS[0]?.email ?? ''))).toEqual([]);
  }, 120_000);


  it('is complete and gapless, and tells nobody', async () => {
    const db = await getDb();
    const progress: number[] = [];
    await seedDatabase(db, { demo: true, demoDemands: 300, onProgress: (filed) => progress.push(filed) });
    expect(progress).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));

    const rows = await db.select().from(demands).orderBy(asc(demands.createdAt));
    expect(rows).toHaveLength(300);

    // Gapless per year, in the order the demands came in, and the counter where the next one starts.
    const years = [...new Set(rows.map((row) => row.protocolYear))];
    for (const year of years) {
      const ofYear = rows.filter((row) => row.protocolYear === year);
      expect(ofYear.map((row) => row.protocolSequence)).toEqual(ofYear.map((_, i) => i + 1));
      expect(ofYear.map((row) => row.protocol)).toEqual(ofYear.map((_, i) => formatProtocol(year, i + 1)));
      const [counter] = await db.select().from(protocolCounters).where(eq(protocolCounters.year, year));
      expect(counter?.lastSequence).toBe(ofYear.length);
    }

    expect(new Set(rows.map((row) => row.state))).toEqual(new Set(['received', 'forwarded', 'in_progress', 'awaiting_citizen', 'answered', 'closed', 'archived']));
    expect(new Set(rows.map((row) => row.service))).toEqual(new Set(['balcao', 'ouvidoria']));
    expect(new Set(rows.filter((row) => row.service === 'ouvidoria').map((row) => row.kind))).toEqual(new Set(OUVIDORIA_KINDS));
    expect(new Set(rows.filter((row) => row.service === 'balcao').map((row) => row.categoryId)).size).toBeGreaterThan(3);
    expect(new Set(rows.map((row) => row.channel)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(rows.map((row) => row.identity))).toEqual(new Set(['identified', 'confidential', 'anonymous']));

    const now = new Date();
    const pending = rows.filter((row) => ['received', 'forwarded', 'in_progress'].includes(row.state));
    const statuses = pending.map((row) => deadlineStatus(row.dueOn, now).status);
    expect(statuses).toContain('overdue');
    expect(statuses).toContain('due_soon');

    // A denúncia about a servant's conduct goes to the Controle Interno.
    const [internalControl] = await db.select().from(departments).where(eq(departments.isInternalControl, true));
    expect(rows.some((row) => row.kind === 'denunciation' && row.departmentId === internalControl?.id)).toBe(true);
    // Protected and anonymous demands can be followed with a code (never shown) and show a pseudonym.
    const protectedRows = rows.filter((row) => row.identity !== 'identified' || row.kind === 'denunciation');
    expect(protectedRows.length).toBeGreaterThan(0);
    expect(protectedRows.every((row) => row.accessCodeHash?.startsWith('scrypt:') && row.requesterPseudonym)).toBe(true);
    expect(rows.filter((row) => row.identity === 'identified' && row.kind !== 'denunciation').every((row) => row.accessCodeHash === null)).toBe(true);

    // Every demand's timeline starts with its receipt and ends in the state the demand is in.
    const events = await db.select().from(demandEvents).orderBy(asc(demandEvents.createdAt), asc(demandEvents.id));
    for (const row of rows) {
      const timeline = events.filter((event) => event.demandId === row.id);
      expect(timeline[0]?.type).toBe('received');
      expect(timeline.at(-1)?.stateAfter).toBe(row.state);
    }
    // Answered access-to-information requests carry their outcome; a refusal its ground; some were appealed.
    const answeredLai = rows.filter((row) => row.kind === 'information' && row.answeredAt);
    expect(answeredLai.length).toBeGreaterThan(0);
    expect(answeredLai.every((row) => row.informationOutcome !== null)).toBe(true);
    expect(answeredLai.filter((row) => row.informationOutcome === 'denied' || row.informationOutcome === 'partly_granted').every((row) => row.denialGround !== null)).toBe(true);
    expect((await db.select().from(informationAppeals)).length).toBeGreaterThan(0);
    const [ratings] = await db.select({ total: count() }).from(satisfactionRatings);
    expect(ratings?.total).toBeGreaterThan(0);

    const accounts = await db.select({ email: users.email, passwordHash: users.passwordHash }).from(users);
    expect(DEMO_ACCOUNTS.every((account) => accounts.some((row) => row.email === account.email && row.passwordHash))).toBe(true);
    expect(await db.select().from(outbox)).toEqual([]);
  }, 300_000);
});
