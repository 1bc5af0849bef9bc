import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Meta signs every webhook POST with `X-Hub-Signature-256: sha256=<hex>`, an HMAC-SHA256 of the raw body
 * keyed with the app secret. Checked over the bytes as received, before anything is parsed.
 */

export const SIGNATURE_HEADER = 'x-hub-signature-256';

export function signWebhookBody(body: string | Uint8Array, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

export function isValidWebhookSignature(body: Uint8Array, header: string | null, appSecret: string): boolean {
  const match = header?.trim().match(/^sha256=([0-9a-fA-F]{64})$/);
  if (!match?.[1]) return false;
  const expected = createHmac('sha256', appSecret).update(body).digest();
  const received = Buffer.from(match[1], 'hex');
  return timingSafeEqual(expected, received);
}

/** The verification handshake's token, compared without leaking its length or prefix through timing. */
export function isSameSecret(received: string, expected: string): boolean {
  const a = createHmac('sha256', 'whatsapp-verify-token').update(received).digest();
  const b = createHmac('sha256', 'whatsapp-verify-token').update(expected).digest();
  return timingSafeEqual(a, b);
}
