import 'server-only';
import { and, desc, eq, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { categories, demands, departments } from '@/lib/db/schema';
import { readCatalogue, type CatalogueCategory } from '@/lib/db/queries/catalogue-cache';
import { appUrl } from '@/lib/delivery/config';
import { fileDemand } from '@/lib/demands/intake';
import type { CategoryField } from '@/lib/domain/category-fields';
import { formatDate, STATE_LABELS } from '@/lib/domain/labels';
import { parseProtocol } from '@/lib/domain/protocol';
import type { DemandState } from '@/lib/domain/vocabulary';
import { municipality } from '@/lib/municipality';
import type { XmlList, XmlTree } from './wire';

/**
 * Open311 GeoReport v2 over the Balcão da Cidadania (https://wiki.open311.org/GeoReport_v2): the catalogue
 * as services, requests read by id and by filters, and requests posted by key-holding apps through the
 * same intake as every channel (channel `api`). Only public facts leave: never a requester's name or
 * contacts, never the free text a citizen typed (the address never, the description only once staff
 * marked it publishable), never an Ouvidoria demand, and nothing of a confidential request.
 * `service_request_id` is the protocol.
 */

export type Open311Document = { ok: true; status: 200 | 201; root: string; body: XmlTree | XmlList };
export type Open311Failure = { ok: false; status: 400 | 401 | 404 | 429; errors: string[] };
export type Open311Result = Open311Document | Open311Failure;

const OPEN_STATES: readonly DemandState[] = ['received', 'forwarded', 'in_progress', 'awaiting_citizen'];
const CLOSED_STATES: readonly DemandState[] = ['answered', 'closed', 'archived'];
/** The spec's defaults for a list without dates: the last 90 days, at most 1000 requests. */
const DEFAULT_WINDOW_DAYS = 90;
const MAX_REQUESTS = 1000;
/** The Open311 attribute that names the bairro: needed without lat/long; with them the bairro comes from the point where the município drew it. */
export const BAIRRO_ATTRIBUTE = 'bairro';

/** This deployment's jurisdiction: OPEN311_JURISDICTION_ID, or APP_URL's host name (Open311 servers usually use their domain). */
export function jurisdictionId(): string {
  return process.env.OPEN311_JURISDICTION_ID?.trim() || new URL(appUrl()).hostname;
}

/** `jurisdiction_id` is accepted on every call (one jurisdiction per server); another one is refused. */
export function jurisdictionRefusal(given: string | undefined): Open311Failure | null {
  if (!given || given === jurisdictionId()) return null;
  return { ok: false, status: 404, errors: [`jurisdiction_id "${given}" desconhecido: este servidor atende ${jurisdictionId()}.`] };
}

export function discovery(): Open311Document {
  const url = `${appUrl()}/open311/v2/`;
  return {
    ok: true,
    status: 200,
    root: 'discovery',
    body: {
      changeset: '2026-12-03T00:00:00-03:00',
      contact: `${municipality.balcao.email} — ${municipality.balcao.phones.join(', ')}`,
      key_service: `Chaves de API emitidas pela ${municipality.prefeitura}: peça pelo e-mail ${municipality.balcao.email}.`,
      endpoints: {
        item: 'endpoint',
        items: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url,
            changeset: '2026-12-03T00:00:00-03:00',
            type: 'production',
            formats: { item: 'format', items: ['text/xml', 'application/json'] },
          },
        ],
      },
    },
  };
}

function balcaoServices(catalogue: { categories: CatalogueCategory[] }): CatalogueCategory[] {
  return catalogue.categories.filter((category) => category.service === 'balcao' && category.active);
}

export async function listServices(): Promise<Open311Document> {
  const services = balcaoServices(await readCatalogue());
  return {
    ok: true,
    status: 200,
    root: 'services',
    body: {
      item: 'service',
      items: services.map((category) => ({
        service_code: category.slug,
        service_name: category.name,
        description: category.description,
        // Every service asks at least the bairro (see serviceDefinition).
        metadata: true,
        type: 'realtime',
        keywords: '',
        group: category.departmentName,
      })),
    },
  };
}

