import type { ChatPlatform } from '@/lib/domain/vocabulary';

/**
 * What the conversation engine needs to know about the platform it speaks through, beyond what the
 * content model already covers (lib/channels/chat/content.ts): how the citizen names it, and whether a
 * location can be shared there. Each platform's adapter renders buttons and lists its own way.
 */
export type ChatSurface = {
  platform: ChatPlatform;
  /** As the citizen calls it, in a sentence: "por este WhatsApp". */
  name: string;
  /** WhatsApp sends a location pin; Messenger and Instagram no longer offer one. */
  sharesLocation: boolean;
  /** What identifies the citizen there, for "nenhum dado seu é guardado, nem este número". */
  handle: string;
};

export const CHAT_SURFACES: Record<ChatPlatform, ChatSurface> = {
  whatsapp: { platform: 'whatsapp', name: 'WhatsApp', sharesLocation: true, handle: 'este número' },
  messenger: { platform: 'messenger', name: 'Messenger', sharesLocation: false, handle: 'esta conta do Messenger' },
  instagram: { platform: 'instagram', name: 'Instagram', sharesLocation: false, handle: 'esta conta do Instagram' },
};
