import type { NextRequest } from 'next/server';
import { AuthorizationError } from '@/lib/auth/guards';
import { requireStatsViewer } from '@/lib/stats/access';
import { csvDocument } from '@/lib/stats/csv';
import { parseStatsFilter } from '@/lib/stats/filters';
import { buildTables, isTableId, tableToCsvRows } from '@/lib/stats/tables';

/** One dashboard table as CSV, for the same filter as the page, counted within the viewer's scope. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ table: string }> }) {
  let viewer;
  try {
    viewer = await requireStatsViewer();
  } catch (error) {
    if (error instanceof AuthorizationError) return new Response(error.message, { status: error.status });
    throw error;
  }
  const { table: id } = await params;
  if (!isTableId(id)) return new Response('Tabela desconhecida.', { status: 404 });
  const { filter, granularity } = parseStatsFilter(Object.fromEntries(request.nextUrl.searchParams));
  const { scope } = viewer;
  if (scope.departmentIds !== 'all' && filter.departmentId && !scope.departmentIds.includes(filter.departmentId)) filter.departmentId = undefined;
  const tables = await buildTables([id], { query: { filter, scope }, granularity, linked: false, now: new Date() });
  const table = tables[id];
  if (!table) return new Response('Tabela desconhecida.', { status: 404 });
  const { header, rows } = tableToCsvRows(table);
  return new Response(csvDocument(header, rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="estatisticas-${id}-${filter.from}-a-${filter.to}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
