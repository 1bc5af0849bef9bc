'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { formatDate } from '@/lib/domain/labels';
import type { Service } from '@/lib/domain/vocabulary';
import { SUBMISSION_KEY_FIELD } from '@/lib/actions/form-state';
import { RECEIPT_PDF_PATH } from '@/lib/channels/receipt-paths';

/** What the citizen is shown once, right after filing. */
export type IntakeReceipt = {
  protocol: string;
  service: Service;
  /** The kind of manifestação or the Balcão service's name. */
  what: string;
  dueOn: string;
  deadlineDays: number;
  /** Which law sets the deadline, when one does. */
  deadlineBasis?: string;
  departmentName: string | null;
  /**
   * For anonymous demands, and for a denúncia or a confidential demand (whose tracking takes no contact
   * as proof): never stored in clear, never shown again here.
   */
  accessCode?: string;
  anonymous: boolean;
  trackWith: 'access_code' | 'email' | 'phone';
  emailConfirmation: boolean;
  /** What was filed, repeated so the citizen can check it and keep it. */
  description: string;
  addressLine: string | null;
  attachmentNames: string[];
};

const TRACK_WITH_TEXT: Record<IntakeReceipt['trackWith'], string> = {
  access_code: 'o código de acesso mostrado acima',
  email: 'o e-mail que você informou',
  phone: 'o celular que você informou',
};

/**
 * `submissionKey`: the signed key of the form that filed it (already in that form's HTML); posted to
 * RECEIPT_PDF_PATH it draws the same receipt as a PDF, access code included, without the code ever
 * going into an address or being stored in clear.
 */
export function Receipt({ receipt, newHref, submissionKey }: { receipt: IntakeReceipt; newHref: string; submissionKey?: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const isOuvidoria = receipt.service === 'ouvidoria';

  return (
    <section aria-labelledby="recibo-titulo" className="space-y-6">
      <div className="rounded border-l-8 border-green-700 bg-green-50 p-4">
        <h1 id="recibo-titulo" ref={heading} tabIndex={-1} className="text-2xl font-bold text-green-900 focus:outline-none">
          {isOuvidoria ? 'Manifestação registrada' : 'Pedido registrado'}
        </h1>
        <p className="mt-1">Guarde o número do protocolo: é com ele que você acompanha o andamento.</p>
      </div>

      <div>
        <p className="font-semibold">Número do protocolo</p>
        <p className="mt-1 flex flex-wrap items-center gap-3">
          <span data-testid="protocolo" className="select-all font-mono text-3xl font-bold tracking-wide sm:text-4xl">
            {receipt.protocol}
          </span>
          <CopyButton value={receipt.protocol} label="Copiar protocolo" />
        </p>
      </div>

      {receipt.accessCode && (
        <div className="rounded border-4 border-amber-600 bg-amber-50 p-4">
          <h2 className="text-lg font-bold">Código de acesso</h2>
          <p className="mt-1 font-semibold">Anote agora: ele não será mostrado de novo.</p>
          {receipt.anonymous ? (
            <p className="mt-1 text-slate-800">
              {isOuvidoria ? 'Como a manifestação é anônima' : 'Como o pedido foi feito sem identificação'}, não guardamos nenhum contato
              seu. Sem este código não é possível acompanhar {isOuvidoria ? 'a manifestação' : 'o pedido'} nem recuperar o código depois.
            </p>
          ) : (
            <p className="mt-1 text-slate-800">
              Para proteger sua identidade, esta {isOuvidoria ? 'manifestação' : 'solicitação'} só é aberta na página de
              acompanhamento com o protocolo e este código, nunca com o seu e-mail ou celular.
              {receipt.emailConfirmation && ' O código também vai no e-mail de confirmação, com um link pessoal de acompanhamento.'}
            </p>
          )}
          <p className="mt-3 flex flex-wrap items-center gap-3">
            <span data-testid="codigo-de-acesso" className="select-all font-mono text-2xl font-bold tracking-widest sm:text-3xl">
              {receipt.accessCode}
            </span>
            <CopyButton value={receipt.accessCode} label="Copiar código" />
          </p>
        </div>
      )}

      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{isOuvidoria ? 'Tipo' : 'Serviço'}</dt>
        <dd>{receipt.what}</dd>
        <dt className="font-semibold">Prazo para resposta</dt>
        <dd>
          até <strong>{formatDate(receipt.dueOn)}</strong> ({receipt.deadlineDays} dias{receipt.deadlineBasis ? `, ${receipt.deadlineBasis}` : ''})
        </dd>
        <dt className="font-semibold">Responsável</dt>
        <dd>{receipt.departmentName ?? 'A Ouvidoria analisa a manifestação e a encaminha à secretaria responsável.'}</dd>
        {receipt.addressLine && (
          <>
            <dt className="font-semibold">Endereço</dt>
            <dd>{receipt.addressLine}</dd>
          </>
        )}
        <dt className="font-semibold">Descrição</dt>
        <dd className="whitespace-pre-line break-words">{receipt.description}</dd>
        <dt className="font-semibold">Anexos</dt>
        <dd data-testid="anexos-do-recibo">
          {receipt.attachmentNames.length === 0 ? (
            'Nenhum arquivo enviado.'
          ) : (
            <>
              <p>{receipt.attachmentNames.length === 1 ? '1 arquivo recebido:' : `${receipt.attachmentNames.length} arquivos recebidos:`}</p>
              <ul className="list-disc pl-5">
                {receipt.attachmentNames.map((name, index) => (
                  <li key={`${index}-${name}`} className="break-all">
                    {name}
                  </li>
                ))}
              </ul>
            </>
          )}
        </dd>
      </dl>

      <div className="print-hidden flex flex-wrap gap-3">
        {submissionKey && (
          <form action={RECEIPT_PDF_PATH} method="post">
            <input type="hidden" name={SUBMISSION_KEY_FIELD} value={submissionKey} />
            <button type="submit" className="min-h-11 rounded-full bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
              Baixar recibo em PDF
            </button>
          </form>
        )}
        <button type="button" onClick={() => window.print()} className="min-h-11 rounded border border-brand px-4 py-2 font-semibold text-brand">
          Imprimir recibo
        </button>
      </div>

      <section aria-labelledby="como-acompanhar" className="rounded border border-slate-300 p-4">
        <h2 id="como-acompanhar" className="text-lg font-bold">
          Como acompanhar
        </h2>
        <p className="mt-1">
          Na página <Link href={`/acompanhar?protocolo=${encodeURIComponent(receipt.protocol)}`} className="font-semibold text-brand underline">Acompanhar protocolo</Link>,
          informe o protocolo e {TRACK_WITH_TEXT[receipt.trackWith]}.
        </p>
        {receipt.emailConfirmation && <p className="mt-2">Você também vai receber a confirmação no e-mail informado e um aviso a cada movimentação.</p>}
      </section>

      <p className="print-hidden">
        <Link href={newHref} className="font-semibold text-brand underline">
          {isOuvidoria ? 'Registrar outra manifestação' : 'Fazer outro pedido'}
        </Link>
      </p>
    </section>
  );
}
