import Link from 'next/link';

/** What the Balcão form shows of a service's Carta entry: the documents to have at hand and the deadline. */
export type CharterSummaryView = { href: string; documents: string[]; deadline: string; updatedOn: string };

export function CharterSummary({ summary }: { summary: CharterSummaryView }) {
  return (
    <section aria-labelledby="carta-resumo" className="mt-4 rounded border border-slate-300 p-4">
      <h2 id="carta-resumo" className="text-lg font-semibold">
        Antes de pedir
      </h2>
      {summary.documents.length > 0 ? (
        <>
          <p className="mt-1">Tenha em mãos:</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-6">
            {summary.documents.map((document, index) => (
              <li key={index}>{document}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="mt-1">Nenhum documento é exigido.</p>
      )}
      <p className="mt-2">Prazo: {summary.deadline}.</p>
      <p className="mt-2">
        <Link href={summary.href} className="text-brand underline">
          Ver tudo sobre este serviço na Carta de Serviços
        </Link>{' '}
        <span className="text-sm text-slate-700">(atualizada em {summary.updatedOn})</span>
      </p>
    </section>
  );
}
