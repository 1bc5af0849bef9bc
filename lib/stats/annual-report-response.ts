import 'server-only';
import { dateInSaoPaulo } from '@/lib/domain/deadlines';
import { loadAnnualReport } from './annual-report';
import { annualReportPdf } from './annual-report-pdf';
import { ReportYearSchema } from './annual-report-schema';

export async function annualReportPdfResponse(yearParam: string): Promise<Response> {
  const year = ReportYearSchema.safeParse(yearParam);
  if (!year.success || year.data > Number(dateInSaoPaulo(new Date()).slice(0, 4))) return new Response('Ano inválido.', { status: 404 });
  const pdf = await annualReportPdf(await loadAnnualReport(year.data));
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="relatorio-anual-${year.data}.pdf"`,
      'Cache-Control': 'no-store',
    },
  });
}
