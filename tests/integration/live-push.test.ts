import { afterAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db/client';
import { applyBulkAction } from '@/lib/demands/bulk';
import { addInternalNote } from '@/lib/demands/staff-messages';
import { demandChangesReady, stopListeningForDemandChanges, subscribeToDemandChanges } from '@/lib/live/demand-changes';
import { createCast, expectOk, fileOuvidoria } from '../workspace-factories';

/**
 * The push behind the live workspace (PostgreSQL only: the embedded database has no second connection to
 * listen on, and its pages poll). An open page is woken once after a committed change — one bulk action is
 * one wake — and never for a change that was rolled back, nor after it left.
 */

const url = process.env.TEST_DATABASE_URL;
const quiet = () => new Promise((resolve) => setTimeout(resolve, 700));

afterAll(() => stopListeningForDemandChanges());

describe.skipIf(!url)('live push', () => {
  it('wakes an open page after each committed change, once per transaction, and never for a rolled-back one', async () => {
    const cast = await createCast();
    const [first, second, third] = [await fileOuvidoria(), await fileOuvidoria(), await fileOuvidoria()];
    let wakes = 0;
    const leave = subscribeToDemandChanges(() => wakes++, { url });
    expect(leave).not.toBeNull();
    await demandChangesReady();
    // Listening (and every reconnection) wakes the pages once, for what changed while nobody listened.
    await vi.waitFor(() => expect(wakes).toBe(1), { timeout: 3000, interval: 20 });
    wakes = 0;

    const db = await getDb();
    await db
      .transaction(async (tx) => {
        expectOk(await addInternalNote(cast.ombudsman, { demandId: first.id, body: 'Nota que será desfeita.' }, { db: tx }));
        tx.rollback();
      })
      .catch(() => undefined);
    await quiet();
    expect(wakes).toBe(0);

    expectOk(await addInternalNote(cast.ombudsman, { demandId: first.id, body: 'Vistoria marcada para amanhã cedo.' }));
    await vi.waitFor(() => expect(wakes).toBe(1), { timeout: 3000, interval: 20 });

    const ombudsman = cast.ombudsman;
    expectOk(await applyBulkAction(ombudsman, { demandIds: [first.id, second.id, third.id], operation: 'assign', assigneeId: ombudsman.userId }));
    await vi.waitFor(() => expect(wakes).toBe(2), { timeout: 3000, interval: 20 });
    await quiet();
    expect(wakes).toBe(2);

    leave?.();
    expectOk(await addInternalNote(cast.ombudsman, { demandId: second.id, body: 'Ninguém mais olha esta página.' }));
    await quiet();
    expect(wakes).toBe(2);
  });
});