const DATATYPES: Record<CategoryField['type'], string> = { text: 'string', textarea: 'text', select: 'singlevaluelist' };

export async function serviceDefinition(serviceCode: string): Promise<Open311Result> {
  const catalogue = await readCatalogue();
  const category = balcaoServices(catalogue).find((row) => row.slug === serviceCode);
  if (!category) return { ok: false, status: 404, errors: [`Serviço "${serviceCode}" não encontrado. Consulte a lista em services.`] };
  const questions: XmlTree[] = category.fields.map((field, index) => ({
    variable: true,
    code: field.name,
    datatype: DATATYPES[field.type],
    required: field.required,
    datatype_description: field.hint ?? '',
    order: index + 1,
    description: field.label,
    ...(field.type === 'select' ? { values: { item: 'value', items: (field.options ?? []).map((option) => ({ key: option, name: option })) } } : {}),
  }));
  const bairro: XmlTree = {
    variable: true,
    code: BAIRRO_ATTRIBUTE,
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: 'O bairro do local, pela chave da lista. Obrigatório sem lat/long; com eles, o bairro vem do ponto.',
    order: questions.length + 1,
    description: 'Bairro',
    values: { item: 'value', items: catalogue.neighbourhoods.map((n) => ({ key: n.id, name: n.name })) },
  };
  return { ok: true, status: 200, root: 'service_definition', body: { service_code: category.slug, attributes: { item: 'attribute', items: [...questions, bairro] } } };
}

const w3cDate = z.string().trim().refine((value) => !Number.isNaN(Date.parse(value)), { error: 'Data inválida: use o formato W3C, como 2026-12-01T00:00:00-03:00.' });

const RequestFiltersSchema = z.object({
  service_request_id: z.string().optional(),
  service_code: z.string().optional(),
  start_date: w3cDate.optional(),
  end_date: w3cDate.optional(),
  status: z.string().optional(),
});

type RequestRow = {
  protocol: string;
  state: DemandState;
  categorySlug: string | null;
  categoryName: string | null;
  departmentName: string | null;
  latitude: number | null;
  longitude: number | null;
  dueOn: string;
  createdAt: Date;
  updatedAt: Date;
  /** The description only where staff marked it publishable (lib/demands/publication.ts). */
  publishedDescription: string | null;
};

