'use client';

import { useEffect, useRef } from 'react';
import { JOIN_DEMAND_FIELD, type SuggestionView } from './duplicate-suggestions-model';

/**
 * "Já pediram isto aqui perto": open requests that may be the same problem, each with a button that joins
 * it — a submit button of the form itself, so joining posts what the citizen typed (and their files) and
 * works without JavaScript. `focusOnShow` moves focus here when the list came back from a post.
 */
export function DuplicateSuggestions({ suggestions, focusOnShow, filesDropped }: { suggestions: SuggestionView[]; focusOnShow: boolean; filesDropped: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnShow) heading.current?.focus();
  }, [focusOnShow]);
  if (!suggestions.length) return null;
  return (
    <section aria-labelledby="ja-pediram" className="rounded border-l-4 border-amber-700 bg-amber-50 p-4">
      <h2 id="ja-pediram" ref={heading} tabIndex={-1} className="text-lg font-bold">
        Já pediram isto aqui perto
      </h2>
      <p className="mt-1">
        Se for o mesmo problema, acompanhe o pedido que já existe: você recebe cada aviso dele e ganha seu próprio protocolo, com o seu prazo. Se
        não for, envie o seu pedido normalmente no fim da página.
      </p>
      {filesDropped && <p className="mt-1 font-medium">Se você tinha escolhido fotos ou arquivos, escolha-os de novo antes de enviar.</p>}
      <ul className="mt-3 space-y-3">
        {suggestions.map((suggestion) => (
          <li key={suggestion.id} className="rounded border border-slate-300 bg-white p-3">
            <p>
              <strong>Protocolo {suggestion.protocol}</strong> — {suggestion.state}
            </p>
            <p className="text-sm text-slate-800">
              Registrado em {suggestion.filedOn}
              {suggestion.neighbourhood ? ` · ${suggestion.neighbourhood}` : ''} · {suggestion.where}
              {suggestion.followers > 0 ? ` · ${suggestion.followers === 1 ? '1 pessoa já acompanha' : `${suggestion.followers} pessoas já acompanham`}` : ''}
            </p>
            <button
              type="submit"
              name={JOIN_DEMAND_FIELD}
              value={suggestion.id}
              aria-describedby={undefined}
              className="mt-2 rounded-full border-2 border-brand px-4 py-2 font-semibold text-brand hover:bg-slate-100"
            >
              Acompanhar o pedido {suggestion.protocol}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
