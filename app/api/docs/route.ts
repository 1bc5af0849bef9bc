import { openApiDocument } from '@/lib/openapi/document';

/** The OpenAPI 3.1 document of the public APIs; the same, readable, at /desenvolvedores. */
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' } });
}
