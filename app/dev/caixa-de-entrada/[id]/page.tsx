import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { formatDateTime } from '@/lib/domain/labels';
import { devMailboxEnabled, getDevMailboxMessage, linksIn } from '@/lib/delivery/dev-mailbox';

export const metadata: Metadata = { title: 'Mensagem — caixa de entrada de desenvolvimento', robots: { index: false, follow: false }, referrer: 'no-referrer' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export default async function DevMailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  if (!devMailboxEnabled()) notFound();
  const { id } = await params;
  const message = UUID.test(id) ? await getDevMailboxMessage(id) : null;
  if (!message) notFound();
  const links = linksIn(message.html);
  // Links inside the rendered e-mail open in this tab, as they would from a mail app.
  const document = message.html.replace(/<head>/i, '<head><base target="_top">');
  return (
    <div className="space-y-6">
      <p>
        <Link href="/dev/caixa-de-entrada" className="text-brand underline">
          Voltar à caixa de entrada
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-bold">{message.subject}</h1>
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          <dt className="font-medium text-slate-700">Para</dt>
          <dd>{message.recipient}</dd>
          <dt className="font-medium text-slate-700">Recebida em</dt>
          <dd>{formatDateTime(message.createdAt)}</dd>
        </dl>
      </div>
      {links.length > 0 && (
        <section aria-labelledby="links">
          <h2 id="links" className="text-lg font-semibold">
            Links desta mensagem
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {links.map((link) => (
              <li key={link}>
                <a href={link} className="break-all text-brand underline">
                  {link}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="html" className="space-y-2">
        <h2 id="html" className="text-lg font-semibold">
          Como a pessoa vê
        </h2>
        <iframe
          title={`Conteúdo do e-mail: ${message.subject}`}
          srcDoc={document}
          sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
          className="h-[36rem] w-full rounded border border-slate-300"
        />
      </section>
      <section aria-labelledby="texto" className="space-y-2">
        <h2 id="texto" className="text-lg font-semibold">
          Versão em texto
        </h2>
        <pre className="whitespace-pre-wrap rounded border border-slate-300 bg-slate-50 p-4 text-sm">{message.text}</pre>
      </section>
    </div>
  );
}
