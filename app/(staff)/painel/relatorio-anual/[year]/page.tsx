import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AnnualReportForm } from '@/components/stats/annual-report-form';
import { AnnualReportView } from '@/components/stats/annual-report-view';
import { requireRole } from '@/lib/auth/guards';
import { redirectUnlessForbidden } from '@/lib/auth/page-guard';
import { dateInSaoPaulo } from '@/lib/domain/deadlines';
import { REPORT_EDITOR_ROLES } from '@/lib/stats/access';
import { loadAnnualReport } from '@/lib/stats/annual-report';
import { ReportYearSchema } from '@/lib/stats/annual-report-schema';
import { annualReportViewModel } from '@/lib/stats/annual-report-view-model';
import { formatDate } from '@/lib/domain/labels';
import { saveAnnualReportAction } from './actions';

export const metadata: Metadata = { title: 'Relatório anual de gestão' };

const REPORT_VIEWER_ROLES = ['manager', ...REPORT_EDITOR_ROLES] as const;

export default async function AnnualReportPage({ params }: { params: Promise<{ year: string }> }) {
  const { year: yearParam } = await params;
  let actor;
  try {
    actor = await requireRole(...REPORT_VIEWER_ROLES);
  } catch (error) {
    await redirectUnlessForbidden(error, `/painel/relatorio-anual/${encodeURIComponent(yearParam)}`);
    return (
      <>
        <h1 className="text-2xl font-bold">Relatório anual de gestão</h1>
        <p className="mt-4">Seu perfil não tem acesso ao relatório anual. Fale com a Ouvidoria.</p>
      </>
    );
  }
  const year = ReportYearSchema.safeParse(yearParam);
  if (!year.success || year.data > Number(dateInSaoPaulo(new Date()).slice(0, 4))) notFound();
  const report = await loadAnnualReport(year.data);
  const canEdit = (REPORT_EDITOR_ROLES as readonly string[]).includes(actor.role);
  return (
    <>
      <nav aria-label="Ações do relatório" className="mb-6 flex flex-wrap gap-x-6 gap-y-1 print:hidden">
        <a href={`/painel/relatorio-anual/${year.data}/pdf`} className="text-brand underline underline-offset-2">
          Baixar PDF
        </a>
        <Link href={`/painel/relatorio-anual/${year.data - 1}`} className="text-brand underline underline-offset-2">
          Relatório de {year.data - 1}
        </Link>
        <Link href={`/transparencia/relatorio-anual/${year.data}`} className="text-brand underline underline-offset-2">
          Versão publicada no portal
        </Link>
        <span className="text-slate-700">Para imprimir, use a impressão do navegador: o menu e os formulários ficam de fora.</span>
      </nav>
      <AnnualReportView report={annualReportViewModel(report)} />
      {report.updatedAt && <p className="mt-6 text-sm text-slate-700">Texto atualizado em {formatDate(report.updatedAt)}.</p>}
      {canEdit && <AnnualReportForm year={year.data} sections={report.sections} action={saveAnnualReportAction} />}
    </>
  );
}
