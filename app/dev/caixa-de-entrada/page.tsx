import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { formatDateTime } from '@/lib/domain/labels';
import { devMailboxEnabled, listDevMailbox } from '@/lib/delivery/dev-mailbox';

export const metadata: Metadata = { title: 'Caixa de entrada de desenvolvimento', robots: { index: false, follow: false } };

type Props = { searchParams: Promise<{ para?: string | string[] }> };

export default async function DevMailboxPage({ searchParams }: Props) {
  if (!devMailboxEnabled()) notFound();
  const { para } = await searchParams;
  const recipient = typeof para === 'string' && para.trim() ? para.trim() : undefined;
  const messages = await listDevMailbox({ recipient });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Caixa de entrada de desenvolvimento</h1>
        <p className="mt-1 text-slate-700">
          Sem <code>RESEND_API_KEY</code>, os e-mails do sistema ficam aqui em vez de serem enviados. Esta página não existe em produção.
        </p>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="para" className="block font-medium">
            Filtrar por destinatário
          </label>
          <input id="para" name="para" type="email" defaultValue={recipient} className="mt-1 rounded border border-slate-500 px-3 py-2" />
        </div>
        <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
          Filtrar
        </button>
        {recipient && (
          <Link href="/dev/caixa-de-entrada" className="px-2 py-2 text-brand underline">
            Mostrar todos
          </Link>
        )}
      </form>
      {messages.length === 0 ? (
        <p>Nenhuma mensagem{recipient ? ` para ${recipient}` : ''}.</p>
      ) : (
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">Mensagens, da mais recente para a mais antiga</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="py-2 pr-4">Assunto</th>
              <th scope="col" className="py-2 pr-4">Para</th>
              <th scope="col" className="py-2">Recebida em</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id} className="border-b border-slate-200">
                <td className="py-2 pr-4">
                  <Link href={`/dev/caixa-de-entrada/${message.id}`} className="text-brand underline">
                    {message.subject}
                  </Link>
                </td>
                <td className="py-2 pr-4">{message.recipient}</td>
                <td className="py-2">{formatDateTime(message.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
