import Link from 'next/link';
import type { ReactNode } from 'react';
import { ChatThread } from '@/components/whatsapp/chat-thread';
import { TextArea, TextInput } from '@/components/whatsapp/form-field';
import type { ChatMessage } from '@/lib/channels/chat/chat-view';

/**
 * The development chat simulators' page (WhatsApp; Messenger and Instagram): the conversations kept
 * without an access token, a form to start one, and composers to play the citizen. Each page passes its
 * own texts and fields; the layout, the thread and the text and file composers are this one.
 */

export const SIMULATOR_BUTTON = 'self-start rounded bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-60';

type FormAction = (formData: FormData) => Promise<void>;

export type SimulatorContactLink = { id: string; label: string; href: string };

export type SimulatorConversation = {
  contactId: string;
  heading: string;
  refreshHref: string;
  messages: ChatMessage[];
  chooseAction: FormAction;
  threadLabel?: string;
  /** Hidden fields every composer posts (the contact, the platform). */
  hidden: Record<string, string>;
  sendText: FormAction;
  sendFile: FormAction;
  textError?: string;
  fileError?: string;
  fileOpen: boolean;
  /** Fields after the file (WhatsApp's caption). */
  fileFields?: ReactNode;
  /** Composers between the text and the file (WhatsApp's location). */
  moreComposers?: ReactNode;
};

export function ChatSimulator({
  title,
  nav,
  intro,
  token,
  available,
  pageError,
  contacts,
  currentContactId,
  startAction,
  startFields,
  conversation,
}: {
  title: string;
  nav?: ReactNode;
  intro: ReactNode;
  /** The variable whose absence turns the simulator on. */
  token: string;
  available: boolean;
  /** An error that belongs to no field on the page. */
  pageError?: string;
  contacts: SimulatorContactLink[];
  currentContactId?: string;
  startAction: FormAction;
  startFields: ReactNode;
  conversation: SimulatorConversation | null;
}) {
  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-bold">{title}</h1>
        {nav}
        <p className="mt-2 max-w-3xl text-slate-800">{intro}</p>
        {!available ? (
          <p role="status" className="mt-3 rounded border border-amber-800 bg-amber-50 p-3 text-amber-950">
            O simulador está desligado porque <code>{token}</code> está definido: as respostas iriam para pessoas de verdade.
          </p>
        ) : null}
        {pageError ? (
          <p role="alert" className="mt-3 rounded border border-red-800 bg-red-50 p-3 text-red-900">
            {pageError}
          </p>
        ) : null}
      </header>

      <div className="grid gap-8 md:grid-cols-[18rem_1fr]">
        <section aria-labelledby="conversas-titulo" className="flex flex-col gap-4">
          <h2 id="conversas-titulo" className="text-xl font-semibold">
            Conversas
          </h2>
          {contacts.length ? (
            <ul className="flex flex-col gap-1">
              {contacts.map((c) => (
                <li key={c.id}>
                  <Link
                    href={c.href}
                    aria-current={c.id === currentContactId ? 'page' : undefined}
                    className={`block rounded px-2 py-1 text-brand underline ${c.id === currentContactId ? 'bg-slate-100 font-semibold' : ''}`}
                  >
                    {c.label}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-700">Nenhuma conversa ainda.</p>
          )}

          <form action={startAction} className="flex flex-col gap-3 rounded border border-slate-300 p-4">
            <h3 className="font-semibold">Nova conversa</h3>
            {startFields}
            <button type="submit" disabled={!available} className={SIMULATOR_BUTTON}>
              Começar conversa
            </button>
          </form>
        </section>

        <section aria-labelledby="conversa-titulo" className="flex flex-col gap-4">
          <h2 id="conversa-titulo" className="text-xl font-semibold">
            {conversation ? conversation.heading : 'Conversa'}
          </h2>
          {conversation ? (
            <Conversation conversation={conversation} available={available} />
          ) : (
            <p className="text-slate-700">Escolha uma conversa ao lado ou comece uma nova.</p>
          )}
        </section>
      </div>
    </div>
  );
}

function Conversation({ conversation, available }: { conversation: SimulatorConversation; available: boolean }) {
  const hidden = <HiddenFields values={conversation.hidden} />;
  return (
    <>
      <p>
        <Link href={conversation.refreshHref} className="text-brand underline">
          Atualizar a conversa
        </Link>{' '}
        <span className="text-slate-700">(avisos enviados pelo worker aparecem ao atualizar)</span>
      </p>
      <ChatThread messages={conversation.messages} answer={{ contactId: conversation.contactId, chooseAction: conversation.chooseAction }} label={conversation.threadLabel} />

      <form action={conversation.sendText} className="flex flex-col gap-3 rounded border border-slate-300 p-4">
        <h3 className="font-semibold">Escrever como o cidadão</h3>
        {hidden}
        <TextArea id="texto" label="Mensagem" rows={3} required error={conversation.textError} hint="Números escolhem opções, como no celular: 1, 2, 3…" />
        <button type="submit" disabled={!available} className={SIMULATOR_BUTTON}>
          Enviar
        </button>
      </form>

      {conversation.moreComposers}

      <details className="rounded border border-slate-300 p-4" open={conversation.fileOpen}>
        <summary className="cursor-pointer font-semibold">Enviar foto ou PDF</summary>
        <form action={conversation.sendFile} className="mt-3 flex flex-col gap-3">
          {hidden}
          <TextInput id="arquivo" label="Arquivo" type="file" accept="image/jpeg,image/png,image/webp,image/heic,application/pdf" required error={conversation.fileError} />
          {conversation.fileFields}
          <button type="submit" disabled={!available} className={SIMULATOR_BUTTON}>
            Enviar arquivo
          </button>
        </form>
      </details>
    </>
  );
}

export function HiddenFields({ values }: { values: Record<string, string> }) {
  return Object.entries(values).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
}
