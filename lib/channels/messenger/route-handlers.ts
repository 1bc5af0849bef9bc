import 'server-only';
import { after } from 'next/server';
import type { MessengerPlatform } from '@/lib/domain/vocabulary';
import { readBoundedBody } from '@/lib/http/bounded-body';
import { isSameSecret, SIGNATURE_HEADER } from '../whatsapp/signature';
import { messengerVerifyToken } from './config';
import { processMessengerContacts } from './inbound';
import { receiveMessengerWebhook } from './webhook';

const MAX_BODY_BYTES = 1024 * 1024;
const TEXT = { 'Content-Type': 'text/plain; charset=utf-8' };

/**
 * The webhook's two handlers for one platform: Meta's verification handshake (GET with hub.mode,
 * hub.verify_token and hub.challenge) and the signed event POST, answered at once; the conversation runs
 * after the response, from the stored rows (the worker picks up anything this process does not finish).
 */
export function messengerWebhookHandlers(platform: MessengerPlatform) {
  function GET(request: Request): Response {
    const params = new URL(request.url).searchParams;
    const expected = messengerVerifyToken(platform);
    const token = params.get('hub.verify_token');
    const challenge = params.get('hub.challenge');
    if (params.get('hub.mode') !== 'subscribe' || !expected || token === null || challenge === null || !isSameSecret(token, expected)) {
      return new Response('Forbidden', { status: 403, headers: TEXT });
    }
    return new Response(challenge, { status: 200, headers: TEXT });
  }

  async function POST(request: Request): Promise<Response> {
    // Anyone may post here unauthenticated: a body far larger than Meta's is refused before it is hashed.
    const body = await readBoundedBody(request, MAX_BODY_BYTES);
    if (!body.ok) return new Response('Payload too large', { status: 413, headers: TEXT });
    const receipt = await receiveMessengerWebhook(platform, body.bytes, request.headers.get(SIGNATURE_HEADER));
    if (receipt.contactIds.length) after(() => processMessengerContacts(receipt.contactIds));
    const text = receipt.status === 200 ? 'OK' : receipt.status === 401 ? 'Invalid signature' : 'Bad request';
    return new Response(text, { status: receipt.status, headers: TEXT });
  }

  return { GET, POST };
}
