import 'server-only';
import { z } from 'zod';
import { MAX_FILE_BYTES } from '@/lib/attachments/rules';
import { readBoundedBody } from '@/lib/http/bounded-body';
import { CloudApiErrorSchema, DownloadRefusedError, fetchCheckingEachHop, GraphApiError, graphErrorOf, isMetaHostedUrl } from '../chat-delivery/meta-graph';
import { whatsappApiConfig } from './config';

/**
 * The two Cloud API calls the channel makes: send a message, and fetch a citizen's media (metadata, then
 * the bytes). Both with `Authorization: Bearer WHATSAPP_ACCESS_TOKEN` against WHATSAPP_API_URL.
 */

/** A failed call to the Cloud API. */
export class WhatsappApiError extends GraphApiError {
  override name = 'WhatsappApiError';
}

/** Meta's codes for "try later": throttling, temporary outages, unknown transient errors. */
const RETRYABLE_CODES = new Set([1, 2, 4, 17, 341, 80007, 130429, 131000, 131016, 131056, 133004]);
/** Outside the 24-hour window free text is refused; a template must be sent instead. */
export const OUTSIDE_WINDOW_CODE = 131047;

const REQUEST_TIMEOUT_MS = 15_000;

const SendResponseSchema = z.object({ messages: z.array(z.looseObject({ id: z.string() })).min(1) });

const MediaMetadataSchema = z.looseObject({
  url: z.string().url(),
  mime_type: z.string(),
  sha256: z.string().optional(),
  file_size: z.coerce.number().optional(),
});

function requireCredentials() {
  const config = whatsappApiConfig();
  if (!config.accessToken) throw new WhatsappApiError('WHATSAPP_ACCESS_TOKEN is not set', 0, undefined, false);
  return { ...config, accessToken: config.accessToken };
}

async function graphRequest(url: string, init: RequestInit, accessToken: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { ...init.headers, Authorization: `Bearer ${accessToken}` },
      signal: init.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new WhatsappApiError(`Graph API unreachable: ${error instanceof Error ? error.message : String(error)}`, 0, undefined, true);
  }
  if (!response.ok) throw await apiErrorOf(response);
  return response;
}

async function apiErrorOf(response: Response): Promise<WhatsappApiError> {
  const { error, code, body, retryable } = await graphErrorOf(response, RETRYABLE_CODES, CloudApiErrorSchema);
  const detail = error?.error_data?.details ?? error?.message ?? body.slice(0, 300);
  return new WhatsappApiError(`Graph API ${response.status}${code !== undefined ? ` (code ${code})` : ''}: ${detail}`, response.status, code, retryable);
}

/** POST {WHATSAPP_API_URL}/{WHATSAPP_PHONE_NUMBER_ID}/messages; returns Meta's message id (wamid). */
export async function postGraphMessage(message: Record<string, unknown>): Promise<string> {
  const config = requireCredentials();
  if (!config.phoneNumberId) throw new WhatsappApiError('WHATSAPP_PHONE_NUMBER_ID is not set', 0, undefined, false);
  const response = await graphRequest(
    `${config.apiUrl}/${encodeURIComponent(config.phoneNumberId)}/messages`,
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(message) },
    config.accessToken,
  );
  const parsed = SendResponseSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new WhatsappApiError('Graph API accepted the message but returned no message id', response.status, undefined, false);
  const [first] = parsed.data.messages;
  if (!first) throw new WhatsappApiError('Graph API returned an empty message list', response.status, undefined, false);
  return first.id;
}

export type DownloadedMedia = { bytes: Uint8Array; mimeType: string; sha256?: string };

/**
 * A media file we will not fetch or keep, whatever happens on retry: its address is not Meta's, or it is
 * larger than an attachment may be, or than Meta said it was. `reason` is what the citizen is told.
 */
export class MediaRefusedError extends DownloadRefusedError {
  override name = 'MediaRefusedError';
}

/**
 * Where Meta serves the media its Graph API points to: `lookaside.fbsbx.com` (the address the Cloud API
 * reference shows for "retrieve media URL") and Meta's CDNs. The download carries our access token, so a
 * URL anywhere else — a compromised or spoofed answer — must not be followed. The configured
 * WHATSAPP_API_URL's own origin is trusted too (a self-hosted proxy in front of Meta, the tests' fake).
 */
const META_MEDIA_HOSTS = [/^lookaside\.fbsbx\.com$/, /(^|\.)fbcdn\.net$/, /(^|\.)whatsapp\.net$/];

export function isMetaMediaUrl(address: string, apiUrl = whatsappApiConfig().apiUrl): boolean {
  return isMetaHostedUrl(address, apiUrl, META_MEDIA_HOSTS);
}

/** GET /{media-id} for a short-lived URL, then GET that URL; both need the bearer token. */
export async function downloadGraphMedia(mediaId: string): Promise<DownloadedMedia> {
  const config = requireCredentials();
  const metadataResponse = await graphRequest(`${config.apiUrl}/${encodeURIComponent(mediaId)}`, { method: 'GET' }, config.accessToken);
  const metadata = MediaMetadataSchema.safeParse(await metadataResponse.json().catch(() => null));
  if (!metadata.success) throw new WhatsappApiError(`Graph API returned no URL for media ${mediaId}`, metadataResponse.status, undefined, false);
  const declared = metadata.data.file_size;
  if (declared !== undefined && declared > MAX_FILE_BYTES) {
    throw new MediaRefusedError(`Media ${mediaId} declares ${declared} bytes`, 'maior que o limite de 10 MB por arquivo');
  }
  // Meta states the size; a download longer than that is not the file the citizen sent.
  const limit = Math.min(declared ?? MAX_FILE_BYTES, MAX_FILE_BYTES);
  const bytes = await downloadFromMeta(metadata.data.url, limit, config, mediaId);
  return { bytes, mimeType: metadata.data.mime_type, sha256: metadata.data.sha256 };
}

async function downloadFromMeta(address: string, limit: number, config: { apiUrl: string; accessToken: string }, mediaId: string): Promise<Uint8Array> {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS * 4);
  try {
    const response = await fetchCheckingEachHop(
      address,
      (url) => {
        if (!isMetaMediaUrl(url, config.apiUrl)) {
          throw new MediaRefusedError(`Media ${mediaId} points outside Meta: ${new URL(url).host}`, 'o endereço do arquivo não é do WhatsApp');
        }
      },
      (url) => graphRequest(url, { method: 'GET', redirect: 'manual', signal: controller.signal }, config.accessToken),
    );
    return await readAtMost(response, limit, mediaId, controller);
  } catch (error) {
    if (error instanceof MediaRefusedError || error instanceof WhatsappApiError) throw error;
    throw new WhatsappApiError(`Media ${mediaId} download failed: ${error instanceof Error ? error.message : String(error)}`, 0, undefined, true);
  } finally {
    clearTimeout(timeout);
  }
}

async function readAtMost(response: Response, limit: number, mediaId: string, controller: AbortController): Promise<Uint8Array> {
  const body = await readBoundedBody(response, limit);
  if (body.ok) return body.bytes;
  controller.abort();
  throw new MediaRefusedError(`Media ${mediaId} is longer than ${limit} bytes`, 'maior que o tamanho informado pelo WhatsApp ou que o limite de 10 MB');
}
