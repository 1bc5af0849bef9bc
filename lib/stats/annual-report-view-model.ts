import { municipality } from '@/lib/municipality';
import type { AnnualReport } from './annual-report';
import { formatIsoDate } from './format';

/** What the report page component shows, from the loaded report. */
export function annualReportViewModel(report: AnnualReport) {
  return {
    year: report.year,
    periodLabel: `Manifestações recebidas de ${formatIsoDate(report.from)} a ${formatIsoDate(report.to)}`,
    partial: report.partial,
    prefeitura: municipality.prefeitura,
    sections: report.sections,
    tables: report.tables,
  };
}
