import Link from 'next/link';
import type { Change, KeyFigure } from '@/lib/stats/dashboard';

const ARROWS: Record<Change['direction'], string> = { up: '▲', down: '▼', same: '=' };

/** The change in words as well as colour and arrow: "melhor" or "pior" is read, never only seen. */
function ChangeLine({ change, previousDisplay }: { change: Change; previousDisplay: string | null }) {
  const tone = change.better === null ? 'text-slate-700' : change.better ? 'text-green-800' : 'text-red-800';
  const verdict = change.better === null ? '' : change.better ? ' (melhor)' : ' (pior)';
  return (
    <p className={`mt-1 text-sm ${tone}`}>
      <span aria-hidden="true">{ARROWS[change.direction]} </span>
      {change.display}
      {verdict}
      {previousDisplay !== null && <span className="text-slate-700"> · antes: {previousDisplay}</span>}
    </p>
  );
}

/** The period's key figures, each beside the same figure for the period of the same length before it. */
export function KeyFigures({ figures, comparedWith }: { figures: KeyFigure[]; comparedWith: string }) {
  return (
    <section aria-labelledby="numeros-chave" className="mt-4">
      <h2 id="numeros-chave" className="text-xl font-semibold">
        Números do período
      </h2>
      <p className="text-sm text-slate-700">Comparados com {comparedWith}.</p>
      <dl className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-3">
        {figures.map((figure) => (
          <div key={figure.id} className="flex flex-col rounded border border-slate-300 bg-white p-3" data-figure={figure.id}>
            <dt className="order-1 text-sm font-medium text-slate-700">{figure.label}</dt>
            <dd className="order-2 text-2xl font-bold tabular-nums text-slate-900">
              {figure.href ? (
                <Link href={figure.href} className="text-brand underline underline-offset-2 hover:text-brand-dark">
                  {figure.display}
                </Link>
              ) : (
                figure.display
              )}
            </dd>
            <dd className="order-3">
              {figure.change ? <ChangeLine change={figure.change} previousDisplay={figure.previousDisplay} /> : figure.note ? null : <p className="mt-1 text-sm text-slate-700">Sem comparação</p>}
              {figure.note && <p className="mt-1 text-sm text-slate-700">{figure.note}</p>}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
