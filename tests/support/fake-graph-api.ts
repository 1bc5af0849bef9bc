import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server playing the WhatsApp Cloud API: `POST /{version}/{phone-number-id}/messages`,
 * `GET /{version}/{media-id}` (metadata with a download URL) and the download itself, all requiring the
 * bearer token, answering with the bodies Meta documents. Tests read what was sent and script failures.
 */

/** `id`: the wamid answered (absent when the send was answered with a scripted failure). */
export type SentMessage = { path: string; authorization: string | undefined; body: Record<string, unknown>; id?: string };

export type FakeGraphApi = {
  /** WHATSAPP_API_URL for the app under test. */
  url: string;
  token: string;
  sent: SentMessage[];
  mediaRequests: { path: string; authorization: string | undefined }[];
  /** `url` replaces the download address Meta would give; `declaredSize` the `file_size` it would state. */
  addMedia(id: string, bytes: Uint8Array, mimeType: string, options?: { url?: string; declaredSize?: number }): { sha256Hex: string; sha256Base64: string };
  /** The next `count` sends answer with this status and Graph error body. */
  failSends(count: number, status: number, error: { message: string; code: number; details?: string }): void;
  close(): Promise<void>;
};

export async function startFakeGraphApi(token = 'test-access-token'): Promise<FakeGraphApi> {
  const media = new Map<string, { bytes: Uint8Array; mimeType: string; sha256Hex: string; url?: string; declaredSize?: number }>();
  const sent: SentMessage[] = [];
  const mediaRequests: FakeGraphApi['mediaRequests'] = [];
  const failures: { status: number; error: { message: string; code: number; details?: string } }[] = [];
  let base = '';

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const authorization = request.headers.authorization;
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const graphError = (status: number, message: string, code: number, details?: string) =>
        json(status, { error: { message, type: 'OAuthException', code, ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}), fbtrace_id: 'Az8or2yhqkZfEZ-_4Qn_Bam' } });

      if (authorization !== `Bearer ${token}`) return graphError(401, 'Invalid OAuth access token - Cannot parse access token', 190);

      const send = path.match(/^\/v\d+\.\d+\/([^/]+)\/messages$/);
      if (request.method === 'POST' && send) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        const record: SentMessage = { path, authorization, body };
        sent.push(record);
        const failure = failures.shift();
        if (failure) return graphError(failure.status, failure.error.message, failure.error.code, failure.error.details);
        const input = typeof body.to === 'string' ? body.to : String(body.recipient);
        record.id = `wamid.${randomBytes(18).toString('base64url')}`;
        return json(200, {
          messaging_product: 'whatsapp',
          contacts: [{ input, wa_id: input }],
          messages: [{ id: record.id }],
        });
      }

      const download = path.match(/^\/media-download\/([^/]+)$/);
      if (request.method === 'GET' && download?.[1]) {
        mediaRequests.push({ path, authorization });
        const item = media.get(download[1]);
        if (!item) return graphError(404, 'Media not found', 100);
        response.writeHead(200, { 'Content-Type': item.mimeType });
        return response.end(Buffer.from(item.bytes));
      }

      const metadata = path.match(/^\/v\d+\.\d+\/([^/]+)$/);
      if (request.method === 'GET' && metadata?.[1]) {
        mediaRequests.push({ path, authorization });
        const id = metadata[1];
        const item = media.get(id);
        if (!item) return graphError(400, `Unsupported get request. Object with ID '${id}' does not exist`, 100);
        return json(200, {
          messaging_product: 'whatsapp',
          url: item.url ?? `${base}/media-download/${id}`,
          mime_type: item.mimeType,
          sha256: item.sha256Hex,
          file_size: item.declaredSize ?? item.bytes.length,
          id,
        });
      }
      graphError(404, 'Unknown path', 100);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${base}/v23.0`,
    token,
    sent,
    mediaRequests,
    addMedia(id, bytes, mimeType, options = {}) {
      const digest = createHash('sha256').update(bytes).digest();
      media.set(id, { bytes, mimeType, sha256Hex: digest.toString('hex'), ...options });
      return { sha256Hex: digest.toString('hex'), sha256Base64: digest.toString('base64') };
    },
    failSends(count, status, error) {
      for (let i = 0; i < count; i++) failures.push({ status, error });
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
