import http from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newContext } from './harness';

/**
 * The attacker's journey against `next start` (no proxy in front, TRUSTED_PROXY_COUNT unset): post the
 * public Ouvidoria form over and over, with a new X-Forwarded-For and X-Real-IP on every request, to
 * escape the per-address limit (WEB_INTAKE_LIMIT_PER_HOUR, 30 on the suite's server). The posts leave
 * from their own loopback address (127.0.0.77), so the limit they use up is not the other tests'.
 */

const baseUrl = inject('e2eBaseUrl');
const LIMIT = Number(process.env.WEB_INTAKE_LIMIT_PER_HOUR ?? 30);
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The fields the Ouvidoria form posts without JavaScript (React's action reference included). */
async function ouvidoriaFormFields(): Promise<Record<string, string>> {
  const context = await newContext(browser, baseUrl, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/ouvidoria/nova?tipo=reclamacao');
  const fields = await page.locator('form', { has: page.getByRole('button', { name: 'Enviar manifestação' }) }).evaluate((element) =>
    Object.fromEntries(Array.from(new FormData(element as HTMLFormElement).entries()).filter(([, value]) => typeof value === 'string').map(([key, value]) => [key, String(value)])),
  );
  await context.close();
  return fields;
}

/**
 * One post from `localAddress`, claiming to come from `forgedAddress`: the page it answers with, or, for
 * a filed post (answered with a redirect to its receipt), the receipt page's title.
 */
async function postFrom(localAddress: string, forgedAddress: string, fields: Record<string, string>): Promise<string> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const encoded = new Request(baseUrl, { method: 'POST', body: form });
  const body = Buffer.from(await encoded.arrayBuffer());
  const url = new URL('/ouvidoria/nova?tipo=reclamacao', baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        localAddress,
        headers: {
          'content-type': encoded.headers.get('content-type') ?? '',
          'content-length': body.length,
          'x-forwarded-for': forgedAddress,
          'x-real-ip': forgedAddress,
          'x-ouvidoria-socket-address': forgedAddress,
          // Server actions compare Origin with Host; a browser posting this form sends both.
          origin: `http://127.0.0.1:${url.port}`,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(response.statusCode === 303 && response.headers.location === '/recibo' ? FILED : Buffer.concat(chunks).toString('utf8')));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const THROTTLED = 'Recebemos muitos envios desta conexão na última hora';
const FILED = 'Manifestação registrada';

describe('a forged X-Forwarded-For against next start', () => {
  it('does not escape the web intake limit: the post after the limit is refused whatever address it claims', async () => {
    const fields = {
      ...(await ouvidoriaFormFields()),
      subject: 'Teste de limite por endereço',
      description: 'Uma postagem automática que tenta contornar o limite trocando o cabeçalho X-Forwarded-For.',
      identity: 'anonymous',
    };
    const answers: string[] = [];
    for (let i = 1; i <= LIMIT + 2; i++) answers.push(await postFrom('127.0.0.77', `203.0.113.${i}`, fields));

    const filed = answers.filter((page) => page.includes(FILED)).length;
    const throttled = answers.filter((page) => page.includes(THROTTLED)).length;
    expect({ filed, throttled }).toEqual({ filed: LIMIT, throttled: 2 });

    // The limit is the address's, not everyone's: another client still files.
    expect(await postFrom('127.0.0.78', '203.0.113.1', fields)).toContain(FILED);
  });
});
