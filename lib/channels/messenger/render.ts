import type { MessengerPlatform } from '@/lib/domain/vocabulary';
import { fitTo, type OutgoingContent } from '../chat/content';

/**
 * The chat engine's content as a Send API `message`. Messenger and Instagram have no list message and
 * no reply buttons like WhatsApp's, but both show quick replies (up to 13, titles of 20 characters) under
 * a text: buttons become quick replies, and a list becomes its rows written out plus one quick reply per
 * row. The typed number or word still works, as on WhatsApp. Pure.
 */

export const MESSENGER_LIMITS = {
  text: { messenger: 2000, instagram: 1000 },
  quickReplies: 13,
  quickReplyTitle: 20,
} as const;

export type SendApiMessage = { text: string; quick_replies?: { content_type: 'text'; title: string; payload: string }[] };

/** Cuts a body to the platform's limit, keeping its line breaks (fitTo flattens them, as titles need). */
function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function toSendApiMessage(platform: MessengerPlatform, content: OutgoingContent): SendApiMessage {
  const limit = MESSENGER_LIMITS.text[platform];
  const quick = (items: { id: string; title: string }[]) =>
    items.slice(0, MESSENGER_LIMITS.quickReplies).map((item) => ({ content_type: 'text' as const, title: fitTo(item.title, MESSENGER_LIMITS.quickReplyTitle), payload: item.id }));
  switch (content.kind) {
    case 'text':
      return { text: cut(content.text, limit) };
    case 'buttons':
      return { text: cut(content.text, limit), quick_replies: quick(content.buttons) };
    case 'list': {
      const rows = content.rows.map((row) => `${row.title}${row.description ? ` — ${row.description}` : ''}`).join('\n');
      return { text: cut(`${content.text}\n\n${rows}`, limit), quick_replies: quick(content.rows) };
    }
    case 'template':
      // Templates are WhatsApp's; the Messenger sender never queues one, but a text still reads right.
      return { text: cut(content.parameters.join(' — '), limit) };
  }
}
