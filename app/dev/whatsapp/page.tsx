import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChatThread } from '@/components/whatsapp/chat-thread';
import { TextArea, TextInput } from '@/components/whatsapp/form-field';
import { toChatMessages } from '@/lib/channels/chat/chat-view';
import { findSimulatorContact, isSimulatorAvailable } from '@/lib/channels/whatsapp/simulator';
import { listContacts, listContactThread } from '@/lib/channels/whatsapp/thread';
import { formatMobilePhone } from '@/lib/domain/phone';
import { sendChoice, sendFile, sendLocation, sendText, startConversation } from './actions';

export const metadata: Metadata = { title: 'Simulador do WhatsApp', robots: { index: false, follow: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

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
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-2xl font-bold">Simulador do WhatsApp</h1>
        <p className="mt-2 max-w-3xl text-slate-800">
          Sem as credenciais da API do WhatsApp (<code>WHATSAPP_ACCESS_TOKEN</code>), as mensagens que a Prefeitura enviaria ficam guardadas e
          aparecem aqui. Escreva como um cidadão: cada mensagem vai ao webhook do próprio sistema, assinada como a Meta assina, e a conversa
          responde.
        </p>
        {!available ? (
          <p role="status" className="mt-3 rounded border border-amber-800 bg-amber-50 p-3 text-amber-950">
            O simulador está desligado porque <code>WHATSAPP_ACCESS_TOKEN</code> está definido: as respostas iriam para pessoas de verdade.
          </p>
        ) : null}
        {error && !['nome', 'celular', 'mensagem', 'texto', 'latitude', 'longitude', 'lugar', 'endereco', 'arquivo'].includes(errorField ?? '') ? (
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
                    href={`/dev/whatsapp?contato=${c.id}`}
                    aria-current={c.id === contact?.id ? 'page' : undefined}
                    className={`block rounded px-2 py-1 text-brand underline ${c.id === contact?.id ? 'bg-slate-100 font-semibold' : ''}`}
                  >
                    {contactLabel(c)}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-700">Nenhuma conversa ainda.</p>
          )}

          <form action={startConversation} className="flex flex-col gap-3 rounded border border-slate-300 p-4">
            <h3 className="font-semibold">Nova conversa</h3>
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
            <button type="submit" disabled={!available} className="self-start rounded bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-60">
              Começar conversa
            </button>
          </form>
        </section>

        <section aria-labelledby="conversa-titulo" className="flex flex-col gap-4">
          <h2 id="conversa-titulo" className="text-xl font-semibold">
            {contact ? `Conversa com ${contactLabel(contact)}` : 'Conversa'}
          </h2>
          {contact ? (
            <>
              <p>
                <Link href={`/dev/whatsapp?contato=${contact.id}#ultima`} className="text-brand underline">
                  Atualizar a conversa
                </Link>{' '}
                <span className="text-slate-700">(avisos enviados pelo worker aparecem ao atualizar)</span>
              </p>
              <ChatThread messages={thread} answer={{ contactId: contact.id, chooseAction: sendChoice }} />

              <form action={sendText} className="flex flex-col gap-3 rounded border border-slate-300 p-4">
                <h3 className="font-semibold">Escrever como o cidadão</h3>
                <input type="hidden" name="contato" value={contact.id} />
                <TextArea id="texto" label="Mensagem" rows={3} required error={fieldError('texto')} hint="Números escolhem opções, como no celular: 1, 2, 3…" />
                <button type="submit" disabled={!available} className="self-start rounded bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-60">
                  Enviar
                </button>
              </form>

              <details className="rounded border border-slate-300 p-4" open={['latitude', 'longitude', 'lugar', 'endereco'].includes(errorField ?? '')}>
                <summary className="cursor-pointer font-semibold">Compartilhar localização</summary>
                <form action={sendLocation} className="mt-3 flex flex-col gap-3">
                  <input type="hidden" name="contato" value={contact.id} />
                  <div className="grid gap-3 sm:grid-cols-2">
                    <TextInput id="latitude" label="Latitude" defaultValue="-22.8858" inputMode="decimal" required error={fieldError('latitude')} />
                    <TextInput id="longitude" label="Longitude" defaultValue="-48.4450" inputMode="decimal" required error={fieldError('longitude')} />
                  </div>
                  <TextInput id="lugar" label="Nome do lugar (opcional)" defaultValue="Praça Coronel Moura" error={fieldError('lugar')} />
                  <TextInput id="endereco" label="Endereço (opcional)" defaultValue="Centro, Botucatu - SP" error={fieldError('endereco')} />
                  <button type="submit" disabled={!available} className="self-start rounded bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-60">
                    Enviar localização
                  </button>
                </form>
              </details>

              <details className="rounded border border-slate-300 p-4" open={errorField === 'arquivo'}>
                <summary className="cursor-pointer font-semibold">Enviar foto ou PDF</summary>
                <form action={sendFile} className="mt-3 flex flex-col gap-3">
                  <input type="hidden" name="contato" value={contact.id} />
                  <TextInput id="arquivo" label="Arquivo" type="file" accept="image/jpeg,image/png,image/webp,image/heic,application/pdf" required error={fieldError('arquivo')} />
                  <TextInput id="legenda" label="Legenda (opcional)" />
                  <button type="submit" disabled={!available} className="self-start rounded bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-60">
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

function contactLabel(contact: { profileName: string | null; phone: string | null; waId: string | null; userId: string | null }): string {
  const who = contact.profileName ?? 'Sem nome';
  if (contact.phone) return `${who} — ${formatMobilePhone(contact.phone)}`;
  if (contact.waId) return `${who} — +${contact.waId}`;
  return `${who} — sem número (${contact.userId ?? '?'})`;
}
