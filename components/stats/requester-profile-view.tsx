type ProfileTableView = { question: string; label: string; rows: { answer: string; published: { value: string } }[] };

/**
 * The optional requester profile in aggregate. Counts under 5 read "<5", and a count hidden so that a
 * small one cannot be worked out reads "suprimido" (LGPD art. 12).
 */
export function RequesterProfileView({ tables, jsonHref }: { tables: ProfileTableView[]; jsonHref: string }) {
  return (
    <section aria-labelledby="perfil-solicitantes" className="mt-10">
      <h2 id="perfil-solicitantes" className="text-xl font-semibold">
        Perfil dos solicitantes
      </h2>
      <p className="mt-1 max-w-3xl text-slate-700">
        Respostas opcionais dadas nos formulários, somadas. Para que ninguém possa ser identificado, grupos com menos de 5 pessoas aparecem
        como “&lt;5”, e outro número é suprimido quando seria possível descobri-los pela diferença.{' '}
        <a href={jsonHref} className="text-brand underline underline-offset-2">
          Baixar em JSON
        </a>
      </p>
      <div className="mt-4 grid gap-6 sm:grid-cols-2">
        {tables.map((table) => (
          <table key={table.question} className="w-full border-collapse text-left text-sm">
            <caption className="mb-1 text-left font-semibold">{table.label}</caption>
            <thead>
              <tr>
                <th scope="col" className="border border-slate-300 bg-slate-100 px-2 py-1">
                  Resposta
                </th>
                <th scope="col" className="border border-slate-300 bg-slate-100 px-2 py-1 text-right">
                  Manifestações
                </th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.answer}>
                  <th scope="row" className="border border-slate-300 px-2 py-1 font-normal">
                    {row.answer}
                  </th>
                  <td className="border border-slate-300 px-2 py-1 text-right">{row.published.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  );
}
