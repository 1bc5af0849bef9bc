import { operationsAccess } from '@/lib/metrics/access';
import { scrapeMetrics } from '@/lib/metrics/scrape';

export const dynamic = 'force-dynamic';

/**
 * Prometheus metrics, for the scraper holding METRICS_TOKEN (`Authorization: Bearer …`) or a signed-in
 * admin. Without METRICS_TOKEN the route is off (404) for everyone else.
 */
export async function GET(request: Request): Promise<Response> {
  const access = await operationsAccess(request);
  if (access === 'off') return new Response('Não encontrado.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  if (access === 'unauthorized') {
    return new Response('Informe o token de métricas (Authorization: Bearer).', {
      status: 401,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer realm="metrics"' },
    });
  }
  const { contentType, body } = await scrapeMetrics();
  return new Response(body, { status: 200, headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
}
