import { randomBytes } from 'node:crypto';

/**
 * Webhook payloads shaped like the samples in Meta's "messages webhook reference" (text, image,
 * location, interactive button/list replies, statuses), built independently of the app's own simulator.
 */

export const BUSINESS_ACCOUNT_ID = '102290129340398';
export const PHONE_NUMBER_ID = '106540352242922';
export const DISPLAY_PHONE_NUMBER = '15550783881';

export type Sender = { name: string; waId?: string; userId?: string };

export const maria: Sender = { name: 'Maria da Silva', waId: '5514991234567' };

let clock = Math.floor(Date.now() / 1000) - 600;
/** Each message a second after the last, so their order is the order they were written in. */
export function nextTimestamp(): string {
  clock += 1;
  return String(clock);
}

export function wamid(): string {
  return `wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQz${randomBytes(12).toString('hex').toUpperCase()}AA==`;
}

type MessageBody = Record<string, unknown> & { type: string };

export function message(sender: Sender, body: MessageBody, options: { id?: string; timestamp?: string } = {}) {
  return {
    ...(sender.waId ? { from: sender.waId } : {}),
    ...(sender.userId ? { from_user_id: sender.userId } : {}),
    id: options.id ?? wamid(),
    timestamp: options.timestamp ?? nextTimestamp(),
    ...body,
  };
}

export function inboundPayload(sender: Sender, messages: Record<string, unknown>[]) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: BUSINESS_ACCOUNT_ID,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: DISPLAY_PHONE_NUMBER, phone_number_id: PHONE_NUMBER_ID },
              contacts: [
                {
                  profile: { name: sender.name },
                  ...(sender.waId ? { wa_id: sender.waId } : {}),
                  ...(sender.userId ? { user_id: sender.userId } : {}),
                },
              ],
              messages,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

export const text = (body: string): MessageBody => ({ type: 'text', text: { body } });
export const buttonReply = (id: string, title: string): MessageBody => ({
  type: 'interactive',
  interactive: { type: 'button_reply', button_reply: { id, title } },
});
export const listReply = (id: string, title: string, description?: string): MessageBody => ({
  type: 'interactive',
  interactive: { type: 'list_reply', list_reply: { id, title, ...(description ? { description } : {}) } },
});
export const image = (id: string, sha256: string, caption?: string): MessageBody => ({
  type: 'image',
  image: { ...(caption ? { caption } : {}), mime_type: 'image/jpeg', sha256, id },
});
export const location = (latitude: number, longitude: number, name?: string, address?: string): MessageBody => ({
  type: 'location',
  location: { ...(address ? { address } : {}), latitude, longitude, ...(name ? { name } : {}) },
});
export const audio = (id: string): MessageBody => ({ type: 'audio', audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'x', id, voice: true } });

export function statusPayload(statuses: { id: string; status: string; recipient: string; errors?: Record<string, unknown>[] }[]) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: BUSINESS_ACCOUNT_ID,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: DISPLAY_PHONE_NUMBER, phone_number_id: PHONE_NUMBER_ID },
              statuses: statuses.map((s) => ({
                id: s.id,
                status: s.status,
                timestamp: nextTimestamp(),
                recipient_id: s.recipient,
                ...(s.status === 'failed'
                  ? { errors: s.errors ?? [] }
                  : {
                      conversation: { id: '4f1e4a8c1fb8ab2a4e1b4e1d2e3f4a5b', origin: { type: 'service' } },
                      pricing: { billable: false, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' },
                    }),
              })),
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}
