import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { authSecret } from '@/lib/auth/secret';

/**
 * Authenticator secrets are encrypted at rest (AES-256-GCM): a copy of the database (a backup, a replica)
 * is not enough to produce codes. The key is TWO_FACTOR_ENCRYPTION_KEY, or else derived from AUTH_SECRET;
 * with its own key, AUTH_SECRET can be rotated without every person enrolling again.
 */
const VERSION = 'v1';

function key(env: Record<string, string | undefined> = process.env): Buffer {
  const material = env.TWO_FACTOR_ENCRYPTION_KEY?.trim() || authSecret(env);
  if (!material) throw new Error('No TWO_FACTOR_ENCRYPTION_KEY or AUTH_SECRET to encrypt authenticator secrets with');
  return Buffer.from(hkdfSync('sha256', material, 'ouvidoria-two-factor', 'totp-secret', 32));
}

export function sealSecret(plain: string, env?: Record<string, string | undefined>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(env), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function openSecret(sealed: string, env?: Record<string, string | undefined>): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || !body) throw new Error('Unreadable sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', key(env), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