/** GET requests: by a list of ids (the other filters are then ignored, as the spec says), or by filters. */
export async function listRequests(query: Record<string, string | undefined>, now = new Date()): Promise<Open311Result> {
  const parsed = RequestFiltersSchema.safeParse(query);
  if (!parsed.success) return { ok: false, status: 400, errors: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  const filters = parsed.data;
  const conditions: SQL[] = [];
  if (filters.service_request_id) {
    const protocols = filters.service_request_id.split(',').map((id) => parseProtocol(id.trim())).flatMap((p) => (p.ok ? [p.protocol] : []));
    if (!protocols.length) return { ok: true, status: 200, root: 'service_requests', body: { item: 'request', items: [] } };
    conditions.push(inArray(demands.protocol, protocols.slice(0, MAX_REQUESTS)));
  } else {
    if (filters.service_code) {
      const codes = filters.service_code.split(',').map((code) => code.trim());
      const ids = balcaoServices(await readCatalogue()).filter((c) => codes.includes(c.slug)).map((c) => c.id);
      if (!ids.length) return { ok: true, status: 200, root: 'service_requests', body: { item: 'request', items: [] } };
      conditions.push(inArray(demands.categoryId, ids));
    }
    if (filters.status) {
      const wanted = filters.status.split(',').map((s) => s.trim().toLowerCase());
      const unknown = wanted.filter((s) => s !== 'open' && s !== 'closed');
      if (unknown.length) return { ok: false, status: 400, errors: [`status: use open ou closed (recebido: ${unknown.join(', ')}).`] };
      const states = [...(wanted.includes('open') ? OPEN_STATES : []), ...(wanted.includes('closed') ? CLOSED_STATES : [])];
      conditions.push(inArray(demands.state, states));
    }
    const end = filters.end_date ? new Date(filters.end_date) : now;
    const start = filters.start_date ? new Date(filters.start_date) : new Date(end.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
    if (start > end) return { ok: false, status: 400, errors: ['start_date precisa ser anterior a end_date.'] };
    conditions.push(gte(demands.createdAt, start), lte(demands.createdAt, end));
  }
  const rows = await readRequests(conditions);
  return { ok: true, status: 200, root: 'service_requests', body: { item: 'request', items: rows.map(requestView) } };
}

/** GET requests/{id}: one request by its protocol, in a list as the spec answers. */
export async function getRequest(id: string): Promise<Open311Result> {
  const parsed = parseProtocol(id);
  const rows = parsed.ok ? await readRequests([eq(demands.protocol, parsed.protocol)]) : [];
  if (!rows.length) return { ok: false, status: 404, errors: [`Solicitação ${id} não encontrada.`] };
  return { ok: true, status: 200, root: 'service_requests', body: { item: 'request', items: rows.map(requestView) } };
}

async function readRequests(conditions: SQL[]): Promise<RequestRow[]> {
  const db = await getDb();
  return db
    .select({
      protocol: demands.protocol,
      state: demands.state,
      categorySlug: categories.slug,
      categoryName: categories.name,
      departmentName: departments.name,
      latitude: demands.latitude,
      longitude: demands.longitude,
      dueOn: demands.dueOn,
      createdAt: demands.createdAt,
      updatedAt: demands.updatedAt,
      publishedDescription: sql<string | null>`case when ${demands.descriptionPublishable} then ${demands.description} end`,
    })
    .from(demands)
    .leftJoin(categories, eq(categories.id, demands.categoryId))
    .leftJoin(departments, eq(departments.id, demands.departmentId))
    // Only the Balcão; a confidential request is not published at all (its point included).
    .where(and(eq(demands.service, 'balcao'), ne(demands.identity, 'confidential'), ...conditions))
    .orderBy(desc(demands.createdAt))
    .limit(MAX_REQUESTS);
}

function requestView(row: RequestRow): XmlTree {
  const closed = CLOSED_STATES.includes(row.state);
  return {
    service_request_id: row.protocol,
    status: closed ? 'closed' : 'open',
    status_notes: STATE_LABELS[row.state],
    service_name: row.categoryName ?? '',
    service_code: row.categorySlug ?? '',
    agency_responsible: row.departmentName ?? '',
    service_notice: `Prazo: ${formatDate(row.dueOn)}`,
    requested_datetime: row.createdAt.toISOString(),
    updated_datetime: row.updatedAt.toISOString(),
    expected_datetime: `${row.dueOn}T23:59:59-03:00`,
    // The spec's fields that would carry what a citizen typed stay empty (see the module comment), but for
    // a description staff reviewed and marked publishable, as the public map shows it.
    description: row.publishedDescription,
    address: null,
    address_id: null,
    zipcode: null,
    lat: row.latitude,
    long: row.longitude,
    media_url: null,
  };
}

const coordinate = (min: number, max: number, label: string) =>
  z.preprocess(
    (value) => (value === '' || value === undefined ? undefined : value),
    z.coerce.number({ error: `${label} precisa ser um número.` }).min(min, { error: `${label} fora do intervalo (${min} a ${max}).` }).max(max, { error: `${label} fora do intervalo (${min} a ${max}).` }).optional(),
  );

const PostSchema = z.object({
  jurisdiction_id: z.string().optional(),
  service_code: z.string({ error: 'service_code é obrigatório.' }).trim().min(1, { error: 'service_code é obrigatório.' }),
  lat: coordinate(-90, 90, 'lat'),
  long: coordinate(-180, 180, 'long'),
  address_string: z.string().trim().optional(),
  email: z.string().trim().optional(),
  first_name: z.string().trim().optional(),
  last_name: z.string().trim().optional(),
  phone: z.string().trim().optional(),
  description: z.string().optional(),
});

/** Portuguese names of the intake's fields, as an Open311 client knows them. */
const PARAMETER_OF: Record<string, string> = {
  description: 'description',
  addressLine: 'address_string',
  neighbourhoodId: `attribute[${BAIRRO_ATTRIBUTE}]`,
  name: 'first_name/last_name',
  email: 'email',
  phone: 'phone',
  latitude: 'lat',
  longitude: 'long',
  categoryId: 'service_code',
};

/**
 * POST requests: the app's parameters become the one intake object, filed by the same intake as every
 * channel (protocol, deadline, receipt to the citizen, alert to the secretaria). With a name and a
 * contact the request is identified; without, anonymous, and its access code comes back in the notice.
 */
export async function postRequest(parameters: Record<string, string>, attributes: Record<string, string>, now = new Date()): Promise<Open311Result> {
  const parsed = PostSchema.safeParse(parameters);
  if (!parsed.success) return { ok: false, status: 400, errors: parsed.error.issues.map((issue) => issue.message) };
  const data = parsed.data;
  const unknownJurisdiction = jurisdictionRefusal(data.jurisdiction_id);
  if (unknownJurisdiction) return unknownJurisdiction;
  const catalogue = await readCatalogue();
  const category = balcaoServices(catalogue).find((row) => row.slug === data.service_code);
  if (!category) return { ok: false, status: 404, errors: [`Serviço "${data.service_code}" não encontrado. Consulte a lista em services.`] };
  if ((data.lat === undefined) !== (data.long === undefined)) return { ok: false, status: 400, errors: ['Envie lat e long juntos.'] };
  const hasPoint = data.lat !== undefined && data.long !== undefined;
  if (!hasPoint && !data.address_string) return { ok: false, status: 400, errors: ['Informe o local: lat e long, ou address_string.'] };

  const name = [data.first_name, data.last_name].filter(Boolean).join(' ').trim();
  const identified = Boolean(name && (data.email || data.phone));
  const { [BAIRRO_ATTRIBUTE]: neighbourhoodId, ...details } = attributes;
  const addressLine = data.address_string || `Localização informada pelo aplicativo (${data.lat?.toFixed(5)}, ${data.long?.toFixed(5)})`;
  const input = {
    service: 'balcao',
    categoryId: category.id,
    description: data.description ?? '',
    addressLine,
    neighbourhoodId: neighbourhoodId ?? '',
    latitude: data.lat,
    longitude: data.long,
    details,
    identity: identified ? 'identified' : 'anonymous',
    ...(identified ? { name, email: data.email || undefined, phone: data.phone || undefined, notifyByWhatsapp: Boolean(data.phone) && !data.email } : {}),
  };
  const result = await fileDemand(input, { channel: 'api' }, { now });
  if (!result.ok) {
    const errors = Object.entries(result.fieldErrors).flatMap(([field, messages]) => (messages ?? []).map((message) => `${parameterName(field)}: ${message}`));
    return { ok: false, status: 400, errors };
  }
  const notice = [
    `Solicitação registrada com o protocolo ${result.demand.protocol}. Prazo: ${formatDate(result.demand.dueOn)}.`,
    result.demand.accessCode ? `Código de acesso (mostrado só agora): ${result.demand.accessCode}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { ok: true, status: 201, root: 'service_requests', body: { item: 'request', items: [{ service_request_id: result.demand.protocol, service_notice: notice, account_id: null }] } };
}

function parameterName(field: string): string {
  if (field.startsWith('details.')) return `attribute[${field.slice('details.'.length)}]`;
  return PARAMETER_OF[field] ?? field;
}
