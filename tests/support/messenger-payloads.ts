import type { MessengerPlatform } from '@/lib/domain/vocabulary';

/** Webhook bodies shaped as the Messenger Platform sends them (Pages messaging and Instagram messaging). */

export const PAGE_ID = '109876543210987';
export const INSTAGRAM_ID = '17841400000000000';

export const ACCOUNT_OF: Record<MessengerPlatform, string> = { messenger: PAGE_ID, instagram: INSTAGRAM_ID };

let sequence = 0;
const nextMid = () => `m_${Date.now().toString(36)}${(++sequence).toString(36)}AbCdEfGhIjKlMnOp`;

export type MessagingEvent = Record<string, unknown>;

export function webhookBody(platform: MessengerPlatform, events: MessagingEvent[]) {
  return { object: platform === 'messenger' ? 'page' : 'instagram', entry: [{ id: ACCOUNT_OF[platform], time: Date.now(), messaging: events }] };
}

function envelope(platform: MessengerPlatform, senderId: string, timestamp = Date.now()) {
  return { sender: { id: senderId }, recipient: { id: ACCOUNT_OF[platform] }, timestamp };
}

export function textEvent(platform: MessengerPlatform, senderId: string, text: string, options: { mid?: string; timestamp?: number } = {}): MessagingEvent {
  return { ...envelope(platform, senderId, options.timestamp), message: { mid: options.mid ?? nextMid(), text } };
}

export function quickReplyEvent(platform: MessengerPlatform, senderId: string, title: string, payload: string): MessagingEvent {
  return { ...envelope(platform, senderId), message: { mid: nextMid(), text: title, quick_reply: { payload } } };
}

export function postbackEvent(platform: MessengerPlatform, senderId: string, title: string, payload: string): MessagingEvent {
  return { ...envelope(platform, senderId), postback: { mid: nextMid(), title, payload } };
}

export function imageEvent(platform: MessengerPlatform, senderId: string, url: string): MessagingEvent {
  return { ...envelope(platform, senderId), message: { mid: nextMid(), attachments: [{ type: 'image', payload: { url } }] } };
}

export function echoEvent(platform: MessengerPlatform, recipientId: string, text: string): MessagingEvent {
  return { sender: { id: ACCOUNT_OF[platform] }, recipient: { id: recipientId }, timestamp: Date.now(), message: { mid: nextMid(), text, is_echo: true } };
}

export function deliveryEvent(platform: MessengerPlatform, senderId: string, mids: string[]): MessagingEvent {
  return { ...envelope(platform, senderId), delivery: { mids, watermark: Date.now() } };
}
