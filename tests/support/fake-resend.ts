import http from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server playing Resend's `POST /emails`. It records every request, and honours
 * Idempotency-Key as Resend does: the same key with the same body returns the first message id without
 * delivering again; the same key with a different body is refused with 409.
 */

export type ResendEmail = { id: string; from: string; to: string | string[]; subject: string; html: string; text: string; idempotencyKey: string | null };

export type FakeResend = {
  url: string;
  /** Every message delivered (first request per idempotency key). */
  delivered: ResendEmail[];
  /** How many requests arrived in all, replays included. */
  requests: () => number;
  /** Requests repeated with a key already delivered. */
  replays: () => number;
  /** The next `count` requests get this status (e.g. 500 or 422) instead of being delivered. */
  failNext: (count: number, status: number) => void;
  close: () => Promise<void>;
};

export async function startFakeResend(options: { delayMs?: () => number } = {}): Promise<FakeResend> {
  const delivered: ResendEmail[] = [];
  const byKey = new Map<string, { id: string; bodyHash: string }>();
  let requests = 0;
  let replays = 0;
  let failures: { count: number; status: number } = { count: 0, status: 500 };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      requests++;
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.method !== 'POST' || request.url !== '/emails') return reply(404, { statusCode: 404, name: 'not_found', message: 'Not found' });
      if (request.headers.authorization !== `Bearer ${process.env.RESEND_API_KEY}`) {
        return reply(401, { statusCode: 401, name: 'missing_api_key', message: 'Missing API key' });
      }
      const delay = options.delayMs?.() ?? 0;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      if (failures.count > 0) {
        failures = { ...failures, count: failures.count - 1 };
        return reply(failures.status, { statusCode: failures.status, name: failures.status >= 500 ? 'application_error' : 'validation_error', message: `forced ${failures.status}` });
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw) as Omit<ResendEmail, 'id' | 'idempotencyKey'>;
      const key = typeof request.headers['idempotency-key'] === 'string' ? request.headers['idempotency-key'] : null;
      const bodyHash = createHash('sha256').update(raw).digest('hex');
      if (key) {
        const seen = byKey.get(key);
        if (seen) {
          if (seen.bodyHash !== bodyHash) {
            return reply(409, { statusCode: 409, name: 'invalid_idempotent_request', message: 'Same idempotency key used with a different request payload.' });
          }
          replays++;
          return reply(200, { id: seen.id });
        }
      }
      const id = randomUUID();
      if (key) byKey.set(key, { id, bodyHash });
      delivered.push({ ...body, id, idempotencyKey: key });
      return reply(200, { id });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    delivered,
    requests: () => requests,
    replays: () => replays,
    failNext: (count, status) => {
      failures = { count, status };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
