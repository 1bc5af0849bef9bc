import type { NextRequest } from 'next/server';
import { csvDocument } from '@/lib/stats/csv';
import { ALL_DEPARTMENTS } from '@/lib/stats/filters';
import { publicFilter } from '@/lib/stats/public-period';
import { buildTables, isTableId, PUBLIC_TABLE_IDS, tableToCsvRows } from '@/lib/stats/tables';

/** A transparency table as CSV, public like the page. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ table: string }> }) {
  const { table: id } = await params;
  if (!isTableId(id) || !PUBLIC_TABLE_IDS.includes(id)) return new Response('Tabela desconhecida.', { status: 404 });
  const { year, filter } = publicFilter(Object.fromEntries(request.nextUrl.searchParams));
  const tables = await buildTables([id], { query: { filter, scope: ALL_DEPARTMENTS }, granularity: 'month', linked: false, now: new Date() });
  const table = tables[id];
  if (!table) return new Response('Tabela desconhecida.', { status: 404 });
  const { header, rows } = tableToCsvRows(table);
  return new Response(csvDocument(header, rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="transparencia-${id}-${year}.csv"`,
      'Cache-Control': 'public, max-age=300',
    },
  });
}
