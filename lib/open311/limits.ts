import type { RateLimitRule } from '@/lib/rate-limit';

/**
 * Requests one Open311 key may post per hour (`OPEN311_POST_LIMIT_PER_HOUR`, default 100; 0 for none):
 * an app relaying its users' reports stays far below it, and a leaked or looping key cannot flood the
 * secretarias' queues before an administrator revokes it.
 */
export function open311PostLimit(env: Record<string, string | undefined> = process.env): RateLimitRule | null {
  const limit = Number(env.OPEN311_POST_LIMIT_PER_HOUR ?? 100);
  return Number.isFinite(limit) && limit > 0 ? { limit, windowSeconds: 3600 } : null;
}
