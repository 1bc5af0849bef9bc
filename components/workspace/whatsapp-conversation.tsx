import { ChatThread } from '@/components/whatsapp/chat-thread';
import type { ChatMessage } from '@/lib/channels/whatsapp/chat-view';

/**
 * The demand's WhatsApp messages, read-only: what the citizen wrote, what the prefeitura answered and
 * whether each message reached the phone. Replies go out through "Resposta ao cidadão", which the outbox
 * sends over WhatsApp too.
 */
export function WhatsappConversation({ messages, hiddenReason }: { messages: ChatMessage[] | null; hiddenReason?: string }) {
  return (
    <section aria-labelledby="whatsapp" className="space-y-3">
      <h2 id="whatsapp" className="text-xl font-bold">
        Conversa no WhatsApp
      </h2>
      {messages ? (
        <>
          <p className="text-sm text-slate-700">Para responder pelo WhatsApp, use “Resposta ao cidadão” abaixo: a mensagem sai pelo mesmo canal.</p>
          <ChatThread messages={messages} label="Mensagens do WhatsApp desta manifestação" />
        </>
      ) : (
        <p>{hiddenReason}</p>
      )}
    </section>
  );
}
