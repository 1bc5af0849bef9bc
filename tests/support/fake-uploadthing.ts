import http from 'node:http';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server playing UploadThing's three parts the store uses: the ingest server (signed PUT
 * of a multipart upload), the file host (signed GET of a private file) and the API (`/v6/deleteFiles`).
 * It checks the HMAC signatures the SDK computes with the API key, as UploadThing does.
 */

export type FakeUploadThing = {
  /** Settings for createUploadThingStore, or the UPLOADTHING_* environment. */
  env: Record<string, string>;
  files: Map<string, { bytes: Uint8Array; acl: string | null; type: string | null }>;
  requests: { method: string; path: string; status: number }[];
  close: () => Promise<void>;
};

const API_KEY = 'sk_test_fake_uploadthing_key';
const APP_ID = 'fakeapp123';

function verifySigned(fullUrl: string): boolean {
  const url = new URL(fullUrl);
  const signature = url.searchParams.get('signature');
  if (!signature?.startsWith('hmac-sha256=')) return false;
  const expires = Number(url.searchParams.get('expires'));
  if (!expires || expires < Date.now()) return false;
  const signed = fullUrl.slice(0, fullUrl.lastIndexOf('&signature='));
  const expected = createHmac('sha256', API_KEY).update(signed).digest();
  const given = Buffer.from(signature.slice('hmac-sha256='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startFakeUploadThing(): Promise<FakeUploadThing> {
  const files: FakeUploadThing['files'] = new Map();
  const requests: FakeUploadThing['requests'] = [];
  let port = 0;

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const fullUrl = `http://${request.headers.host}${request.url}`;
      const url = new URL(fullUrl);
      const reply = (status: number, body: unknown, type = 'application/json') => {
        requests.push({ method: request.method ?? '', path: url.pathname, status });
        response.writeHead(status, { 'content-type': type });
        response.end(body instanceof Uint8Array ? body : JSON.stringify(body));
      };
      const ingest = /^\/ingest\/([^/]+)$/.exec(url.pathname);
      if (request.method === 'PUT' && ingest?.[1]) {
        if (!verifySigned(fullUrl)) return reply(403, { error: 'bad signature' });
        const form = await new Request(fullUrl, { method: 'PUT', headers: { 'content-type': request.headers['content-type'] ?? '' }, body: Buffer.concat(chunks) }).formData();
        const file = form.get('file');
        if (!(file instanceof File)) return reply(400, { error: 'no file' });
        const key = ingest[1];
        // The SDK URI-encodes these values before URLSearchParams encodes them again.
        const param = (name: string) => {
          const value = url.searchParams.get(name);
          return value === null ? null : decodeURIComponent(value);
        };
        files.set(key, { bytes: new Uint8Array(await file.arrayBuffer()), acl: param('x-ut-acl'), type: param('x-ut-file-type') });
        const ufsUrl = `http://localhost:${port}/a/${APP_ID}/${key}`;
        return reply(200, { url: ufsUrl, appUrl: ufsUrl, ufsUrl, fileHash: randomUUID() });
      }
      const download = /^\/a\/([^/]+)\/([^/]+)$/.exec(url.pathname);
      if (request.method === 'GET' && download?.[1] === APP_ID && download[2]) {
        if (!verifySigned(fullUrl)) return reply(403, { error: 'bad signature' });
        const file = files.get(download[2]);
        return file ? reply(200, file.bytes, file.type ?? 'application/octet-stream') : reply(404, { error: 'not found' });
      }
      if (request.method === 'POST' && url.pathname === '/api/v6/deleteFiles') {
        if (request.headers['x-uploadthing-api-key'] !== API_KEY) return reply(401, { error: 'bad key' });
        const { fileKeys } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { fileKeys: string[] };
        let deletedCount = 0;
        for (const key of fileKeys) if (files.delete(key)) deletedCount++;
        return reply(200, { success: true, deletedCount });
      }
      return reply(404, { error: `no route ${request.method} ${url.pathname}` });
    });
  });
  // No host: listens on both IPv4 and IPv6, since the SDK reaches the file host as "localhost".
  await new Promise<void>((resolve) => server.listen(0, resolve));
  port = (server.address() as AddressInfo).port;
  const token = Buffer.from(JSON.stringify({ apiKey: API_KEY, appId: APP_ID, regions: ['local'] })).toString('base64');
  return {
    env: {
      UPLOADTHING_TOKEN: token,
      UPLOADTHING_API_URL: `http://127.0.0.1:${port}/api`,
      UPLOADTHING_INGEST_URL: `http://127.0.0.1:${port}/ingest`,
      UPLOADTHING_UFS_HOST: `localhost:${port}`,
      UPLOADTHING_UFS_APP_ID_LOCATION: 'path',
    },
    files,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
