import 'server-only';
import { openDataStream } from './open-data';

/** The streamed download of the open data, for the CSV and JSON route handlers. */
export function openDataResponse(format: 'csv' | 'json', searchParams: URLSearchParams): Response {
  const requested = Number(searchParams.get('ano'));
  const year = Number.isInteger(requested) && requested >= 2000 && requested <= 2999 ? requested : undefined;
  const name = `manifestacoes${year ? `-${year}` : ''}.${format}`;
  return new Response(openDataStream(format, { year }), {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'public, max-age=300',
    },
  });
}
