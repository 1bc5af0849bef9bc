import { checkReadiness } from '@/lib/health/readiness';
import { operationsAccess } from '@/lib/metrics/access';

export const dynamic = 'force-dynamic';

/**
 * Readiness: 200 when the database answers, the migrations are applied and an outbox worker beat
 * recently; 503 otherwise. The public (a load balancer) gets the bare status; the metrics scraper (bearer
 * METRICS_TOKEN) and admins get which check failed.
 */
export async function GET(request: Request): Promise<Response> {
  const readiness = await checkReadiness();
  const status = readiness.ready ? 200 : 503;
  const body = (await operationsAccess(request)) === 'granted' ? readiness : { status: readiness.ready ? 'ok' : 'unavailable' };
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
