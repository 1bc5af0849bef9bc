import { ChatThread } from '@/components/whatsapp/chat-thread';
import type { StaffWhatsappThread } from '@/lib/channels/whatsapp/staff-thread';

/**
 * The demand's WhatsApp messages, read-only: what the citizen wrote, what the prefeitura answered and
 * whether each message reached the phone. Replies go out through "Resposta ao cidadão", which the outbox
 * sends over WhatsApp too — except for an anonymous demand, whose number was never kept.
 */
export function WhatsappConversation({ thread }: { thread: StaffWhatsappThread }) {
  return (
    <section aria-labelledby="whatsapp" className="space-y-3">
      <h2 id="whatsapp" className="text-xl font-bold">
        Conversa no WhatsApp
      </h2>
      {!thread.readable ? (
        <p>
          {thread.unlockedByReveal
            ? 'A conversa mostra quem escreveu: veja a identidade do manifestante (o acesso fica registrado) para lê-la.'
            : 'A conversa fica oculta porque a identidade de quem escreveu é protegida. O relato e as complementações estão na linha do tempo.'}
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            {thread.anonymous
              ? 'Manifestação anônima: o número de quem escreveu não foi guardado, e as respostas não saem pelo WhatsApp. O cidadão acompanha pelo protocolo e pelo código de acesso.'
              : 'Para responder pelo WhatsApp, use “Resposta ao cidadão” abaixo: a mensagem sai pelo mesmo canal.'}
          </p>
          {thread.messages.length ? (
            <ChatThread messages={thread.messages} label="Mensagens do WhatsApp desta manifestação" />
          ) : (
            <p>Nenhuma mensagem do WhatsApp está ligada a esta manifestação.</p>
          )}
        </>
      )}
    </section>
  );
}
