import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token in an e-mailed status link: `<demand id>.<recipient tag>.<generation>.<expiry>.<signature>`.
 * It opens one demand's public status with no sign-in, so it is bound to that demand and to the recipient
 * it was sent to (an HMAC tag of the address, so the address itself never appears in the URL), to the
 * demand's link generation (the ombudsman bumps it to revoke every link sent so far), expires, and is
 * signed with a server secret. Anyone holding a link can act on that demand as its requester; the checks
 * that the recipient still is the requester and the generation still current happen where the demand is
 * loaded (lib/demands/status-link.ts).
 */

const DEV_FALLBACK_SECRET = 'ouvidoria-digital-development-status-links';
const VERSION = 'status-link:v2';
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

type SignedFields = { demandId: string; tag: string; generation: string; expires: string };

function signature(fields: SignedFields): Buffer {
  return hmac(`${VERSION}|${fields.demandId}|${fields.tag}|${fields.generation}|${fields.expires}`);
}

/** What a verified token says: whose demand, for which recipient, of which generation, until when. */
export type StatusTokenClaims = { demandId: string; recipientTag: string; generation: number; expiresAt: Date };

function sign(claims: StatusTokenClaims): string {
  const fields = {
    demandId: claims.demandId,
    tag: claims.recipientTag,
    generation: claims.generation.toString(36),
    expires: Math.floor(claims.expiresAt.getTime() / 1000).toString(36),
  };
  return [fields.demandId, fields.tag, fields.generation, fields.expires, signature(fields).toString('base64url')].join('.');
}

export function createStatusToken(input: { demandId: string; recipient: string; generation: number; expiresAt: Date }): string {
  return sign({ demandId: input.demandId, recipientTag: recipientTag(input.recipient), generation: input.generation, expiresAt: input.expiresAt });
}

/**
 * The same credential with a shorter life: what the status page leaves in the attachment cookie, so that
 * the cookie lives minutes rather than the link's months. Never later than the token it comes from.
 */
export function shortenStatusToken(claims: StatusTokenClaims, expiresAt: Date): string {
  return sign({ ...claims, expiresAt: expiresAt < claims.expiresAt ? expiresAt : claims.expiresAt });
}

/**
 * Links written for an outbox row expire a fixed time after the row was created, so a re-send renders the
 * same e-mail. Each new e-mail thus carries a link with a new expiry; older links keep theirs.
 */
export function statusTokenExpiry(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + STATUS_LINK_TTL_DAYS * 86_400_000);
}

export type StatusTokenCheck = ({ ok: true } & StatusTokenClaims) | { ok: false; reason: 'invalid' | 'expired' };

export function verifyStatusToken(token: string, now = new Date()): StatusTokenCheck {
  const parts = token.split('.');
  if (parts.length !== 5) return { ok: false, reason: 'invalid' };
  const [demandId = '', tag = '', generation = '', expires = '', signatureText = ''] = parts;
  if (!UUID.test(demandId) || !/^[0-9a-z]{1,8}$/.test(generation) || !/^[0-9a-z]{1,12}$/.test(expires)) return { ok: false, reason: 'invalid' };
  const expected = signature({ demandId, tag, generation, expires });
  const given = Buffer.from(signatureText, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const expiresAt = new Date(parseInt(expires, 36) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, demandId, recipientTag: tag, generation: parseInt(generation, 36), expiresAt };
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
