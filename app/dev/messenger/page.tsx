import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChatSimulator } from '@/components/chat-simulator/chat-simulator';
import { TextInput } from '@/components/whatsapp/form-field';
import { toChatMessages } from '@/lib/channels/chat/chat-view';
import { CHAT_SURFACES } from '@/lib/channels/chat/surface';
import { findMessengerSimulatorContact, isMessengerSimulatorAvailable } from '@/lib/channels/messenger/simulator';
import { listMessengerContactThread, listMessengerContacts } from '@/lib/channels/messenger/thread';
import { MESSENGER_PLATFORMS } from '@/lib/domain/vocabulary';
import { sendMessengerChoice, sendMessengerFile, sendMessengerText, startMessengerConversation } from './actions';

export const metadata: Metadata = { title: 'Simulador do Messenger e do Instagram', robots: { index: false, follow: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

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
    <ChatSimulator
      title={`Simulador do ${name}`}
      nav={
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
      }
      intro={
        <>
          Sem o token de acesso (<code>{token}</code>), as mensagens que a Prefeitura enviaria pelo {name} ficam guardadas e aparecem aqui.
          Escreva como um cidadão: cada mensagem vai ao webhook do próprio sistema, assinada como a Meta assina, e a conversa responde. As
          respostas rápidas aparecem como botões.
        </>
      }
      token={token}
      available={available}
      pageError={error && !['mensagem', 'texto', 'arquivo'].includes(errorField ?? '') ? error : undefined}
      contacts={contacts.map((c) => ({ id: c.id, label: `${c.profileName ?? 'Cidadão'} — ${c.scopedId}`, href: `/dev/messenger?plataforma=${platform}&contato=${c.id}` }))}
      currentContactId={contact?.id}
      startAction={startMessengerConversation}
      startFields={
        <>
          <input type="hidden" name="plataforma" value={platform} />
          <TextInput id="mensagem" label="Primeira mensagem" defaultValue="Oi" required error={fieldError('mensagem')} hint={`Um novo cidadão escreve à página no ${name}.`} />
        </>
      }
      conversation={
        contact
          ? {
              contactId: contact.id,
              heading: `Conversa com ${contact.scopedId}`,
              refreshHref: `/dev/messenger?plataforma=${platform}&contato=${contact.id}#ultima`,
              messages: thread,
              chooseAction: sendMessengerChoice.bind(null, platform),
              threadLabel: `Mensagens do ${name}`,
              hidden: { plataforma: platform, contato: contact.id },
              sendText: sendMessengerText,
              sendFile: sendMessengerFile,
              textError: fieldError('texto'),
              fileError: fieldError('arquivo'),
              fileOpen: errorField === 'arquivo',
            }
          : null
      }
    />
  );
}
