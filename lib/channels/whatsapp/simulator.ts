import 'server-only';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { whatsappContacts, whatsappDevMedia, whatsappInboundMessages, whatsappOutboundMessages } from '@/lib/db/schema';
import { isSimulated, webhookAppSecret, whatsappApiConfig } from './config';
import { waitForAnswer } from '../chat-delivery/simulator-wait';
import { contentOf } from './outbound';
import { WHATSAPP_TABLES } from './pipeline';
import { signWebhookBody, SIGNATURE_HEADER } from './signature';

/**
 * The citizen's side of WhatsApp for development: builds the payload Meta would send for what the
 * developer typed, signs it with the app secret and posts it to the app's own webhook, then waits for
 * the conversation to answer. Refused when real credentials are set — it would message real people.
 */

export type SimulatedSender = { name: string; waId?: string; userId?: string };

export type SimulatedMessage =
  | { type: 'text'; text: string }
  | { type: 'choice'; outboundId: number; optionId: string }
  | { type: 'location'; latitude: number; longitude: number; name?: string; address?: string }
  | { type: 'media'; mediaId: string; kind: 'image' | 'document'; mimeType: string; sha256: string; fileName?: string; caption?: string };

export class SimulatorUnavailableError extends Error {
  constructor() {
    super('O simulador fica desligado quando WHATSAPP_ACCESS_TOKEN está definido: as respostas iriam para pessoas de verdade.');
    this.name = 'SimulatorUnavailableError';
  }
}

export function isSimulatorAvailable(): boolean {
  return process.env.NODE_ENV !== 'production' && isSimulated();
}

/** A username-only user, as Meta will send them: no phone, a business-scoped user id. */
export function newBusinessScopedUserId(): string {
  return `BR.${BigInt(`0x${randomBytes(7).toString('hex')}`).toString()}`;
}

export async function postSimulatedMessage(origin: string, sender: SimulatedSender, simulated: SimulatedMessage): Promise<{ contactId: string | null }> {
  if (!isSimulatorAvailable()) throw new SimulatorUnavailableError();
  const secret = webhookAppSecret();
  if (!secret) throw new SimulatorUnavailableError();
  const messageId = `wamid.SIM${randomBytes(16).toString('hex').toUpperCase()}`;
  const message = {
    ...(sender.waId ? { from: sender.waId } : {}),
    ...(sender.userId ? { from_user_id: sender.userId } : {}),
    id: messageId,
    timestamp: String(Math.floor(Date.now() / 1000)),
    ...(await messageBody(simulated)),
  };
  const payload = {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'SIMULADOR',
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '5514000000000', phone_number_id: whatsappApiConfig().phoneNumberId ?? 'SIMULADOR' },
              contacts: [{ profile: { name: sender.name }, ...(sender.waId ? { wa_id: sender.waId } : {}), ...(sender.userId ? { user_id: sender.userId } : {}) }],
              messages: [message],
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
  const body = JSON.stringify(payload);
  const response = await fetch(`${origin}/api/whatsapp/webhook`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signWebhookBody(body, secret) },
    body,
  });
  if (!response.ok) throw new Error(`The webhook answered ${response.status}`);
  return { contactId: await waitForAnswer(WHATSAPP_TABLES, eq(whatsappInboundMessages.messageId, messageId)) };
}

async function messageBody(simulated: SimulatedMessage): Promise<Record<string, unknown>> {
  switch (simulated.type) {
    case 'text':
      return { type: 'text', text: { body: simulated.text } };
    case 'location':
      return { type: 'location', location: { latitude: simulated.latitude, longitude: simulated.longitude, ...(simulated.name ? { name: simulated.name } : {}), ...(simulated.address ? { address: simulated.address } : {}) } };
    case 'media':
      return {
        type: simulated.kind,
        [simulated.kind]: {
          id: simulated.mediaId,
          mime_type: simulated.mimeType,
          sha256: simulated.sha256,
          ...(simulated.fileName && simulated.kind === 'document' ? { filename: simulated.fileName } : {}),
          ...(simulated.caption ? { caption: simulated.caption } : {}),
        },
      };
    case 'choice': {
      const option = await optionOf(simulated.outboundId, simulated.optionId);
      return option.list
        ? { type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: option.id, title: option.title, ...(option.description ? { description: option.description } : {}) } } }
        : { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: option.id, title: option.title } } };
    }
  }
}

/** The button or row as the app sent it: its title goes back in the reply, as WhatsApp does. */
async function optionOf(outboundId: number, optionId: string) {
  const db = await getDb();
  const [row] = await db.select().from(whatsappOutboundMessages).where(eq(whatsappOutboundMessages.id, outboundId));
  if (!row) throw new Error('Mensagem não encontrada.');
  const content = contentOf(row);
  if (content.kind === 'buttons') {
    const button = content.buttons.find((b) => b.id === optionId);
    if (button) return { id: button.id, title: button.title, list: false };
  }
  if (content.kind === 'list') {
    const rowOption = content.rows.find((r) => r.id === optionId);
    if (rowOption) return { id: rowOption.id, title: rowOption.title, description: rowOption.description, list: true };
  }
  throw new Error('Opção não encontrada nessa mensagem.');
}

/** Keeps a "sent" photo or PDF where the media download reads it when there are no credentials. */
export async function storeSimulatorMedia(file: File): Promise<{ mediaId: string; sha256: string; mimeType: string }> {
  if (!isSimulatorAvailable()) throw new SimulatorUnavailableError();
  const bytes = new Uint8Array(await file.arrayBuffer());
  const sha256 = createHash('sha256').update(bytes).digest('base64');
  const mediaId = `sim-media-${randomUUID()}`;
  const mimeType = file.type || 'application/octet-stream';
  const db = await getDb();
  await db.insert(whatsappDevMedia).values({ id: mediaId, contentType: mimeType, fileName: file.name || null, bytes, sha256 });
  return { mediaId, sha256, mimeType };
}

export async function findSimulatorContact(contactId: string) {
  const db = await getDb();
  const [contact] = await db.select().from(whatsappContacts).where(eq(whatsappContacts.id, contactId));
  return contact ?? null;
}
