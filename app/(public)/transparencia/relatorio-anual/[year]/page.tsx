import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AnnualReportView } from '@/components/stats/annual-report-view';
import { dateInSaoPaulo } from '@/lib/domain/deadlines';
import { loadAnnualReport } from '@/lib/stats/annual-report';
import { ReportYearSchema } from '@/lib/stats/annual-report-schema';
import { annualReportViewModel } from '@/lib/stats/annual-report-view-model';

export const metadata: Metadata = { title: 'Relatório anual de gestão' };

/** Art. 15, parágrafo único, II: the report is published in full on the internet. */
export default async function PublicAnnualReportPage({ params }: { params: Promise<{ year: string }> }) {
  const year = ReportYearSchema.safeParse((await params).year);
  if (!year.success || year.data > Number(dateInSaoPaulo(new Date()).slice(0, 4))) notFound();
  const report = await loadAnnualReport(year.data);
  return (
    <>
      <p className="mb-6 print:hidden">
        <a href={`/transparencia/relatorio-anual/${year.data}/pdf`} className="text-brand underline underline-offset-2">
          Baixar o relatório em PDF
        </a>
      </p>
      <AnnualReportView report={annualReportViewModel(report)} />
    </>
  );
}
