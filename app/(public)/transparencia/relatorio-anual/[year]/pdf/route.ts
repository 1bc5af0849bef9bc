import { annualReportPdfResponse } from '@/lib/stats/annual-report-response';

/** Art. 15, parágrafo único, II: the report is published in full on the internet. */
export async function GET(_request: Request, { params }: { params: Promise<{ year: string }> }) {
  return annualReportPdfResponse((await params).year);
}
