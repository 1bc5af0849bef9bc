'use client';

import type { CSSProperties } from 'react';
import { FailureContacts } from '@/components/layout/failure-help';
import { municipalityIdentity as municipality } from '@/lib/municipality-identity';
import './globals.css';

/**
 * The last resort, when the root layout itself fails (the database down while reading the session): it
 * replaces the whole document, so it brings its own html and body, in Portuguese, with the phones.
 */
export default function GlobalError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const brand = { '--brand': municipality.colors.primary, '--brand-dark': municipality.colors.primaryDark, '--accent': municipality.colors.accent } as CSSProperties;
  return (
    <html lang="pt-BR" style={brand}>
      <head>
        <title>{`Serviço indisponível — ${municipality.siteName}`}</title>
      </head>
      <body className="flex min-h-screen flex-col">
        <header className="bg-brand px-4 py-4 text-white">
          <p className="mx-auto max-w-5xl text-xl font-bold">{municipality.siteName}</p>
        </header>
        <main id="conteudo" className="mx-auto w-full max-w-5xl flex-1 space-y-5 px-4 py-8">
          <h1 className="text-3xl font-bold">O site está com problemas no momento</h1>
          <p>Não foi possível carregar a página. Não é nada que você tenha feito: tente de novo em alguns minutos.</p>
          <p>
            Se você estava enviando uma manifestação ou um pedido e não viu o número do protocolo, envie de novo mais tarde: se ele já tiver
            sido registrado, você verá o mesmo protocolo, sem duplicar. Se for urgente, ligue:
          </p>
          <FailureContacts ouvidoria={municipality.ouvidoria} balcao={municipality.balcao} />
          <p>
            <button type="button" onClick={retry} className="rounded-full bg-brand px-4 py-2 font-semibold text-white">
              Tentar de novo
            </button>
          </p>
          {error.digest && <p className="text-sm text-slate-700">Código para o suporte: {error.digest}</p>}
        </main>
      </body>
    </html>
  );
}
