import type { ChatMessage } from '@/lib/channels/chat/chat-view';
import { formatDateTime } from '@/lib/domain/labels';

/**
 * A WhatsApp conversation as a list of messages: the citizen's on one side, the prefeitura's on the
 * other, each saying who spoke (for screen readers too). With `answer` (the development simulator), the
 * last interactive message's options are real buttons that answer it; staff read the thread only.
 */
export function ChatThread({
  messages,
  answer,
  label = 'Mensagens da conversa',
}: {
  messages: ChatMessage[];
  answer?: { contactId: string; chooseAction: (formData: FormData) => Promise<void> };
  label?: string;
}) {
  if (!messages.length) return <p className="text-slate-700">Nenhuma mensagem ainda.</p>;
  return (
    <ol className="flex flex-col gap-3" aria-label={label}>
      {messages.map((message, index) => {
        const isLast = index === messages.length - 1;
        const mine = message.direction === 'in';
        return (
          <li key={message.key} id={isLast ? 'ultima' : undefined} className={mine ? 'flex justify-end' : 'flex justify-start'}>
            <article
              className={`max-w-[85%] rounded-lg border px-4 py-2 ${mine ? 'border-green-700 bg-green-50' : 'border-slate-400 bg-white'}`}
              aria-label={mine ? 'Mensagem do cidadão' : 'Mensagem da Prefeitura'}
            >
              <p className="text-sm font-semibold text-slate-800">{mine ? 'Cidadão' : 'Prefeitura'}</p>
              <p className="whitespace-pre-wrap break-words text-slate-900">{withWhatsappBold(message.text)}</p>
              <p className="mt-1 text-xs text-slate-700">
                <time dateTime={message.at.toISOString()}>{formatDateTime(message.at)}</time>
                {message.direction === 'out' ? (
                  <span className={message.failed ? 'font-semibold text-red-800' : undefined}> · {message.statusLabel}</span>
                ) : null}
              </p>
              {answer && message.direction === 'out' && message.options ? (
                <form action={answer.chooseAction} className="mt-2">
                  <input type="hidden" name="contato" value={answer.contactId} />
                  <input type="hidden" name="mensagem" value={message.id} />
                  <fieldset>
                    <legend className="text-sm font-medium text-slate-800">
                      {message.options.kind === 'list' ? `Lista “${message.options.label ?? 'Opções'}”: toque em uma linha` : 'Responder tocando em um botão'}
                    </legend>
                    <div className={message.options.kind === 'list' ? 'mt-1 flex flex-col gap-1' : 'mt-1 flex flex-wrap gap-2'}>
                      {message.options.items.map((option) => (
                        <button
                          key={option.id}
                          type="submit"
                          name="opcao"
                          value={option.id}
                          className="rounded border border-brand px-3 py-1 text-left text-brand hover:bg-slate-100"
                        >
                          <span className="block font-medium">{option.title}</span>
                          {option.description ? <span className="block text-sm text-slate-700">{option.description}</span> : null}
                        </button>
                      ))}
                    </div>
                  </fieldset>
                </form>
              ) : null}
            </article>
          </li>
        );
      })}
    </ol>
  );
}

/** WhatsApp shows *text* in bold; so does the simulator. */
function withWhatsappBold(text: string) {
  return text.split(/(\*[^*\n]+\*)/g).map((part, i) => (/^\*[^*\n]+\*$/.test(part) ? <strong key={i}>{part.slice(1, -1)}</strong> : part));
}
