import { ChatThread } from '@/components/whatsapp/chat-thread';
import type { StaffChatThread } from '@/lib/channels/chat/staff-thread';

/**
 * The demand's messages on one chat platform (WhatsApp, Messenger, Instagram), read-only: what the
 * citizen wrote, what the prefeitura answered and whether each message reached them. Replies go out
 * through "Resposta ao cidadão", which the outbox sends on the same platform (or by e-mail when the
 * platform's window has closed) — except for an anonymous demand, whose contact was never kept.
 */
export function ChatConversation({ thread }: { thread: StaffChatThread }) {
  const headingId = `conversa-${thread.platform}`;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-xl font-bold">
        Conversa no {thread.name}
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
              ? `Manifestação anônima: ${thread.platform === 'whatsapp' ? 'o número' : 'a conta'} de quem escreveu não foi guardad${thread.platform === 'whatsapp' ? 'o' : 'a'}, e as respostas não saem pelo ${thread.name}. O cidadão acompanha pelo protocolo e pelo código de acesso.`
              : thread.platform === 'whatsapp'
                ? 'Para responder pelo WhatsApp, use “Resposta ao cidadão” abaixo: a mensagem sai pelo mesmo canal.'
                : `Para responder pelo ${thread.name}, use “Resposta ao cidadão” abaixo: a mensagem sai pelo mesmo canal, ou por e-mail se passou a janela de 24 horas do ${thread.name} (a linha do tempo diz qual).`}
          </p>
          {thread.messages.length ? (
            <ChatThread messages={thread.messages} label={`Mensagens do ${thread.name} desta manifestação`} />
          ) : (
            <p>Nenhuma mensagem do {thread.name} está ligada a esta manifestação.</p>
          )}
        </>
      )}
    </section>
  );
}
