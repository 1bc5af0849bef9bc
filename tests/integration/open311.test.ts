import { eq } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/open311/v2/[...path]/route';
import { getDb } from '@/lib/db/client';
import { demands, outbox } from '@/lib/db/schema';
import { jurisdictionId } from '@/lib/open311/georeport';
import { issueOpen311Key, listOpen311Clients, revokeOpen311Key } from '@/lib/open311/keys';
import { aNeighbourhood, balcaoCategory } from '../factories';
import { createUser, fileBalcao, fileOuvidoria } from '../workspace-factories';
import {
  SPEC_CALLS,
  SPEC_DISCOVERY_XML,
  SPEC_ERRORS_JSON,
  SPEC_ERRORS_XML,
  SPEC_JURISDICTION,
  SPEC_POST_RESPONSE_JSON,
  SPEC_POST_RESPONSE_XML,
  SPEC_REQUESTS_JSON,
  SPEC_REQUESTS_XML,
  SPEC_SERVICE_DEFINITION_XML,
  SPEC_SERVICES_JSON,
  SPEC_SERVICES_XML,
} from '../fixtures/open311/georeport-v2-examples';

const LISTS = new Set(['service', 'endpoint', 'format', 'attribute', 'value', 'request', 'error']);
const xml = new XMLParser({ ignoreDeclaration: true, parseTagValue: false, isArray: (name) => LISTS.has(name) });

/** The names in a document, recursively (a list by its first item): what a client's parser relies on. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((key) => [key, shapeOf((value as Record<string, unknown>)[key])]));
  return '·';
}

const ours = (call: string) => call.replaceAll(SPEC_JURISDICTION, jurisdictionId());

async function get(call: string): Promise<Response> {
  const [path = '', query = ''] = ours(call).split('?');
  return GET(new Request(`http://localhost/open311/v2/${path}${query ? `?${query}` : ''}`), { params: Promise.resolve({ path: path.split('/') }) });
}

async function post(path: string, body: string): Promise<Response> {
  return POST(new Request(`http://localhost/open311/v2/${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }), {
    params: Promise.resolve({ path: path.split('/') }),
  });
}

let apiKey: string;
let admin: Awaited<ReturnType<typeof createUser>>;
let bairroId: string;
const adminActor = () => ({ ...admin, departmentIds: [...admin.departmentIds] });

beforeAll(async () => {
  admin = await createUser('admin');
  const issued = await issueOpen311Key(adminActor(), { name: 'Aplicativo Bairro Limpo', contactEmail: 'dev@bairrolimpo.example' });
  if (!issued.ok) throw new Error('no key');
  apiKey = issued.value.key;
  bairroId = (await aNeighbourhood('Centro')).id;
});

/** The spec's POST, with this server's key, service code, jurisdiction and a bairro. */
function specPostBody(overrides: Record<string, string> = {}): string {
  const form = new URLSearchParams(ours(SPEC_CALLS.postRequest.body));
  form.set('api_key', apiKey);
  form.set('service_code', 'tapa-buraco');
  form.set('attribute[bairro]', bairroId);
  form.set('lat', '-22.8858');
  form.set('long', '-48.4450');
  form.set('phone', '(14) 99123-0000');
  for (const [key, value] of Object.entries(overrides)) form.set(key, value);
  return form.toString();
}

describe('GeoReport v2: the point of a request', () => {
  it('takes the bairro from lat/long when the município drew it, and refuses a point outside the município', async () => {
    const response = await post('requests.json', specPostBody({ 'attribute[bairro]': '' }));
    expect(response.status).toBe(201);
    const [created] = (await response.json()) as { service_request_id: string }[];
    const db = await getDb();
    const [row] = await db.select({ neighbourhoodId: demands.neighbourhoodId, latitude: demands.latitude }).from(demands).where(eq(demands.protocol, created?.service_request_id ?? ''));
    expect(row).toEqual({ neighbourhoodId: bairroId, latitude: -22.8858 });

    // São Paulo's Praça da Sé: well outside Botucatu.
    const outside = await post('requests.json', specPostBody({ lat: '-23.5503', long: '-46.6339' }));
    expect(outside.status).toBe(400);
    const [error] = (await outside.json()) as { description: string }[];
    expect(error?.description).toMatch(/^lat: Este local fica fora do município/);
  });
});

