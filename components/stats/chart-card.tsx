import type { StatsTable } from '@/lib/stats/table-types';
import { BarChart, type ChartPoint } from './bar-chart';
import { ColumnChart } from './column-chart';

function pointsOf(table: StatsTable, limit?: number): ChartPoint[] {
  const chart = table.chart ?? { kind: 'bars', labelColumn: 0, valueColumn: 1 };
  const rows = limit ? table.rows.slice(0, limit) : table.rows;
  return rows.map((row) => ({
    label: row[chart.labelColumn]?.display ?? '',
    value: Number(row[chart.valueColumn]?.value ?? 0),
    display: row[chart.valueColumn]?.display ?? '',
  }));
}

/** One sentence that says what the chart shows, for everyone (and as the column chart's text alternative). */
export function chartSummary(table: StatsTable, points: ChartPoint[]): string {
  if (!points.length) return 'Nenhuma manifestação no período e filtros escolhidos.';
  const top = points.reduce((best, point) => (point.value > best.value ? point : best));
  if (table.chart?.kind === 'columns') {
    const total = points.reduce((sum, p) => sum + p.value, 0);
    return `${points.length} ${table.title.includes('semana') ? 'semanas' : 'meses'}, ${total.toLocaleString('pt-BR')} manifestações; o maior foi ${top.label}, com ${top.display}. Último: ${points.at(-1)?.label}, com ${points.at(-1)?.display}.`;
  }
  const share = table.rows.find((row) => row[table.chart?.labelColumn ?? 0]?.display === top.label)?.[2]?.display;
  return `O maior é ${top.label}, com ${top.display}${share ? ` (${share} do total)` : ''}.`;
}

/**
 * A chart of one statistics table with a visible summary, a link to the full table and its CSV: the
 * detailed numbers are one click away, never only in the picture.
 */
export function ChartCard({ table, tableHref, csvHref, limit }: { table: StatsTable; tableHref: string; csvHref: string; limit?: number }) {
  const points = pointsOf(table, limit);
  const summary = chartSummary(table, points);
  const headingId = `grafico-${table.id}`;
  const shown = limit && table.rows.length > limit ? `Os ${limit} maiores de ${table.rows.length}. ` : '';
  return (
    <figure aria-labelledby={headingId} className="flex min-w-0 flex-col rounded border border-slate-300 bg-white p-4">
      <figcaption>
        <h3 id={headingId} className="text-lg font-semibold">
          {table.title}
        </h3>
        <p className="mt-1 text-sm text-slate-700">
          {shown}
          {summary}
        </p>
      </figcaption>
      {points.length > 0 && (table.chart?.kind === 'columns' ? <ColumnChart points={points} summary={`${table.title}: ${points.map((p) => `${p.label} ${p.display}`).join('; ')}`} /> : <BarChart points={points} label={table.title} />)}
      <p className="mt-auto flex flex-wrap gap-x-4 pt-3 text-sm print:hidden">
        <a href={tableHref} className="text-brand underline underline-offset-2">
          Tabela completa<span className="sr-only"> de {table.title}</span>
        </a>
        <a href={csvHref} className="text-brand underline underline-offset-2" download>
          Baixar CSV<span className="sr-only"> de {table.title}</span>
        </a>
      </p>
    </figure>
  );
}
