import { DENIAL_GROUND_LABELS, DENIAL_GROUNDS } from '@/lib/domain/information-requests';
import type { InformationRequestYear } from '@/lib/stats/information-requests';

const cell = 'border border-slate-300 px-2 py-1 text-right tabular-nums';
const head = 'border border-slate-300 bg-slate-100 px-2 py-1 text-left font-semibold';

/** The access-to-information figures of each year, as the LAI (art. 30 III) and Decreto 7.724 (art. 45) ask. */
export function InformationRequestsTable({ years }: { years: readonly InformationRequestYear[] }) {
  const rows: {
    label: string;
    value: (y: InformationRequestYear) => string | number;
  }[] = [
    { label: 'Pedidos recebidos', value: (y) => y.received },
    { label: 'Acesso concedido', value: (y) => y.granted },
    { label: 'Acesso parcialmente concedido', value: (y) => y.partlyGranted },
    { label: 'Acesso negado', value: (y) => y.denied },
    ...DENIAL_GROUNDS.map((ground) => ({
      label: `— negado por: ${DENIAL_GROUND_LABELS[ground]}`,
      value: (y: InformationRequestYear) => y.deniedByGround[ground],
    })),
    {
      label: 'Informação não mantida pela Prefeitura',
      value: (y) => y.notHeld,
    },
    { label: 'Ainda sem resposta ou arquivados', value: (y) => y.unanswered },
    { label: 'Prazo prorrogado (10 dias)', value: (y) => y.extended },
    {
      label: 'Mediana de dias até a resposta',
      value: (y) =>
        y.medianDaysToAnswer === null
          ? '—'
          : y.medianDaysToAnswer.toLocaleString('pt-BR', {
              maximumFractionDigits: 1,
            }),
    },
    { label: 'Recursos de 1ª instância', value: (y) => y.appeals[1].filed },
    {
      label: '— providos / não providos / pendentes',
      value: (y) => `${y.appeals[1].granted} / ${y.appeals[1].denied} / ${y.appeals[1].pending}`,
    },
    { label: 'Recursos de 2ª instância', value: (y) => y.appeals[2].filed },
    {
      label: '— providos / não providos / pendentes',
      value: (y) => `${y.appeals[2].granted} / ${y.appeals[2].denied} / ${y.appeals[2].pending}`,
    },
    {
      label: 'Reclamações por omissão',
      value: (y) => y.omissionComplaints.filed,
    },
    {
      label: '— acolhidas / não acolhidas / pendentes',
      value: (y) => `${y.omissionComplaints.granted} / ${y.omissionComplaints.denied} / ${y.omissionComplaints.pending}`,
    },
  ];
  return (
    <section aria-labelledby="lai" className="mt-10">
      <h2 id="lai" className="text-xl font-semibold">
        Pedidos de acesso à informação (Lei nº 12.527/2011)
      </h2>
      <p className="mt-1 max-w-3xl text-slate-700">
        Relatório anual exigido pelo art. 30 da Lei de Acesso à Informação: pedidos pelo ano em que foram recebidos; recursos e reclamações pelo ano em que
        foram apresentados.{' '}
        <a href="/transparencia/dados-abertos/pedidos-de-informacao.csv" className="text-brand underline underline-offset-2">
          Baixar em CSV
        </a>{' '}
        ·{' '}
        <a href="/transparencia/dados-abertos/pedidos-de-informacao.json" className="text-brand underline underline-offset-2">
          JSON
        </a>
      </p>
      <div className="mt-3 overflow-x-auto">
        <table className="border-collapse text-sm">
          <caption className="sr-only">Pedidos de acesso à informação por ano</caption>
          <thead>
            <tr>
              <th scope="col" className={head}>
                Indicador
              </th>
              {years.map((y) => (
                <th key={y.year} scope="col" className={`${head} text-right`}>
                  {y.year}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={`${row.label}-${index}`}>
                <th scope="row" className="border border-slate-300 px-2 py-1 text-left font-normal">
                  {row.label}
                </th>
                {years.map((y) => (
                  <td key={y.year} className={cell}>
                    {row.value(y)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
