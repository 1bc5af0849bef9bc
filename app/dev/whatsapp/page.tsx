import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ChatSimulator, HiddenFields, SIMULATOR_BUTTON } from '@/components/chat-simulator/chat-simulator';
import { TextInput } from '@/components/whatsapp/form-field';
import { toChatMessages } from '@/lib/channels/chat/chat-view';
import { findSimulatorContact, isSimulatorAvailable } from '@/lib/channels/whatsapp/simulator';
import { listContacts, listContactThread } from '@/lib/channels/whatsapp/thread';
import { formatMobilePhone } from '@/lib/domain/phone';
import { sendChoice, sendFile, sendLocation, sendText, startConversation } from './actions';

export const metadata: Metadata = { title: 'Simulador do WhatsApp', robots: { index: false, follow: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const FIELDS = ['nome', 'celular', 'mensagem', 'texto', 'latitude', 'longitude', 'lugar', 'endereco', 'arquivo'];
const LOCATION_FIELDS = ['latitude', 'longitude', 'lugar', 'endereco'];

/**
 * Development only (absent in production): the messages the app "sent" without Cloud API credentials,
 * and a composer to play the citizen — text, a tapped button or list row, a shared location, a photo.
 */
export default async function WhatsappSimulatorPage({ searchParams }: { searchParams: SearchParams }) {
  if (process.env.NODE_ENV === 'production') notFound();
  const params = await searchParams;
  const one = (key: string) => (typeof params[key] === 'string' ? params[key] : undefined);
  const error = one('erro');
  const errorField = one('campo');
  const fieldError = (field: string) => (error && errorField === field ? error : undefined);
  const contactId = one('contato');
  const available = isSimulatorAvailable();

  const contacts = await listContacts();
  const contact = contactId && /^[0-9a-f-]{36}$/i.test(contactId) ? await findSimulatorContact(contactId) : null;
  const thread = contact ? toChatMessages(await listContactThread(contact.id), { answerable: true }) : [];

  return (
    <ChatSimulator
      title="Simulador do WhatsApp"
      intro={
        <>
          Sem as credenciais da API do WhatsApp (<code>WHATSAPP_ACCESS_TOKEN</code>), as mensagens que a Prefeitura enviaria ficam guardadas e
          aparecem aqui. Escreva como um cidadão: cada mensagem vai ao webhook do próprio sistema, assinada como a Meta assina, e a conversa
          responde.
        </>
      }
      token="WHATSAPP_ACCESS_TOKEN"
      available={available}
      pageError={error && !FIELDS.includes(errorField ?? '') ? error : undefined}
      contacts={contacts.map((c) => ({ id: c.id, label: contactLabel(c), href: `/dev/whatsapp?contato=${c.id}` }))}
      currentContactId={contact?.id}
      startAction={startConversation}
      startFields={
        <>
          {error && ['nome', 'celular', 'mensagem'].includes(errorField ?? '') ? (
            <p role="alert" className="text-sm font-medium text-red-800">
              Não foi possível começar: confira o campo destacado.
            </p>
          ) : null}
          <TextInput id="nome" label="Nome no perfil" defaultValue="Maria da Silva" autoComplete="off" required error={fieldError('nome')} />
          <TextInput
            id="celular"
            label="Celular (com DDD)"
            hint="O número com que o cidadão escreve."
            defaultValue="(14) 99123-4567"
            inputMode="tel"
            autoComplete="off"
            error={fieldError('celular')}
          />
          <div className="flex items-start gap-2">
            <input id="semNumero" name="semNumero" type="checkbox" className="mt-1 h-4 w-4" aria-describedby="semNumero-dica" />
            <div>
              <label htmlFor="semNumero" className="font-medium">
                Sem número (usuário com nome de usuário)
              </label>
              <p id="semNumero-dica" className="text-sm text-slate-700">
                A Meta envia só um identificador (user_id), sem o telefone.
              </p>
            </div>
          </div>
          <TextInput id="mensagem" label="Primeira mensagem" defaultValue="Oi" required error={fieldError('mensagem')} />
        </>
      }
      conversation={
        contact
          ? {
              contactId: contact.id,
              heading: `Conversa com ${contactLabel(contact)}`,
              refreshHref: `/dev/whatsapp?contato=${contact.id}#ultima`,
              messages: thread,
              chooseAction: sendChoice,
              hidden: { contato: contact.id },
              sendText,
              sendFile,
              textError: fieldError('texto'),
              fileError: fieldError('arquivo'),
              fileOpen: errorField === 'arquivo',
              fileFields: <TextInput id="legenda" label="Legenda (opcional)" />,
              moreComposers: (
                <details className="rounded border border-slate-300 p-4" open={LOCATION_FIELDS.includes(errorField ?? '')}>
                  <summary className="cursor-pointer font-semibold">Compartilhar localização</summary>
                  <form action={sendLocation} className="mt-3 flex flex-col gap-3">
                    <HiddenFields values={{ contato: contact.id }} />
                    <div className="grid gap-3 sm:grid-cols-2">
                      <TextInput id="latitude" label="Latitude" defaultValue="-22.8858" inputMode="decimal" required error={fieldError('latitude')} />
                      <TextInput id="longitude" label="Longitude" defaultValue="-48.4450" inputMode="decimal" required error={fieldError('longitude')} />
                    </div>
                    <TextInput id="lugar" label="Nome do lugar (opcional)" defaultValue="Praça Coronel Moura" error={fieldError('lugar')} />
                    <TextInput id="endereco" label="Endereço (opcional)" defaultValue="Centro, Botucatu - SP" error={fieldError('endereco')} />
                    <button type="submit" disabled={!available} className={SIMULATOR_BUTTON}>
                      Enviar localização
                    </button>
                  </form>
                </details>
              ),
            }
          : null
      }
    />
  );
}

function contactLabel(contact: { profileName: string | null; phone: string | null; waId: string | null; userId: string | null }): string {
  const who = contact.profileName ?? 'Sem nome';
  if (contact.phone) return `${who} — ${formatMobilePhone(contact.phone)}`;
  if (contact.waId) return `${who} — +${contact.waId}`;
  return `${who} — sem número (${contact.userId ?? '?'})`;
}
