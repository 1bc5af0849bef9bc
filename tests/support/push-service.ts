import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a browser's push service (FCM, Mozilla autopush…), on a local port: each subscription
 * it hands out has its own endpoint path and the browser's own keys, so it can check what a real push
 * service and browser check — the VAPID header (an ES256 JWT for this origin, signed by the key it names)
 * — and decrypt the aes128gcm body as the browser would (RFC 8291). Its answer per endpoint is set by the
 * test: 201, or 410 (subscription gone), 503 (service down).
 */

export type ReceivedPush = { endpoint: string; vapidKey: string; claims: { aud: string; exp: number; sub: string }; ttl: string | null; topic: string | null; payload: unknown };

export type FakeSubscription = { endpoint: string; keys: { p256dh: string; auth: string } };

export type PushServiceStandIn = {
  url: string;
  received: ReceivedPush[];
  /** Requests it refused (bad VAPID header, undecryptable body), with why. */
  refused: string[];
  subscribe(answer?: number): FakeSubscription;
  answerFor(endpoint: string, status: number): void;
  close(): Promise<void>;
};

const b64url = (buffer: Buffer) => buffer.toString('base64url');

export async function startPushServiceStandIn(): Promise<PushServiceStandIn> {
  const browsers = new Map<string, { ecdh: ECDH; auth: Buffer; status: number }>();
  const received: ReceivedPush[] = [];
  const refused: string[] = [];
  let url = '';

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const endpoint = `${url}${request.url ?? ''}`;
      const browser = browsers.get(endpoint);
      if (!browser) return void response.writeHead(404).end();
      try {
        const { vapidKey, claims } = checkVapid(request.headers.authorization ?? '', url);
        if (request.headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
        const payload = JSON.parse(decrypt(Buffer.concat(chunks), browser.ecdh, browser.auth)) as unknown;
        received.push({ endpoint, vapidKey, claims, ttl: header(request.headers.ttl), topic: header(request.headers.topic), payload });
        response.writeHead(browser.status).end();
      } catch (error) {
        refused.push((error as Error).message);
        response.writeHead(403).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    received,
    refused,
    subscribe(status = 201) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const endpoint = `${url}/push/${randomBytes(12).toString('hex')}`;
      browsers.set(endpoint, { ecdh, auth, status });
      return { endpoint, keys: { p256dh: b64url(ecdh.getPublicKey()), auth: b64url(auth) } };
    },
    answerFor(endpoint, status) {
      const browser = browsers.get(endpoint);
      if (browser) browser.status = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function header(value: string | string[] | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

/** `Authorization: vapid t=<JWT>, k=<public key>` (RFC 8292): the JWT signed by k, for this origin, not expired. */
function checkVapid(authorization: string, origin: string) {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization);
  if (!match?.[1] || !match[2]) throw new Error(`no VAPID header: ${authorization.slice(0, 20)}`);
  const [token, vapidKey] = [match[1], match[2]];
  const [head, body, signature] = token.split('.');
  if (!head || !body || !signature) throw new Error('malformed JWT');
  if ((JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg: string }).alg !== 'ES256') throw new Error('JWT not ES256');
  const point = Buffer.from(vapidKey, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) }, format: 'jwk' });
  if (!verify('sha256', Buffer.from(`${head}.${body}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))) throw new Error('VAPID signature does not verify');
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as { aud: string; exp: number; sub: string };
  if (claims.aud !== origin) throw new Error(`VAPID audience ${claims.aud} is not ${origin}`);
  const now = Date.now() / 1000;
  if (claims.exp <= now || claims.exp > now + 24 * 3600) throw new Error('VAPID expiry outside 24 hours');
  return { vapidKey, claims };
}

const hmac = (key: Buffer, ...data: Buffer[]) => createHmac('sha256', key).update(Buffer.concat(data)).digest();

/** RFC 8291 (Web Push message encryption) over RFC 8188 (aes128gcm), one record, as the browser decrypts. */
function decrypt(body: Buffer, ecdh: ECDH, auth: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const shared = ecdh.computeSecret(serverKey);
  const ikm = hmac(hmac(auth, shared), Buffer.from('WebPush: info\0'), ecdh.getPublicKey(), serverKey, Buffer.from([1]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0'), Buffer.from([1])).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0'), Buffer.from([1])).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(-16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, -16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error('no last-record delimiter');
  return padded.subarray(0, end).toString('utf8');
}
