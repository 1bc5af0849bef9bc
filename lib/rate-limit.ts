import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { deleteInBatches } from '@/lib/db/batches';
import { rateLimits } from '@/lib/db/schema';
import { countRateLimitRefusal } from '@/lib/metrics/instruments';

export type RateLimitRule = { limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/**
 * Fixed-window counter in the database, so every app instance shares it. `hit` counts an attempt and says
 * whether it is still within the limit; `peek` only reads.
 */
export async function hitRateLimit(key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitResult> {
  const db = await getDb();
  const windowEndsAt = new Date(now.getTime() + rule.windowSeconds * 1000);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, hits: 1, windowEndsAt })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${rateLimits.windowEndsAt} <= ${now.toISOString()}::timestamptz then 1 else ${rateLimits.hits} + 1 end`,
        windowEndsAt: sql`case when ${rateLimits.windowEndsAt} <= ${now.toISOString()}::timestamptz then ${windowEndsAt.toISOString()}::timestamptz else ${rateLimits.windowEndsAt} end`,
      },
    })
    .returning();
  const result = resultOf(row, rule, now);
  if (!result.allowed) countRateLimitRefusal(key);
  return result;
}

export async function peekRateLimit(key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitResult> {
  const db = await getDb();
  const [row] = await db.select().from(rateLimits).where(sql`${rateLimits.key} = ${key} and ${rateLimits.windowEndsAt} > ${now.toISOString()}::timestamptz`);
  const result = resultOf(row, rule, now, 0);
  // Callers that check before they count refuse on a peek that finds no attempt left.
  if (result.remaining === 0) countRateLimitRefusal(key);
  return result;
}

/** At most this many rows per delete statement, and this many statements per run. */
const PRUNE_BATCH = 1000;
const PRUNE_MAX_BATCHES = 20;

/**
 * Deletes counters whose window has ended (an ended window counts as no row at all, so nothing changes
 * for anyone). Without it, every address or e-mail ever tried leaves a row behind, and a client rotating
 * keys grows the table for ever. Bounded batches keep each statement short; what is left waits for the
 * next run. Returns how many rows went.
 */
export async function pruneExpiredRateLimits({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const db = await getDb();
  const expired = sql`${rateLimits.key} in (select ${rateLimits.key} from ${rateLimits} where ${rateLimits.windowEndsAt} <= ${now.toISOString()}::timestamptz limit ${PRUNE_BATCH})`;
  return deleteInBatches(async () => (await db.delete(rateLimits).where(expired).returning({ key: rateLimits.key })).length, {
    batch: PRUNE_BATCH,
    maxBatches: PRUNE_MAX_BATCHES,
  });
}

export async function clearRateLimit(key: string): Promise<void> {
  const db = await getDb();
  await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}

/** Clears every counter under one prefix (an account's counters at each address). */
export async function clearRateLimitsStartingWith(prefix: string): Promise<void> {
  const db = await getDb();
  await db.delete(rateLimits).where(sql`starts_with(${rateLimits.key}, ${prefix})`);
}

function resultOf(row: typeof rateLimits.$inferSelect | undefined, rule: RateLimitRule, now: Date, extra = 0): RateLimitResult {
  const hits = (row?.hits ?? 0) + extra;
  const retryAfterSeconds = row ? Math.max(0, Math.ceil((row.windowEndsAt.getTime() - now.getTime()) / 1000)) : 0;
  return { allowed: hits <= rule.limit, remaining: Math.max(0, rule.limit - hits), retryAfterSeconds };
}

/**
 * Growing delay after failed proofs (a password, a tracking code), keyed on the account (or protocol)
 * together with the client address: a stranger's failures slow only the stranger. The delay holds the
 * next answer back; it never refuses the right credential, which is checked once the wait is over.
 */
export const FAILURE_DELAY = { freeFailures: 3, maxSeconds: 10, windowSeconds: 15 * 60 } as const;

/** Seconds to wait before checking the next proof under this key: 0, then 1, 2, 4, 8, 10, 10… */
export async function failureDelaySeconds(key: string, now = new Date()): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ hits: rateLimits.hits })
    .from(rateLimits)
    .where(sql`${rateLimits.key} = ${key} and ${rateLimits.windowEndsAt} > ${now.toISOString()}::timestamptz`);
  return delayAfter(row?.hits ?? 0);
}

export function delayAfter(failures: number): number {
  if (failures < FAILURE_DELAY.freeFailures) return 0;
  return Math.min(FAILURE_DELAY.maxSeconds, 2 ** (failures - FAILURE_DELAY.freeFailures));
}

/** Counts a failed proof under the key; the window restarts once a quarter of an hour has passed. */
export async function recordFailure(key: string, now = new Date()): Promise<void> {
  await hitRateLimit(key, { limit: Number.MAX_SAFE_INTEGER, windowSeconds: FAILURE_DELAY.windowSeconds }, now);
}

/** How a use case waits out a delay; tests pass one that only records the wait. */
export type Wait = (seconds: number) => Promise<void>;

export const sleep: Wait = (seconds) => (seconds > 0 ? new Promise((resolve) => setTimeout(resolve, seconds * 1000)) : Promise.resolve());
