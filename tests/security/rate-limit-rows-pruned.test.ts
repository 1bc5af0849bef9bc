import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { rateLimits } from '@/lib/db/schema';
import { workerConfig } from '@/lib/delivery/config';
import { runScheduledTasks } from '@/lib/delivery/scheduled-tasks';
import { hitRateLimit, peekRateLimit } from '@/lib/rate-limit';

/**
 * Threat: every address, e-mail or protocol ever tried leaves a counter row behind, so a client rotating
 * keys (fresh addresses, made-up e-mails) grows `rate_limits` without end. The worker's scheduled tasks
 * delete counters whose window has ended, in bounded batches, and live counters keep limiting.
 */

const startedAt = new Date('2026-06-01T12:00:00Z');
const hour = 3_600_000;

async function rowCount(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(rateLimits);
  return row?.n ?? 0;
}

describe('rate-limit rows pruned', () => {
  it('deletes ended windows on the worker timer and keeps the counters still running', async () => {
    const db = await getDb();
    // What a burst of 2,500 sign-up attempts from rotating addresses leaves: one row per address.
    const burst = Array.from({ length: 2500 }, (_, i) => ({ key: `sign-up:address:198.51.${Math.floor(i / 250)}.${i % 250}`, hits: 1, windowEndsAt: new Date(startedAt.getTime() + hour) }));
    await db.insert(rateLimits).values(burst);
    const rule = { limit: 2, windowSeconds: 3600 };
    const later = new Date(startedAt.getTime() + 90 * 60_000);
    for (let i = 0; i < 3; i++) await hitRateLimit('track:protocol:2026-000001-3', rule, later);
    expect(await rowCount()).toBe(2501);

    await runScheduledTasks({ db, now: new Date(startedAt.getTime() + 2 * hour), config: workerConfig(), log: { info: () => {}, error: () => {} } });

    expect(await rowCount()).toBe(1);
    expect(await peekRateLimit('track:protocol:2026-000001-3', rule, new Date(startedAt.getTime() + 2 * hour))).toMatchObject({ allowed: false });
  });
});