describe('GeoReport v2: the spec examples replayed', () => {
  it('discovery has the spec document shape, XML and JSON', async () => {
    const response = await get(SPEC_CALLS.discovery);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/xml');
    expect(shapeOf(xml.parse(await response.text()))).toEqual(shapeOf(xml.parse(SPEC_DISCOVERY_XML)));
    const json = await (await get('discovery.json')).json();
    expect(json.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', formats: ['text/xml', 'application/json'] });
  });

  it('services lists the Balcão catalogue with the spec fields', async () => {
    const response = await get(SPEC_CALLS.services);
    const parsed = xml.parse(await response.text());
    expect(shapeOf(parsed)).toEqual(shapeOf(xml.parse(SPEC_SERVICES_XML)));
    const json = (await (await get('services.json')).json()) as Record<string, unknown>[];
    expect(shapeOf(json)).toEqual(shapeOf(SPEC_SERVICES_JSON));
    expect(json.map((s) => s.service_code)).toContain('tapa-buraco');
    // Only the Balcão: no Ouvidoria subject is a service.
    expect(json.map((s) => s.service_code)).not.toContain('atendimento-saude');
  });

  it('a service definition comes from the service own questions, plus the bairro', async () => {
    const response = await get(SPEC_CALLS.serviceDefinition.replace('033', 'iluminacao-publica'));
    const parsed = xml.parse(await response.text());
    const attributes = parsed.service_definition.attributes.attribute as Record<string, unknown>[];
    expect(shapeOf({ ...parsed, service_definition: { ...parsed.service_definition, attributes: { attribute: [attributes.find((a) => a.code === 'problem')] } } })).toEqual(
      shapeOf(xml.parse(SPEC_SERVICE_DEFINITION_XML)),
    );
    expect(attributes.map((a) => a.code)).toEqual(['pole_number', 'problem', 'bairro']);
    expect((await get('services/nao-existe.json')).status).toBe(404);
  });

  it('POST requests answers with the spec shape and the protocol as service_request_id, through the intake', async () => {
    const response = await post(SPEC_CALLS.postRequest.path, specPostBody({ 'attribute[reference_point]': 'Perto da escola' }));
    expect(response.status).toBe(201);
    const parsed = xml.parse(await response.text());
    expect(shapeOf(parsed)).toEqual(shapeOf(xml.parse(SPEC_POST_RESPONSE_XML)));
    const protocol = parsed.service_requests.request[0].service_request_id as string;
    expect(protocol).toMatch(/^\d{4}-\d{6}-\d$/);

    const [row] = await (await getDb()).select().from(demands).where(eq(demands.protocol, protocol));
    expect(row).toMatchObject({ channel: 'api', service: 'balcao', identity: 'identified', requesterName: 'john smith', latitude: -22.8858, longitude: -48.445, details: { reference_point: 'Perto da escola' } });
    // The spec's attributes are unknown to this service: dropped, like any unknown question.
    expect(row?.details).not.toHaveProperty('WHISPAWN');
    // The receipt goes out like every channel's.
    const notices = await (await getDb()).select().from(outbox).where(eq(outbox.demandId, row?.id ?? ''));
    expect(notices.map((n) => n.template)).toContain('demand_received');

    const json = await (await post('requests.json', specPostBody())).json();
    expect(shapeOf(json)).toEqual(shapeOf(SPEC_POST_RESPONSE_JSON));
  });

  it('GET requests and requests/{id} show the posted request with public fields only', async () => {
    const created = await (await post('requests.json', specPostBody({ first_name: 'Joana', last_name: 'Pereira', email: 'joana@exemplo.com.br' }))).json();
    const protocol = created[0].service_request_id as string;

    const one = await get(SPEC_CALLS.request.replace('638344', protocol));
    const parsed = xml.parse(await one.text());
    expect(shapeOf(parsed)).toEqual(shapeOf(xml.parse(SPEC_REQUESTS_XML)));
    const byId = (await (await get(`requests/${protocol}.json`)).json()) as Record<string, unknown>[];
    expect(shapeOf(byId)).toEqual(shapeOf(SPEC_REQUESTS_JSON));
    expect(byId[0]).toMatchObject({ service_request_id: protocol, status: 'open', service_code: 'tapa-buraco', description: null, address: null, lat: -22.8858 });
    const text = JSON.stringify(byId);
    for (const secret of ['Joana', 'Pereira', 'joana@', '99123', 'sinkhole', '5th street']) expect(text).not.toContain(secret);

    const list = (await (await get(`requests.json?service_code=tapa-buraco&status=open&jurisdiction_id=${jurisdictionId()}`)).json()) as Record<string, unknown>[];
    expect(list.map((r) => r.service_request_id)).toContain(protocol);
    const listed = (await (await get(`requests.json?service_request_id=${protocol},2026-000000-0`)).json()) as Record<string, unknown>[];
    expect(listed.map((r) => r.service_request_id)).toEqual([protocol]);
    // The spec's date window of 2010 holds none of today's.
    expect(await (await get(SPEC_CALLS.requests.replace('.xml', '.json'))).json()).toEqual([]);
    expect((await (await get('requests.json?status=closed')).json()).map((r: Record<string, unknown>) => r.service_request_id)).not.toContain(protocol);
  });

  it('never lists Ouvidoria demands or confidential requests', async () => {
    const complaint = await fileOuvidoria();
    const confidential = await fileBalcao({ identity: 'confidential' });
    const open = (await (await get('requests.json')).json()) as Record<string, unknown>[];
    const ids = open.map((r) => r.service_request_id);
    expect(ids).not.toContain(complaint.protocol);
    expect(ids).not.toContain(confidential.protocol);
    expect((await get(`requests/${complaint.protocol}.json`)).status).toBe(404);
  });

  it('errors use the spec error document, in Portuguese', async () => {
    // Without a point the bairro must come from the list.
    const response = await post('requests.xml', specPostBody({ description: '', 'attribute[bairro]': '', lat: '', long: '' }));
    expect(response.status).toBe(400);
    const parsed = xml.parse(await response.text());
    expect(shapeOf(parsed)).toEqual(shapeOf(xml.parse(SPEC_ERRORS_XML)));
    const descriptions = (parsed.errors.error as { description: string }[]).map((e) => e.description);
    expect(descriptions).toEqual(expect.arrayContaining([expect.stringMatching(/^description: Descreva/), expect.stringMatching(/^attribute\[bairro\]: Escolha o bairro/)]));

    const json = await (await post('requests.json', specPostBody({ service_code: 'nao-existe' }))).json();
    expect(shapeOf(json)).toEqual(shapeOf(SPEC_ERRORS_JSON));
    expect(json[0]).toMatchObject({ code: 404, description: expect.stringContaining('não encontrado') });

    const foreign = await post('requests.json', specPostBody({ jurisdiction_id: SPEC_JURISDICTION }));
    expect(foreign.status).toBe(404);
    expect((await get('services.json?jurisdiction_id=outra.cidade.gov')).status).toBe(404);
  });
});

describe('API keys', () => {
  it('a missing or unknown key is 401, a revoked key is 401 from then on', async () => {
    expect((await post('requests.json', specPostBody({ api_key: '' }))).status).toBe(401);
    expect((await post('requests.json', specPostBody({ api_key: 'o311_chave-inventada' }))).status).toBe(401);

    const issued = await issueOpen311Key(adminActor(), { name: 'App que será revogado' });
    if (!issued.ok) throw new Error('no key');
    expect((await post('requests.json', specPostBody({ api_key: issued.value.key }))).status).toBe(201);
    const revoked = await revokeOpen311Key(adminActor(), { clientId: issued.value.id });
    expect(revoked.ok).toBe(true);
    const refused = await post('requests.json', specPostBody({ api_key: issued.value.key }));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual([{ code: 401, description: 'Esta api_key foi revogada pela prefeitura.' }]);

    // Only the hash is kept; the list shows a prefix, and the revocation.
    const clients = await listOpen311Clients(adminActor());
    const listed = clients.find((c) => c.id === issued.value.id);
    expect(listed?.revokedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(clients)).not.toContain(issued.value.key);
  });

  it('is rate-limited per key (OPEN311_POST_LIMIT_PER_HOUR)', async () => {
    const issued = await issueOpen311Key(adminActor(), { name: 'App apressado' });
    if (!issued.ok) throw new Error('no key');
    process.env.OPEN311_POST_LIMIT_PER_HOUR = '2';
    try {
      expect((await post('requests.json', specPostBody({ api_key: issued.value.key }))).status).toBe(201);
      expect((await post('requests.json', specPostBody({ api_key: issued.value.key }))).status).toBe(201);
      const third = await post('requests.json', specPostBody({ api_key: issued.value.key }));
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another client's key is not slowed by this one.
      const other = await issueOpen311Key(adminActor(), { name: 'Outro app' });
      if (!other.ok) throw new Error('no key');
      expect((await post('requests.json', specPostBody({ api_key: other.value.key }))).status).toBe(201);
    } finally {
      delete process.env.OPEN311_POST_LIMIT_PER_HOUR;
    }
  });

  it('only an administrator issues keys', async () => {
    const attendant = await createUser('attendant');
    await expect(issueOpen311Key({ ...attendant, departmentIds: [] }, { name: 'Tentativa' })).rejects.toThrow();
    const category = await balcaoCategory();
    expect(category.duplicateRadiusMeters).toBe(50);
  });
});
