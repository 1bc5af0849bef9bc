'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';

/**
 * A workspace page that failed, drawn inside the workspace's menu (the root error page would drop it):
 * what to do, and the code that matches the server's log line — never the error itself.
 */
export default function WorkspaceError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div className="max-w-2xl space-y-4">
      <h1 ref={heading} tabIndex={-1} className="text-2xl font-bold focus:outline-none">
        Não foi possível concluir esta operação
      </h1>
      <p>
        Tivemos um problema no sistema. Se você estava registrando ou movimentando uma demanda, confira na fila se a operação foi feita antes
        de repetir: registrar a mesma demanda de novo pelo mesmo formulário não cria outra.
      </p>
      <p className="flex flex-wrap gap-4">
        <button type="button" onClick={retry} className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
          Tentar de novo
        </button>
        <Link href="/painel" className="self-center font-semibold text-brand underline">
          Voltar às filas
        </Link>
      </p>
      {error.digest && <p className="text-sm text-slate-700">Se o problema continuar, informe ao suporte o código {error.digest}.</p>}
    </div>
  );
}
