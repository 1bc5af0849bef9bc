import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token in an e-mailed status link: `<demand id>.<recipient tag>.<expiry>.<signature>`.
 * It opens one demand's public status with no sign-in, so it is bound to that demand and to the recipient
 * it was sent to (an HMAC tag of the address, so the address itself never appears in the URL), expires,
 * and is signed with a server secret. Anyone holding a link can act on that demand as its requester; the
 * checks that the recipient still is the requester happen where the demand is loaded.
 */

const DEV_FALLBACK_SECRET = 'ouvidoria-digital-development-status-links';
const VERSION = 'status-link:v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const STATUS_LINK_TTL_DAYS = 90;

/**
 * Production signs status links with a secret of their own (the server refuses to start without it), so
 * that rotating the session secret and revoking every status link stay two separate decisions.
 */
function secret(): string {
  if (process.env.NODE_ENV === 'production') {
    if (process.env.STATUS_LINK_SECRET) return process.env.STATUS_LINK_SECRET;
    throw new Error('Set STATUS_LINK_SECRET to sign the e-mailed status links.');
  }
  return process.env.STATUS_LINK_SECRET ?? process.env.AUTH_SECRET ?? DEV_FALLBACK_SECRET;
}

function hmac(text: string): Buffer {
  return createHmac('sha256', secret()).update(text).digest();
}

/** E-mails compare case-insensitively; phone numbers are already E.164 when stored. */
export function normalizeRecipient(recipient: string): string {
  return recipient.trim().toLowerCase();
}

/** What the token carries instead of the recipient's address. */
export function recipientTag(recipient: string): string {
  return hmac(`${VERSION}|recipient|${normalizeRecipient(recipient)}`).subarray(0, 16).toString('base64url');
}

function signature(demandId: string, tag: string, expires: string): Buffer {
  return hmac(`${VERSION}|${demandId}|${tag}|${expires}`);
}

export function createStatusToken(input: { demandId: string; recipient: string; expiresAt: Date }): string {
  const tag = recipientTag(input.recipient);
  const expires = Math.floor(input.expiresAt.getTime() / 1000).toString(36);
  return [input.demandId, tag, expires, signature(input.demandId, tag, expires).toString('base64url')].join('.');
}

/** Links written for an outbox row expire a fixed time after the row was created, so a re-send renders the same e-mail. */
export function statusTokenExpiry(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + STATUS_LINK_TTL_DAYS * 86_400_000);
}

export type StatusTokenCheck =
  | { ok: true; demandId: string; recipientTag: string; expiresAt: Date }
  | { ok: false; reason: 'invalid' | 'expired' };

export function verifyStatusToken(token: string, now = new Date()): StatusTokenCheck {
  const parts = token.split('.');
  if (parts.length !== 4) return { ok: false, reason: 'invalid' };
  const [demandId = '', tag = '', expires = '', signatureText = ''] = parts;
  if (!UUID.test(demandId) || !/^[0-9a-z]{1,12}$/.test(expires)) return { ok: false, reason: 'invalid' };
  const expected = signature(demandId, tag, expires);
  const given = Buffer.from(signatureText, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const expiresAt = new Date(parseInt(expires, 36) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, demandId, recipientTag: tag, expiresAt };
}

/** Whether a verified token was issued to one of these addresses (the demand's e-mail or phone). */
export function tokenIsForRecipient(check: { recipientTag: string }, recipients: readonly (string | null | undefined)[]): boolean {
  const given = Buffer.from(check.recipientTag);
  return recipients.some((recipient) => {
    if (!recipient) return false;
    const expected = Buffer.from(recipientTag(recipient));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}
