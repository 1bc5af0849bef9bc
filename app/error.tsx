'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { FailureContacts } from '@/components/layout/failure-help';
import { municipalityIdentity as municipality } from '@/lib/municipality-identity';

/**
 * What a visitor sees when a page fails on the server or in the browser: plain Portuguese, what to do,
 * and who to call — never the error's message or stack (a server error's message may carry personal data).
 * The digest is an opaque code that matches the server's log line, for the support team.
 */
export default function ErrorPage({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div className="max-w-2xl space-y-5">
      <h1 ref={heading} tabIndex={-1} className="text-3xl font-bold focus:outline-none">
        Não foi possível abrir esta página
      </h1>
      <p>Tivemos um problema no sistema. Não é nada que você tenha feito.</p>
      <p>
        Se você estava enviando uma manifestação ou um pedido e não viu o número do protocolo, volte à página e envie de novo: se ele já
        tiver sido registrado, você verá o mesmo protocolo, sem duplicar.
      </p>
      <p className="flex flex-wrap gap-4">
        <button type="button" onClick={retry} className="rounded-full bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
          Tentar de novo
        </button>
        <Link href="/" className="self-center font-semibold text-brand underline">
          Ir para a página inicial
        </Link>
      </p>
      <FailureContacts ouvidoria={municipality.ouvidoria} balcao={municipality.balcao} />
      {error.digest && <p className="text-sm text-slate-700">Código para o suporte: {error.digest}</p>}
    </div>
  );
}
