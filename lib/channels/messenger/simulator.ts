import 'server-only';
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { messengerContacts, messengerInboundMessages, messengerOutboundMessages, whatsappDevMedia } from '@/lib/db/schema';
import type { MessengerPlatform } from '@/lib/domain/vocabulary';
import { waitForAnswer } from '../chat-delivery/simulator-wait';
import { OutgoingContentSchema } from '../chat/content';
import { signWebhookBody, SIGNATURE_HEADER } from '../whatsapp/signature';
import { isMessengerSimulated, messengerAppSecret } from './config';
import { DEV_MEDIA_SCHEME } from './media';
import { MESSENGER_TABLES } from './pipeline';
import { OBJECT_OF } from './webhook-schema';

/**
 * The citizen's side of Messenger and Instagram for development: builds the event Meta would send for
 * what the developer typed or tapped, signs it with the platform's app secret, posts it to the app's own
 * webhook and waits for the conversation to answer. Refused when the platform has a real access token.
 */

export type SimulatedEvent =
  | { type: 'text'; text: string }
  | { type: 'choice'; outboundId: number; optionId: string }
  | { type: 'media'; url: string; kind: 'image' | 'file' };

export function isMessengerSimulatorAvailable(platform: MessengerPlatform): boolean {
  return process.env.NODE_ENV !== 'production' && isMessengerSimulated(platform);
}

/** A page-scoped id as Meta gives them: 16 digits. */
export function newScopedId(): string {
  return `${randomInt(1, 10)}${Array.from({ length: 15 }, () => randomInt(0, 10)).join('')}`;
}

export async function postSimulatedEvent(origin: string, platform: MessengerPlatform, scopedId: string, simulated: SimulatedEvent): Promise<{ contactId: string | null }> {
  const secret = messengerAppSecret(platform);
  if (!isMessengerSimulatorAvailable(platform) || !secret) throw new Error(`O simulador fica desligado quando ${platform.toUpperCase()}_ACCESS_TOKEN está definido.`);
  const mid = `m_SIM${randomUUID().replaceAll('-', '')}`;
  const message = await messageOf(mid, simulated);
  const payload = {
    object: OBJECT_OF[platform],
    entry: [{ id: 'SIMULADOR', time: Date.now(), messaging: [{ sender: { id: scopedId }, recipient: { id: 'SIMULADOR' }, timestamp: Date.now(), message }] }],
  };
  const body = JSON.stringify(payload);
  const response = await fetch(`${origin}/api/${platform}/webhook`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signWebhookBody(body, secret) },
    body,
  });
  if (!response.ok) throw new Error(`O webhook respondeu ${response.status}`);
  return { contactId: await waitForAnswer(MESSENGER_TABLES, and(eq(messengerInboundMessages.platform, platform), eq(messengerInboundMessages.messageId, mid))) };
}

async function messageOf(mid: string, simulated: SimulatedEvent): Promise<Record<string, unknown>> {
  switch (simulated.type) {
    case 'text':
      return { mid, text: simulated.text };
    case 'media':
      return { mid, attachments: [{ type: simulated.kind, payload: { url: simulated.url } }] };
    case 'choice': {
      // A tapped quick reply: Meta sends its title as the text and its payload beside it.
      const db = await getDb();
      const [row] = await db.select().from(messengerOutboundMessages).where(eq(messengerOutboundMessages.id, simulated.outboundId));
      const content = row ? OutgoingContentSchema.safeParse(row.content) : null;
      const options = content?.success ? (content.data.kind === 'buttons' ? content.data.buttons : content.data.kind === 'list' ? content.data.rows : []) : [];
      const option = options.find((o) => o.id === simulated.optionId);
      if (!option) throw new Error('Opção não encontrada nessa mensagem.');
      return { mid, text: option.title, quick_reply: { payload: option.id } };
    }
  }
}

/** Keeps a "sent" photo or PDF where the attachment download reads it when there is no token. */
export async function storeSimulatorAttachment(file: File): Promise<{ url: string; kind: 'image' | 'file' }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const id = `sim-media-${randomUUID()}`;
  const contentType = file.type || 'application/octet-stream';
  const db = await getDb();
  await db.insert(whatsappDevMedia).values({ id, contentType, fileName: file.name || null, bytes, sha256: createHash('sha256').update(bytes).digest('base64') });
  return { url: `${DEV_MEDIA_SCHEME}${id}`, kind: contentType.startsWith('image/') ? 'image' : 'file' };
}

export async function findMessengerSimulatorContact(platform: MessengerPlatform, contactId: string) {
  const db = await getDb();
  const [contact] = await db.select().from(messengerContacts).where(and(eq(messengerContacts.id, contactId), eq(messengerContacts.platform, platform)));
  return contact ?? null;
}
