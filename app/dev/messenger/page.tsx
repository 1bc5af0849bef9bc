import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChatThread } from '@/components/whatsapp/chat-thread';
import { TextArea, TextInput } from '@/components/whatsapp/form-field';
import { toChatMessages } from '@/lib/channels/chat/chat-view';
import { CHAT_SURFACES } from '@/lib/channels/chat/surface';
import { findMessengerSimulatorContact, isMessengerSimulatorAvailable } from '@/lib/channels/messenger/simulator';
import { listMessengerContactThread, listMessengerContacts } from '@/lib/channels/messenger/thread';
import { MESSENGER_PLATFORMS } from '@/lib/domain/vocabulary';
import { sendMessengerChoice, sendMessengerFile, sendMessengerText, startMessengerConversation } from './actions';

export const metadata: Metadata = { title: 'Simulador do Messenger e do Instagram', robots: { index: false, follow: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const BUTTON = 'self-start rounded bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-60';

/**
 * Development only (absent in production): the replies the app "sent" on Messenger or Instagram without
 * an access token, and a composer to play the citizen — text, a tapped quick reply, a photo or a PDF.
 */
export default async function MessengerSimulatorPage({ searchParams }: { searchParams: SearchParams }) {
  if (process.env.NODE_ENV === 'production') notFound();
  const params = await searchParams;
  const one = (key: string) => (typeof params[key] === 'string' ? params[key] : undefined);
  const platform = MESSENGER_PLATFORMS.find((p) => p === one('plataforma')) ?? 'messenger';
  const { name } = CHAT_SURFACES[platform];
  const error = one('erro');
  const errorField = one('campo');
  const fieldError = (field: string) => (error && errorField === field ? error : undefined);
  const contactId = one('contato');
  const available = isMessengerSimulatorAvailable(platform);
  const token = `${platform.toUpperCase()}_ACCESS_TOKEN`;

  const contacts = await listMessengerContacts(platform);
  const contact = contactId && /^[0-9a-f-]{36}$/i.test(contactId) ? await findMessengerSimulatorContact(platform, contactId) : null;
  const thread = contact ? toChatMessages(await listMessengerContactThread(contact.id), { answerable: true, platformName: name }) : [];

  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-bold">Simulador do {name}</h1>
        <nav aria-label="Plataforma" className="mt-2">
          <ul className="flex gap-4">
            {MESSENGER_PLATFORMS.map((p) => (
              <li key={p}>
                <Link href={`/dev/messenger?plataforma=${p}`} aria-current={p === platform ? 'page' : undefined} className={`text-brand underline ${p === platform ? 'font-semibold' : ''}`}>
                  {CHAT_SURFACES[p].name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <p className="mt-2 max-w-3xl text-slate-800">
          Sem o token de acesso (<code>{token}</code>), as mensagens que a Prefeitura enviaria pelo {name} ficam guardadas e aparecem aqui.
          Escreva como um cidadão: cada mensagem vai ao webhook do próprio sistema, assinada como a Meta assina, e a conversa responde. As
          respostas rápidas aparecem como botões.
        </p>
        {!available ? (
          <p role="status" className="mt-3 rounded border border-amber-800 bg-amber-50 p-3 text-amber-950">
            O simulador está desligado porque <code>{token}</code> está definido: as respostas iriam para pessoas de verdade.
          </p>
        ) : null}
        {error && !['mensagem', 'texto', 'arquivo'].includes(errorField ?? '') ? (
          <p role="alert" className="mt-3 rounded border border-red-800 bg-red-50 p-3 text-red-900">
            {error}
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
                    href={`/dev/messenger?plataforma=${platform}&contato=${c.id}`}
                    aria-current={c.id === contact?.id ? 'page' : undefined}
                    className={`block rounded px-2 py-1 text-brand underline ${c.id === contact?.id ? 'bg-slate-100 font-semibold' : ''}`}
                  >
                    {c.profileName ?? 'Cidadão'} — {c.scopedId}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-700">Nenhuma conversa ainda.</p>
          )}

          <form action={startMessengerConversation} className="flex flex-col gap-3 rounded border border-slate-300 p-4">
            <h3 className="font-semibold">Nova conversa</h3>
            <input type="hidden" name="plataforma" value={platform} />
            <TextInput id="mensagem" label="Primeira mensagem" defaultValue="Oi" required error={fieldError('mensagem')} hint={`Um novo cidadão escreve à página no ${name}.`} />
            <button type="submit" disabled={!available} className={BUTTON}>
              Começar conversa
            </button>
          </form>
        </section>

        <section aria-labelledby="conversa-titulo" className="flex flex-col gap-4">
          <h2 id="conversa-titulo" className="text-xl font-semibold">
            {contact ? `Conversa com ${contact.scopedId}` : 'Conversa'}
          </h2>
          {contact ? (
            <>
              <p>
                <Link href={`/dev/messenger?plataforma=${platform}&contato=${contact.id}#ultima`} className="text-brand underline">
                  Atualizar a conversa
                </Link>{' '}
                <span className="text-slate-700">(avisos enviados pelo worker aparecem ao atualizar)</span>
              </p>
              <ChatThread messages={thread} answer={{ contactId: contact.id, chooseAction: sendMessengerChoice.bind(null, platform) }} label={`Mensagens do ${name}`} />

              <form action={sendMessengerText} className="flex flex-col gap-3 rounded border border-slate-300 p-4">
                <h3 className="font-semibold">Escrever como o cidadão</h3>
                <input type="hidden" name="plataforma" value={platform} />
                <input type="hidden" name="contato" value={contact.id} />
                <TextArea id="texto" label="Mensagem" rows={3} required error={fieldError('texto')} hint="Números escolhem opções, como no celular: 1, 2, 3…" />
                <button type="submit" disabled={!available} className={BUTTON}>
                  Enviar
                </button>
              </form>

              <details className="rounded border border-slate-300 p-4" open={errorField === 'arquivo'}>
                <summary className="cursor-pointer font-semibold">Enviar foto ou PDF</summary>
                <form action={sendMessengerFile} className="mt-3 flex flex-col gap-3">
                  <input type="hidden" name="plataforma" value={platform} />
                  <input type="hidden" name="contato" value={contact.id} />
                  <TextInput id="arquivo" label="Arquivo" type="file" accept="image/jpeg,image/png,image/webp,image/heic,application/pdf" required error={fieldError('arquivo')} />
                  <button type="submit" disabled={!available} className={BUTTON}>
                    Enviar arquivo
                  </button>
                </form>
              </details>
            </>
          ) : (
            <p className="text-slate-700">Escolha uma conversa ao lado ou comece uma nova.</p>
          )}
        </section>
      </div>
    </div>
  );
}
