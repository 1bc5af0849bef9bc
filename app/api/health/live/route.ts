export const dynamic = 'force-dynamic';

/** Liveness: the process answers. Nothing is checked, so a database outage never restarts the app. */
export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
