import 'server-only';
import { componentLog } from '@/lib/log';
import { isValidWebhookSignature } from '../whatsapp/signature';

export type VerifiedWebhookBody = { ok: true; json: unknown } | { ok: false; status: 400 | 401 };

/**
 * A Meta webhook's body, read only once `X-Hub-Signature-256` is right over the raw bytes: refused (401)
 * without a secret or with a wrong signature, and (400) when it is not JSON.
 */
export function verifiedWebhookJson(
  rawBody: Uint8Array,
  signature: string | null,
  secret: { value: string | null; variable: string; component: string },
): VerifiedWebhookBody {
  if (!secret.value) {
    componentLog(secret.component).warn(`webhook refused: ${secret.variable} is not set`);
    return { ok: false, status: 401 };
  }
  if (!isValidWebhookSignature(rawBody, signature, secret.value)) return { ok: false, status: 401 };
  try {
    return { ok: true, json: JSON.parse(new TextDecoder().decode(rawBody)) };
  } catch {
    return { ok: false, status: 400 };
  }
}
