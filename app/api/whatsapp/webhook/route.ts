import { after } from 'next/server';
import { webhookVerifyToken } from '@/lib/channels/whatsapp/config';
import { processWhatsappContacts } from '@/lib/channels/whatsapp/inbound';
import { resendAsTemplate } from '@/lib/channels/whatsapp/send';
import { isSameSecret, SIGNATURE_HEADER } from '@/lib/channels/whatsapp/signature';
import { receiveWebhook } from '@/lib/channels/whatsapp/webhook';
import { readBoundedBody } from '@/lib/http/bounded-body';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 1024 * 1024;

/** Meta's verification handshake when the webhook URL is registered. */
export function GET(request: Request): Response {
  const params = new URL(request.url).searchParams;
  const expected = webhookVerifyToken();
  const token = params.get('hub.verify_token');
  const challenge = params.get('hub.challenge');
  if (params.get('hub.mode') !== 'subscribe' || !expected || token === null || challenge === null || !isSameSecret(token, expected)) {
    return new Response('Forbidden', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  return new Response(challenge, { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * Messages and status callbacks. The signature is checked over the raw bytes, the messages are stored,
 * and Meta gets its 200 at once; the conversation runs after the response, from the stored rows (the
 * worker picks up anything this process does not finish).
 */
export async function POST(request: Request): Promise<Response> {
  // Meta's payloads are a few kilobytes; anything far larger is not from Meta, and since anyone may post
  // here unauthenticated, it is refused before it is held in memory or hashed.
  const body = await readBoundedBody(request, MAX_BODY_BYTES);
  if (!body.ok) return new Response('Payload too large', { status: 413, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const receipt = await receiveWebhook(body.bytes, request.headers.get(SIGNATURE_HEADER));
  if (receipt.contactIds.length || receipt.outsideWindow.length) {
    after(async () => {
      await processWhatsappContacts(receipt.contactIds);
      if (receipt.outsideWindow.length) await resendAsTemplate(receipt.outsideWindow);
    });
  }
  return new Response(receipt.status === 200 ? 'OK' : receipt.status === 401 ? 'Invalid signature' : 'Bad request', {
    status: receipt.status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
