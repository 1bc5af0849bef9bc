import 'server-only';
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { authSecret } from '@/lib/auth/secret';

export { SUBMISSION_KEY_FIELD } from '@/lib/actions/form-state';

/**
 * The idempotency key an intake form carries in a hidden field: `<random>.<issued at>.<signature>`.
 * Made when the form is rendered, so each render files at most one demand: posting the same form again
 * (a refresh, a retry after a lost response, a double click) finds the demand the key already filed.
 * Signed, so that a post can only use a key this server made, and dated, so that a key stops working
 * after SUBMISSION_KEY_LIFETIME_MS — the same time its receipt (and the sealed access code) is kept.
 */

export const SUBMISSION_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

const VERSION = 'intake-submission:v1';

function secret(): string {
  const configured = authSecret();
  if (!configured) throw new Error('Set AUTH_SECRET: it signs the intake forms\' idempotency keys.');
  return configured;
}

function sign(text: string): string {
  return createHmac('sha256', secret()).update(`${VERSION}|${text}`).digest().subarray(0, 16).toString('base64url');
}

export function issueSubmissionKey(now = new Date()): string {
  const random = randomBytes(18).toString('base64url');
  const issued = Math.floor(now.getTime() / 1000).toString(36);
  return `${random}.${issued}.${sign(`${random}.${issued}`)}`;
}

export type SubmissionKey = { key: string; expiresAt: Date };

export type SubmissionKeyCheck =
  | { status: 'absent' }
  | { status: 'valid'; submission: SubmissionKey }
  /** Forged, garbled or older than its lifetime: the post is refused and the form gets a fresh key. */
  | { status: 'unusable' };

export function readSubmissionKey(value: unknown, now = new Date()): SubmissionKeyCheck {
  if (value === undefined || value === null || value === '') return { status: 'absent' };
  if (typeof value !== 'string') return { status: 'unusable' };
  const [random, issued, signature] = value.split('.');
  if (!random || !issued || !signature || !/^[A-Za-z0-9_-]{24}$/.test(random) || !/^[0-9a-z]{1,10}$/.test(issued)) return { status: 'unusable' };
  const expected = Buffer.from(sign(`${random}.${issued}`));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { status: 'unusable' };
  const expiresAt = new Date(parseInt(issued, 36) * 1000 + SUBMISSION_KEY_LIFETIME_MS);
  if (expiresAt.getTime() <= now.getTime()) return { status: 'unusable' };
  return { status: 'valid', submission: { key: random, expiresAt } };
}

/*
 * An anonymous filer who never saw the first response must see the access code on the replayed receipt,
 * and the code is stored only hashed. Two ways were weighed: issuing a fresh code on replay (replacing the
 * hash) would silently kill a code the filer did note when the first response did arrive and they merely
 * refreshed; so the code is kept instead, sealed (AES-256-GCM, key derived from the server secret, bound
 * to the submission key) in the submission row, for the key's lifetime only. Reading it back needs the
 * signed key from the filer's own page and the server secret; a copy of the database alone does not open
 * it, and after 24 hours the row is gone.
 */

function sealingKey(): Buffer {
  return createHmac('sha256', secret()).update(`${VERSION}|access-code-sealing`).digest();
}

export function sealAccessCode(code: string, submissionKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(), iv);
  cipher.setAAD(Buffer.from(submissionKey));
  const sealed = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return [iv, sealed, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
}

export function openAccessCode(sealed: string, submissionKey: string): string | undefined {
  const [iv, data, tag] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !data || !tag) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(), iv);
    decipher.setAAD(Buffer.from(submissionKey));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    // A secret rotated since: the receipt shows without the code rather than failing.
    return undefined;
  }
}
