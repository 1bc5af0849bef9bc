import { readBoundedBody } from '@/lib/http/bounded-body';
import { authenticateOpen311Key } from '@/lib/open311/keys';
import { discovery, getRequest, jurisdictionRefusal, listRequests, listServices, postRequest, serviceDefinition, type Open311Result } from '@/lib/open311/georeport';
import { open311PostLimit } from '@/lib/open311/limits';
import { CONTENT_TYPES, open311Body, open311ErrorBody, type Open311Format } from '@/lib/open311/wire';
import { hitRateLimit } from '@/lib/rate-limit';

/**
 * Open311 GeoReport v2 (lib/open311/georeport.ts): `discovery`, `services`, `services/{code}`, `requests`
 * and `requests/{id}`, each with a `.json` or `.xml` suffix (JSON without one). Reading is public; POST
 * requests needs an `api_key` issued by an administrator (/painel/admin/open311).
 */

export const dynamic = 'force-dynamic';

/** A request is a few fields of text; photos are not taken over Open311 (media_url is not fetched). */
const MAX_POST_BYTES = 64 * 1024;

type Route = { format: Open311Format; segments: string[] };

function routeOf(path: string[]): Route {
  const segments = [...path];
  const last = segments.pop() ?? '';
  const match = /^(.*)\.(json|xml)$/i.exec(last);
  const format: Open311Format = match?.[2]?.toLowerCase() === 'xml' ? 'xml' : 'json';
  segments.push(match ? (match[1] ?? '') : last);
  return { format, segments: segments.map((segment) => decodeURIComponent(segment)) };
}

function respond(format: Open311Format, result: Open311Result, headers: Record<string, string> = {}): Response {
  const body = result.ok ? open311Body(format, result.root, result.body) : open311ErrorBody(format, result.status, result.errors);
  return new Response(body, { status: result.status, headers: { 'content-type': CONTENT_TYPES[format], 'cache-control': 'no-store', ...headers } });
}

const NOT_FOUND = (what: string): Open311Result => ({ ok: false, status: 404, errors: [`Endereço desconhecido: ${what}. Veja /open311/v2/discovery.json.`] });

export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { format, segments } = routeOf((await params).path);
  const query = Object.fromEntries(new URL(request.url).searchParams.entries());
  const [resource, id, ...rest] = segments;
  const unknownJurisdiction = jurisdictionRefusal(query.jurisdiction_id);
  if (unknownJurisdiction) return respond(format, unknownJurisdiction);
  if (rest.length) return respond(format, NOT_FOUND(segments.join('/')));
  if (resource === 'discovery' && !id) return respond(format, discovery());
  if (resource === 'services') return respond(format, id ? await serviceDefinition(id) : await listServices());
  if (resource === 'requests') return respond(format, id ? await getRequest(id) : await listRequests(query));
  return respond(format, NOT_FOUND(segments.join('/')));
}

export async function POST(request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { format, segments } = routeOf((await params).path);
  if (segments.join('/') !== 'requests') return respond(format, { ok: false, status: 404, errors: ['Só requests aceita POST.'] });
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return respond(format, { ok: false, status: 400, errors: ['Envie os parâmetros como application/x-www-form-urlencoded, como a especificação pede.'] });
  }
  const body = await readBoundedBody(request, MAX_POST_BYTES);
  if (!body.ok) return respond(format, { ok: false, status: 400, errors: [`Corpo grande demais (até ${MAX_POST_BYTES / 1024} KB).`] });
  const form = new URLSearchParams(new TextDecoder().decode(body.bytes));
  const url = new URL(request.url);
  const key = form.get('api_key') ?? url.searchParams.get('api_key');

  // Authenticate → limit → act.
  const check = await authenticateOpen311Key(key);
  if (!check.ok) {
    const why = { missing: 'Informe api_key.', unknown: 'api_key inválida.', revoked: 'Esta api_key foi revogada pela prefeitura.' }[check.reason];
    return respond(format, { ok: false, status: 401, errors: [why] }, { 'www-authenticate': 'api_key' });
  }
  const rule = open311PostLimit();
  if (rule) {
    const limit = await hitRateLimit(`open311:${check.client.id}`, rule);
    if (!limit.allowed) {
      const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
      return respond(format, { ok: false, status: 429, errors: [`Limite de ${rule.limit} solicitações por hora desta chave atingido. Tente de novo em ${minutes} minuto${minutes === 1 ? '' : 's'}.`] }, { 'retry-after': String(limit.retryAfterSeconds) });
    }
  }
  const parameters: Record<string, string> = {};
  const attributes: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    const attribute = /^attribute\[(.+)\]$/.exec(name);
    if (attribute?.[1]) attributes[attribute[1]] = value;
    else if (name !== 'api_key') parameters[name] = value;
  }
  return respond(format, await postRequest(parameters, attributes));
}
