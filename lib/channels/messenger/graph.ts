import 'server-only';
import { z } from 'zod';
import { MAX_FILE_BYTES } from '@/lib/attachments/rules';
import { readBoundedBody } from '@/lib/http/bounded-body';
import { DownloadRefusedError, fetchCheckingEachHop, GraphApiError, graphErrorOf, GraphErrorSchema, isMetaHostedUrl } from '../chat-delivery/meta-graph';
import type { MessengerPlatform } from '@/lib/domain/vocabulary';
import { messengerConfig } from './config';
import type { SendApiMessage } from './render';

/**
 * The two Messenger Platform calls the channel makes: the Send API (`POST /{account-id}/messages`, or
 * `/me/messages` when no account id is configured), and the download of a citizen's attachment from the
 * CDN URL Meta put in the webhook. The token goes only to the Graph API, never to a CDN.
 */

/** A failed call to the Send API or a download. */
export class MessengerApiError extends GraphApiError {
  override name = 'MessengerApiError';
}

/** "(#10) This message is sent outside of allowed window": the 24-hour rule, on Messenger and Instagram. */
export const OUTSIDE_WINDOW_CODE = 10;
const RETRYABLE_CODES = new Set([1, 2, 4, 17, 32, 341, 613]);
const REQUEST_TIMEOUT_MS = 15_000;

const SendResponseSchema = z.looseObject({ message_id: z.string().min(1) });

/** RESPONSE answers the citizen's message; UPDATE is a notice inside the window; MESSAGE_TAG one outside it. */
export type SendOptions = { messagingType: 'RESPONSE' | 'UPDATE' | 'MESSAGE_TAG'; tag?: 'HUMAN_AGENT' };

export async function postSendApi(platform: MessengerPlatform, recipientId: string, message: SendApiMessage, options: SendOptions): Promise<string> {
  const config = messengerConfig(platform);
  if (!config.accessToken) throw new MessengerApiError(`${platform.toUpperCase()}_ACCESS_TOKEN is not set`, 0, undefined, false);
  let response: Response;
  try {
    response = await fetch(`${config.apiUrl}/${encodeURIComponent(config.accountId ?? 'me')}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${config.accessToken}` },
      body: JSON.stringify({ recipient: { id: recipientId }, messaging_type: options.messagingType, ...(options.tag ? { tag: options.tag } : {}), message }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new MessengerApiError(`Send API unreachable: ${error instanceof Error ? error.message : String(error)}`, 0, undefined, true);
  }
  if (!response.ok) throw await apiErrorOf(response);
  const parsed = SendResponseSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new MessengerApiError('Send API accepted the message but returned no message id', response.status, undefined, false);
  return parsed.data.message_id;
}

async function apiErrorOf(response: Response): Promise<MessengerApiError> {
  const { error, code, body, retryable } = await graphErrorOf(response, RETRYABLE_CODES, GraphErrorSchema);
  const detail = error?.message ?? body.slice(0, 300);
  return new MessengerApiError(`Send API ${response.status}${code !== undefined ? ` (code ${code})` : ''}: ${detail}`, response.status, code, retryable);
}

export function asMessengerError(error: unknown): MessengerApiError {
  if (error instanceof MessengerApiError) return error;
  return new MessengerApiError(error instanceof Error ? error.message : String(error), 0, undefined, true);
}

/** A file we will not fetch or keep: its address is not Meta's, or it is too large. `reason` is for the citizen. */
export class AttachmentRefusedError extends DownloadRefusedError {
  override name = 'AttachmentRefusedError';
}

/**
 * Meta's CDNs, where Messenger and Instagram attachment URLs point. A URL anywhere else — a forged
 * webhook cannot carry one, but a compromised redirect could — is not followed. The configured API URL's
 * own origin is trusted too (a proxy in front of Meta, the tests' stand-in).
 */
const META_ATTACHMENT_HOSTS = [/(^|\.)fbcdn\.net$/, /(^|\.)fbsbx\.com$/, /(^|\.)cdninstagram\.com$/];

export function isMetaAttachmentUrl(address: string, apiUrl: string): boolean {
  return isMetaHostedUrl(address, apiUrl, META_ATTACHMENT_HOSTS);
}

export async function downloadAttachment(platform: MessengerPlatform, address: string): Promise<{ bytes: Uint8Array; mimeType: string }> {
  const { apiUrl } = messengerConfig(platform);
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS * 4);
  try {
    const response = await fetchCheckingEachHop(
      address,
      (url) => {
        if (!isMetaAttachmentUrl(url, apiUrl)) {
          throw new AttachmentRefusedError(`Attachment points outside Meta: ${safeHost(url)}`, `o endereço do arquivo não é do ${platform === 'instagram' ? 'Instagram' : 'Messenger'}`);
        }
      },
      (url) => fetch(url, { redirect: 'manual', signal: controller.signal }),
    );
    if (!response.ok) throw new MessengerApiError(`Attachment download ${response.status}`, response.status, undefined, response.status >= 500 || response.status === 429);
    const body = await readBoundedBody(response, MAX_FILE_BYTES);
    if (!body.ok) {
      controller.abort();
      throw new AttachmentRefusedError('Attachment is larger than the limit', 'maior que o limite de 10 MB por arquivo');
    }
    return { bytes: body.bytes, mimeType: response.headers.get('content-type') ?? 'application/octet-stream' };
  } catch (error) {
    if (error instanceof AttachmentRefusedError || error instanceof MessengerApiError) throw error;
    throw new MessengerApiError(`Attachment download failed: ${error instanceof Error ? error.message : String(error)}`, 0, undefined, true);
  } finally {
    clearTimeout(timeout);
  }
}

function safeHost(address: string): string {
  try {
    return new URL(address).host;
  } catch {
    return 'endereço inválido';
  }
}
