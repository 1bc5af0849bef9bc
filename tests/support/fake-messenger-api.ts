import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server playing the Messenger Platform's Send API (`POST /{version}/{account-id}/messages`,
 * bearer token required, answering `{ recipient_id, message_id }` or a Graph error) and Meta's CDN for
 * attachments (`GET /cdn/{name}`, no token, as the signed URLs in webhooks are fetched). Tests read what
 * was sent and script failures.
 */

export type SentMessengerMessage = {
  path: string;
  body: { recipient: { id: string }; messaging_type: string; tag?: string; message: { text: string; quick_replies?: { title: string; payload: string }[] } };
  id?: string;
};

export type FakeMessengerApi = {
  url: string;
  token: string;
  sent: SentMessengerMessage[];
  cdnRequests: { path: string; authorization: string | undefined }[];
  /** Serves the bytes at `${url}/cdn/${name}`; returns that URL. */
  addAttachment(name: string, bytes: Uint8Array, contentType: string): string;
  failSends(count: number, status: number, error: { message: string; code: number; error_subcode?: number }): void;
  close(): Promise<void>;
};

export async function startFakeMessengerApi(token = 'test-page-token'): Promise<FakeMessengerApi> {
  const attachments = new Map<string, { bytes: Uint8Array; contentType: string }>();
  const sent: SentMessengerMessage[] = [];
  const cdnRequests: FakeMessengerApi['cdnRequests'] = [];
  const failures: { status: number; error: { message: string; code: number; error_subcode?: number } }[] = [];

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const cdn = path.match(/^\/cdn\/([^/]+)$/);
      if (request.method === 'GET' && cdn?.[1]) {
        cdnRequests.push({ path, authorization: request.headers.authorization });
        const item = attachments.get(cdn[1]);
        if (!item) return json(404, { error: { message: 'URL signature expired', code: 100 } });
        response.writeHead(200, { 'Content-Type': item.contentType });
        return response.end(Buffer.from(item.bytes));
      }
      if (request.headers.authorization !== `Bearer ${token}`) {
        return json(401, { error: { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190, fbtrace_id: 'AbCdEf' } });
      }
      const send = path.match(/^\/v\d+\.\d+\/([^/]+)\/messages$/);
      if (request.method === 'POST' && send) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SentMessengerMessage['body'];
        const record: SentMessengerMessage = { path, body };
        sent.push(record);
        const failure = failures.shift();
        if (failure) return json(failure.status, { error: { ...failure.error, type: 'OAuthException', fbtrace_id: 'AbCdEf' } });
        record.id = `m_${randomBytes(24).toString('base64url')}`;
        return json(200, { recipient_id: body.recipient.id, message_id: record.id });
      }
      json(404, { error: { message: 'Unknown path', code: 803 } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${url}/v23.0`,
    token,
    sent,
    cdnRequests,
    addAttachment(name, bytes, contentType) {
      attachments.set(name, { bytes, contentType });
      return `${url}/cdn/${name}`;
    },
    failSends(count, status, error) {
      for (let i = 0; i < count; i++) failures.push({ status, error });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
