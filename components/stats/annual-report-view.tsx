import type { StatsTable } from '@/lib/stats/table-types';
import { StatsTableView } from './stats-table-view';

export type AnnualReportViewModel = {
  year: number;
  periodLabel: string;
  partial: boolean;
  prefeitura: string;
  sections: { presentation: string; reasonsAnalysis: string; recurringAnalysis: string; measuresTaken: string };
  tables: Partial<Record<string, StatsTable>>;
};

function Paragraphs({ text, empty }: { text: string; empty: string }) {
  const paragraphs = text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  if (!paragraphs.length) return <p className="mt-2 italic text-slate-700">{empty}</p>;
  return (
    <>
      {paragraphs.map((paragraph, index) => (
        <p key={index} className="mt-2 whitespace-pre-line">
          {paragraph}
        </p>
      ))}
    </>
  );
}

function Table({ table }: { table: StatsTable | undefined }) {
  return table ? <StatsTableView table={table} headingLevel={3} /> : null;
}

/**
 * The annual management report (Lei 13.460/2017, arts. 14 and 15): received manifestações, their reasons,
 * the recurring issues, the measures taken and the indicators, in the order art. 15 lists them.
 */
export function AnnualReportView({ report }: { report: AnnualReportViewModel }) {
  const pending = 'Seção ainda não redigida pela Ouvidoria.';
  return (
    <article className="annual-report">
      <header>
        <p className="text-sm text-slate-700">{report.prefeitura} — Ouvidoria Municipal e Balcão da Cidadania</p>
        <h1 className="text-2xl font-bold">Relatório anual de gestão {report.year}</h1>
        <p className="mt-1 text-slate-700">
          {report.periodLabel}
          {report.partial ? ' (ano em curso: números parciais).' : '.'} Lei nº 13.460/2017, arts. 14, II, e 15.
        </p>
      </header>
      <section aria-labelledby="rel-apresentacao" className="mt-8">
        <h2 id="rel-apresentacao" className="text-xl font-semibold">
          1. Apresentação
        </h2>
        <Paragraphs text={report.sections.presentation} empty={pending} />
      </section>
      <section aria-labelledby="rel-recebidas" className="mt-8">
        <h2 id="rel-recebidas" className="text-xl font-semibold">
          2. Manifestações recebidas
        </h2>
        <Table table={report.tables.indicadores} />
        <Table table={report.tables.meses} />
        <Table table={report.tables.canais} />
      </section>
      <section aria-labelledby="rel-motivos" className="mt-8">
        <h2 id="rel-motivos" className="text-xl font-semibold">
          3. Motivos das manifestações
        </h2>
        <Paragraphs text={report.sections.reasonsAnalysis} empty={pending} />
        <Table table={report.tables.tipos} />
        <Table table={report.tables.assuntos} />
      </section>
      <section aria-labelledby="rel-recorrentes" className="mt-8">
        <h2 id="rel-recorrentes" className="text-xl font-semibold">
          4. Análise dos pontos recorrentes
        </h2>
        <Paragraphs text={report.sections.recurringAnalysis} empty={pending} />
        <Table table={report.tables.recorrentes} />
      </section>
      <section aria-labelledby="rel-providencias" className="mt-8">
        <h2 id="rel-providencias" className="text-xl font-semibold">
          5. Providências adotadas
        </h2>
        <Paragraphs text={report.sections.measuresTaken} empty={pending} />
      </section>
      <section aria-labelledby="rel-secretarias" className="mt-8">
        <h2 id="rel-secretarias" className="text-xl font-semibold">
          6. Desempenho por secretaria
        </h2>
        <Table table={report.tables.secretarias} />
        <Table table={report.tables['ranking-reclamacoes']} />
      </section>
    </article>
  );
}
