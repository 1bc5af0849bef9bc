/**
 * "Bairro Limpo": a small third-party app that talks to the prefeitura's Open311 GeoReport v2 interface
 * with nothing but fetch — what an outside developer would write from /api/docs. The browser tests run
 * it against the built server; by hand:
 *
 *   npx tsx tests/open311-client/bairro-limpo.ts http://localhost:3000 o311_…
 *
 * files a pothole report, lists the open ones and reads it back by its protocol.
 */

export type Open311Service = { service_code: string; service_name: string; group: string; metadata: boolean };
export type Open311Attribute = { code: string; required: boolean; datatype: string; values?: { key: string; name: string }[] };
export type Open311Request = { service_request_id: string; status: 'open' | 'closed'; service_code: string; service_name: string; requested_datetime: string; lat: number | null; long: number | null; description: null };
export type Open311Error = { code: number; description: string };

export class Open311Failure extends Error {
  constructor(
    readonly status: number,
    readonly errors: Open311Error[],
  ) {
    super(`${status}: ${errors.map((e) => e.description).join('; ')}`);
  }
}

export class BairroLimpoClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  private async call<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await fetch(`${this.baseUrl.replace(/\/$/, '')}/open311/v2/${path}`, init);
    const body = (await response.json()) as unknown;
    if (!response.ok) throw new Open311Failure(response.status, body as Open311Error[]);
    return body as T;
  }

  services(): Promise<Open311Service[]> {
    return this.call('services.json');
  }

  async definition(serviceCode: string): Promise<Open311Attribute[]> {
    const definition = await this.call<{ attributes: Open311Attribute[] }>(`services/${encodeURIComponent(serviceCode)}.json`);
    return definition.attributes;
  }

  /** Files a report; returns the protocol (service_request_id) and the prefeitura's notice. */
  async file(report: { serviceCode: string; lat: number; long: number; description: string; attributes: Record<string, string>; firstName?: string; lastName?: string; email?: string }): Promise<{ id: string; notice: string }> {
    const form = new URLSearchParams({ api_key: this.apiKey, service_code: report.serviceCode, lat: String(report.lat), long: String(report.long), description: report.description });
    if (report.firstName) form.set('first_name', report.firstName);
    if (report.lastName) form.set('last_name', report.lastName);
    if (report.email) form.set('email', report.email);
    for (const [code, value] of Object.entries(report.attributes)) form.set(`attribute[${code}]`, value);
    const [created] = await this.call<{ service_request_id: string; service_notice: string }[]>('requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    if (!created) throw new Error('The server answered no request');
    return { id: created.service_request_id, notice: created.service_notice };
  }

  list(filters: { serviceCode?: string; status?: 'open' | 'closed' } = {}): Promise<Open311Request[]> {
    const query = new URLSearchParams();
    if (filters.serviceCode) query.set('service_code', filters.serviceCode);
    if (filters.status) query.set('status', filters.status);
    return this.call(`requests.json?${query.toString()}`);
  }

  async read(id: string): Promise<Open311Request | undefined> {
    const [request] = await this.call<Open311Request[]>(`requests/${encodeURIComponent(id)}.json`);
    return request;
  }
}

/** The app's one journey: choose the pothole service, answer its questions, file, list, read back. */
export async function reportPothole(client: BairroLimpoClient): Promise<{ id: string; notice: string; listed: boolean; read: Open311Request | undefined }> {
  const services = await client.services();
  const pothole = services.find((service) => service.service_code === 'tapa-buraco') ?? services[0];
  if (!pothole) throw new Error('The prefeitura offers no service');
  const attributes: Record<string, string> = {};
  for (const attribute of await client.definition(pothole.service_code)) {
    if (!attribute.required) continue;
    const first = attribute.values?.[0]?.key;
    if (!first) throw new Error(`Cannot answer the required question ${attribute.code}`);
    attributes[attribute.code] = first;
  }
  const filed = await client.file({ serviceCode: pothole.service_code, lat: -22.8862, long: -48.4447, description: 'Buraco aberto no asfalto, relatado pelo aplicativo Bairro Limpo.', attributes });
  const open = await client.list({ serviceCode: pothole.service_code, status: 'open' });
  return { ...filed, listed: open.some((request) => request.service_request_id === filed.id), read: await client.read(filed.id) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [baseUrl, apiKey] = process.argv.slice(2);
  if (!baseUrl || !apiKey) {
    console.error('Uso: npx tsx tests/open311-client/bairro-limpo.ts <endereço do servidor> <api_key>');
    process.exitCode = 2;
  } else {
    reportPothole(new BairroLimpoClient(baseUrl, apiKey)).then(
      (result) => console.log(JSON.stringify(result, null, 2)),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exitCode = 1;
      },
    );
  }
}
