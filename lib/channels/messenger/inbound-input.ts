import type { ConversationInput } from '../chat/conversation';
import { inputPreview } from '../chat/input-preview';
import { MessagingEventSchema } from './webhook-schema';

/**
 * What a stored Messenger/Instagram event means to the conversation. A quick reply or a postback is a
 * choice (its payload is the engine's option id); a photo or a PDF is media, its URL standing for the
 * file until it is downloaded; stickers, audio, video, shares and story mentions are not read.
 */
export function messengerInputOf(payload: unknown): ConversationInput {
  const parsed = MessagingEventSchema.safeParse(payload);
  if (!parsed.success) {
    const type = typeof payload === 'object' && payload && 'type' in payload ? String(payload.type) : 'unknown';
    return { type: 'unsupported', messageType: type };
  }
  const event = parsed.data;
  if (event.postback) return { type: 'choice', id: event.postback.payload, title: event.postback.title ?? event.postback.payload };
  const message = event.message;
  if (!message) return { type: 'unsupported', messageType: 'unknown' };
  if (message.quick_reply) return { type: 'choice', id: message.quick_reply.payload, title: message.text ?? message.quick_reply.payload };
  const attachment = message.attachments?.[0];
  if (attachment) {
    const url = attachment.payload?.url;
    const kind = attachment.type === 'image' ? 'image' : attachment.type === 'file' ? 'document' : null;
    if (!url || !kind) return { type: 'unsupported', messageType: attachment.type };
    return {
      type: 'media',
      media: {
        mediaId: url,
        kind,
        // Meta gives no type, and the intake checks the bytes anyway: a file is taken for a PDF unless its
        // address names another extension (a .docx is refused at once, with the accepted types).
        mimeType: kind === 'image' ? 'image/jpeg' : otherExtension(url) ? 'application/octet-stream' : 'application/pdf',
        ...(message.text ? { caption: message.text } : {}),
      },
    };
  }
  if (message.text !== undefined) return { type: 'text', text: message.text };
  return { type: 'unsupported', messageType: 'unknown' };
}

function otherExtension(address: string): boolean {
  const path = address.split(/[?#]/)[0] ?? '';
  const extension = path.match(/\.([A-Za-z0-9]{1,5})$/)?.[1]?.toLowerCase();
  return Boolean(extension && extension !== 'pdf');
}

/** A one-line description of a received event, for the simulator and the demand's thread. */
export function messengerInboundPreview(payload: unknown): string {
  return inputPreview(messengerInputOf(payload));
}
