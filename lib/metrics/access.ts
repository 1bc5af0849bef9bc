import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { currentActor } from '@/lib/auth/guards';

/**
 * Who may read the operational figures (/api/metrics, the details of /api/health/ready): a scraper with
 * the bearer token METRICS_TOKEN, or a signed-in admin. Without METRICS_TOKEN the scraper's way in is
 * off, and the metrics route answers 404 to anyone but an admin.
 */
export type OperationsAccess = 'granted' | 'unauthorized' | 'off';

export function metricsToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.METRICS_TOKEN?.trim() || undefined;
}

/** Compared as digests, so neither the content nor the length of the token leaks through timing. */
function sameToken(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export async function operationsAccess(request: Request, env: NodeJS.ProcessEnv = process.env): Promise<OperationsAccess> {
  const expected = metricsToken(env);
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]?.trim();
  if (expected && bearer && sameToken(bearer, expected)) return 'granted';
  const actor = await currentActor();
  if (actor?.role === 'admin') return 'granted';
  return expected ? 'unauthorized' : 'off';
}
