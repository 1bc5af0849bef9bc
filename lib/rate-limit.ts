import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { rateLimits } from '@/lib/db/schema';

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
  return resultOf(row, rule, now);
}

export async function peekRateLimit(key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitResult> {
  const db = await getDb();
  const [row] = await db.select().from(rateLimits).where(sql`${rateLimits.key} = ${key} and ${rateLimits.windowEndsAt} > ${now.toISOString()}::timestamptz`);
  return resultOf(row, rule, now, 0);
}

export async function clearRateLimit(key: string): Promise<void> {
  const db = await getDb();
  await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}

function resultOf(row: typeof rateLimits.$inferSelect | undefined, rule: RateLimitRule, now: Date, extra = 0): RateLimitResult {
  const hits = (row?.hits ?? 0) + extra;
  const retryAfterSeconds = row ? Math.max(0, Math.ceil((row.windowEndsAt.getTime() - now.getTime()) / 1000)) : 0;
  return { allowed: hits <= rule.limit, remaining: Math.max(0, rule.limit - hits), retryAfterSeconds };
}
