import Link from "next/link";
import type { DepartmentCompliance } from "@/lib/stats/dashboard";
import { formatDays, formatInteger, formatPercent } from "@/lib/stats/format";
import { Sparkline } from "./sparkline";

/** A share as a short SVG bar beside its number (the number is the text; the bar only helps the eye). */
function ShareBar({ rate }: { rate: number | null }) {
  return (
    <span className="flex items-center justify-end gap-2">
      <svg
        aria-hidden="true"
        focusable="false"
        viewBox="0 0 100 10"
        width={64}
        height={10}
        preserveAspectRatio="none"
        className="hidden sm:block"
      >
        <rect x={0} y={0} width={100} height={10} fill="#e2e8f0" />
        {rate !== null && (
          <rect
            x={0}
            y={0}
            width={rate * 100}
            height={10}
            className="fill-brand"
          />
        )}
      </svg>
      <span className="tabular-nums">{formatPercent(rate)}</span>
    </span>
  );
}

function WorstOverdue({ row }: { row: DepartmentCompliance }) {
  if (!row.worstOverdue) return <>Nenhuma em atraso</>;
  return (
    <>
      {row.worstOverdue.href ? (
        <Link
          href={row.worstOverdue.href}
          className="text-brand underline underline-offset-2"
        >
          {row.worstOverdue.protocol}
        </Link>
      ) : (
        row.worstOverdue.protocol
      )}
      , {formatDays(row.worstOverdue.daysLate)} de atraso
    </>
  );
}

/** Below the small breakpoint, one card per secretaria instead of a table too wide for a phone. */
function ComplianceCards({ rows }: { rows: DepartmentCompliance[] }) {
  return (
    <ul className="mt-3 space-y-3 sm:hidden">
      {rows.map((row) => (
        <li
          key={row.departmentId ?? "none"}
          className="rounded border border-slate-300 p-3 text-sm"
        >
          <p className="font-semibold">{row.name}</p>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="text-slate-700">Recebidas (problemas)</dt>
            <dd className="tabular-nums">
              {formatInteger(row.received)} ({formatInteger(row.problems)})
            </dd>
            <dt className="text-slate-700">No prazo</dt>
            <dd className="tabular-nums">{formatPercent(row.onTimeRate)}</dd>
            <dt className="text-slate-700">Em atraso agora</dt>
            <dd className="tabular-nums">{formatInteger(row.overdueNow)}</dd>
            <dt className="text-slate-700">Maior atraso</dt>
            <dd>
              <WorstOverdue row={row} />
            </dd>
            <dt className="text-slate-700">Tendência</dt>
            <dd>
              <Sparkline points={row.trend} />
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}

/**
 * Per secretaria: the share answered within the legal deadline (Lei 13.460 art. 23's ranking), the demand
 * most overdue today, and the last six months of the share as a sparkline with its words.
 */
export function DepartmentComplianceView({
  rows,
  trendLabel,
}: {
  rows: DepartmentCompliance[];
  trendLabel: string;
}) {
  return (
    <section aria-labelledby="prazo-secretarias" className="mt-10">
      <h2 id="prazo-secretarias" className="text-xl font-semibold">
        Prazo legal por secretaria
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Respondidas no prazo entre as manifestações recebidas no período; o
        maior atraso é o de hoje. Tendência: {trendLabel}.
      </p>
      {rows.length === 0 ? (
        <p className="mt-3 text-slate-700">
          Nenhuma manifestação no período e filtros escolhidos.
        </p>
      ) : (
        <>
          <ComplianceCards rows={rows} />
          <div
            className="mt-3 hidden overflow-x-auto sm:block"
            tabIndex={0}
            role="region"
            aria-label="Tabela: prazo legal por secretaria"
          >
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">Prazo legal por secretaria</caption>
              <thead>
                <tr className="border-b-2 border-slate-400">
                  <th scope="col" className="px-2 py-1 text-left font-semibold">
                    Secretaria
                  </th>
                  <th
                    scope="col"
                    className="px-2 py-1 text-right font-semibold"
                  >
                    Recebidas (problemas)
                  </th>
                  <th
                    scope="col"
                    className="px-2 py-1 text-right font-semibold"
                  >
                    No prazo
                  </th>
                  <th
                    scope="col"
                    className="px-2 py-1 text-right font-semibold"
                  >
                    Em atraso agora
                  </th>
                  <th scope="col" className="px-2 py-1 text-left font-semibold">
                    Maior atraso
                  </th>
                  <th scope="col" className="px-2 py-1 text-left font-semibold">
                    Tendência (no prazo)
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr
                    key={row.departmentId ?? "none"}
                    className="border-b border-slate-200 align-middle"
                  >
                    <th scope="row" className="px-2 py-1 text-left font-normal">
                      {row.name}
                    </th>
                    <td className="px-2 py-1 text-right tabular-nums">
                      {formatInteger(row.received)} (
                      {formatInteger(row.problems)})
                    </td>
                    <td className="px-2 py-1 text-right">
                      <ShareBar rate={row.onTimeRate} />
                    </td>
                    <td className="px-2 py-1 text-right tabular-nums">
                      {formatInteger(row.overdueNow)}
                    </td>
                    <td className="px-2 py-1 whitespace-nowrap">
                      <WorstOverdue row={row} />
                    </td>
                    <td className="px-2 py-1">
                      <Sparkline points={row.trend} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
