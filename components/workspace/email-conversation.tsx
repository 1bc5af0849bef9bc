import type { EmailThreadMessage, StaffEmailThread } from '@/lib/channels/email/staff-thread';
import { formatDateTime } from '@/lib/domain/labels';

/**
 * The demand's e-mails, read-only: what the citizen wrote (headers folded under each message) and what
 * the prefeitura sent back, with whether it arrived. Answers go out through "Resposta ao cidadão": the
 * outbox sends them by e-mail, in the same thread.
 */

const OUT_STATUS: Record<Extract<EmailThreadMessage, { direction: 'out' }>['status'], string> = {
  pending: 'Na fila de envio',
  sent: 'Enviado',
  failed: 'Envio falhou',
  bounced: 'Voltou: o servidor do cidadão recusou',
};

const IN_OUTCOME: Record<string, string> = {
  new_demand: 'Registrou esta manifestação',
  new_demand_after_closed: 'Respondia a uma manifestação encerrada; registrou esta',
  reply: 'Resposta do cidadão, na linha do tempo',
  refused: 'Não pôde ser registrada',
};

export function EmailConversation({ thread }: { thread: StaffEmailThread }) {
  return (
    <section aria-labelledby="email-thread" className="space-y-3">
      <h2 id="email-thread" className="text-xl font-bold">
        Conversa por e-mail
      </h2>
      {!thread.readable ? (
        <p>
          {thread.unlockedByReveal
            ? 'Os e-mails mostram quem escreveu: veja a identidade do manifestante (o acesso fica registrado) para lê-los.'
            : 'Os e-mails ficam ocultos porque a identidade de quem escreveu é protegida. O relato e as complementações estão na linha do tempo.'}
        </p>
      ) : thread.messages.length === 0 ? (
        <p>Nenhum e-mail está ligado a esta manifestação.</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">Para responder por e-mail, use “Resposta ao cidadão” abaixo: a mensagem sai no mesmo fio de e-mails.</p>
          <ol className="space-y-3" aria-label="E-mails desta manifestação">
            {thread.messages.map((message) => (
              <li key={`${message.direction}-${message.id}`} className={`rounded border p-3 ${message.direction === 'in' ? 'border-slate-300' : 'border-sky-300 bg-sky-50'}`}>
                {message.direction === 'in' ? <Incoming message={message} /> : <Outgoing message={message} />}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function Incoming({ message }: { message: Extract<EmailThreadMessage, { direction: 'in' }> }) {
  const headers = Object.entries(message.headers);
  return (
    <article aria-label={`E-mail recebido: ${message.subject || 'sem assunto'}`}>
      <p className="flex flex-wrap items-baseline gap-x-2">
        <span className="font-semibold">Recebido de {message.from}</span>
        <span className="text-sm text-slate-700">
          <time dateTime={message.at.toISOString()}>{formatDateTime(message.at)}</time>
          {message.outcome && IN_OUTCOME[message.outcome] ? ` · ${IN_OUTCOME[message.outcome]}` : ''}
        </span>
      </p>
      <p className="font-medium">{message.subject || '(sem assunto)'}</p>
      <p className="mt-1 whitespace-pre-wrap break-words">{message.body || '(sem texto)'}</p>
      {headers.length > 0 && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-brand underline">Cabeçalhos do e-mail</summary>
          <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
            {headers.map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="font-semibold">{name}</dt>
                <dd className="break-all">{value}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </article>
  );
}

function Outgoing({ message }: { message: Extract<EmailThreadMessage, { direction: 'out' }> }) {
  return (
    <article aria-label={`E-mail enviado: ${message.subject}`}>
      <p className="flex flex-wrap items-baseline gap-x-2">
        <span className="font-semibold">Enviado a {message.to}</span>
        <span className="text-sm text-slate-700">
          <time dateTime={message.at.toISOString()}>{formatDateTime(message.at)}</time> · {OUT_STATUS[message.status]}
        </span>
      </p>
      <p className="font-medium">{message.subject}</p>
      {message.detail && message.status !== 'sent' && <p className="text-sm text-slate-700">{message.detail}</p>}
      {message.messageId && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-brand underline">Cabeçalhos do e-mail</summary>
          <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3">
            <dt className="font-semibold">Message-ID</dt>
            <dd className="break-all">{message.messageId}</dd>
          </dl>
        </details>
      )}
    </article>
  );
}
