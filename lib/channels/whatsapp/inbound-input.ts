import type { ConversationInput } from '../chat/conversation';
import { inputPreview } from '../chat/input-preview';
import { WebhookMessageSchema } from './webhook-schema';

/**
 * What a stored Meta message means to the conversation. `null` for messages that need no answer
 * (reactions, system notices such as a changed number).
 */
export function conversationInputOf(payload: unknown): ConversationInput | null {
  const parsed = WebhookMessageSchema.safeParse(payload);
  if (!parsed.success) return { type: 'unsupported', messageType: 'unknown' };
  const message = parsed.data;
  switch (message.type) {
    case 'text':
      return message.text ? { type: 'text', text: message.text.body } : { type: 'unsupported', messageType: 'text' };
    case 'interactive': {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      return reply ? { type: 'choice', id: reply.id, title: reply.title } : { type: 'unsupported', messageType: 'interactive' };
    }
    case 'button':
      // A template's quick-reply button: its text is what the citizen "said".
      return message.button ? { type: 'text', text: message.button.text } : { type: 'unsupported', messageType: 'button' };
    case 'image':
    case 'document': {
      const media = message.type === 'image' ? message.image : message.document;
      if (!media) return { type: 'unsupported', messageType: message.type };
      return {
        type: 'media',
        media: {
          mediaId: media.id,
          kind: message.type,
          mimeType: media.mime_type,
          ...(media.filename ? { fileName: media.filename } : {}),
          ...(media.sha256 ? { sha256: media.sha256 } : {}),
          ...(media.caption ? { caption: media.caption } : {}),
        },
      };
    }
    case 'location':
      if (!message.location) return { type: 'unsupported', messageType: 'location' };
      return {
        type: 'location',
        latitude: message.location.latitude,
        longitude: message.location.longitude,
        ...(message.location.name ? { name: message.location.name } : {}),
        ...(message.location.address ? { address: message.location.address } : {}),
      };
    case 'request_welcome':
      return { type: 'text', text: 'oi' };
    case 'reaction':
    case 'system':
      return null;
    default:
      return { type: 'unsupported', messageType: message.type };
  }
}

/** A one-line description of a received message, for the simulator and the demand's thread. */
export function inboundPreview(payload: unknown): string {
  return inputPreview(conversationInputOf(payload));
}
