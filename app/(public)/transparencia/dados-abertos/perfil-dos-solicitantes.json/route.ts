import type { NextRequest } from 'next/server';
import { publicFilter } from '@/lib/stats/public-period';
import { requesterProfileTables } from '@/lib/stats/requester-profile';

/** The optional requester profile in aggregate, with small counts suppressed; never one row per demand. */
export async function GET(request: NextRequest) {
  const { filter } = publicFilter(Object.fromEntries(request.nextUrl.searchParams));
  const tables = await requesterProfileTables(filter);
  const body = {
    period: { from: filter.from, to: filter.to, service: filter.service ?? null },
    note: 'Contagens de 1 a 4 são publicadas como "<5"; "suprimido" esconde outra contagem que permitiria calculá-las pela diferença (LGPD art. 12).',
    questions: tables.map((table) => ({ question: table.question, label: table.label, answers: table.rows.map((row) => ({ answer: row.answer, count: row.published.value })) })),
  };
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
}
