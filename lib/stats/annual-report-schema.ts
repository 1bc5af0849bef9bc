import { z } from 'zod';
import { multilineText } from '@/lib/domain/plain-text';

/** The staff-written sections of the annual report (Lei 13.460/2017, art. 15), as the form posts them. */
export const REPORT_SECTIONS = [
  { name: 'presentation', label: 'Apresentação', hint: 'Quem é a Ouvidoria, o período e como o relatório foi feito.' },
  { name: 'reasonsAnalysis', label: 'Análise dos motivos das manifestações', hint: 'Art. 15, II: o que os números de tipos e assuntos mostram.' },
  { name: 'recurringAnalysis', label: 'Análise dos pontos recorrentes', hint: 'Art. 15, III: problemas que se repetem e suas causas.' },
  { name: 'measuresTaken', label: 'Providências adotadas', hint: 'Art. 15, IV: o que a administração fez a partir das manifestações.' },
] as const;

export type ReportSectionName = (typeof REPORT_SECTIONS)[number]['name'];

const section = multilineText().max(20_000, { error: 'Use no máximo 20.000 caracteres.' });

export const AnnualReportSectionsSchema = z.object({
  presentation: section,
  reasonsAnalysis: section,
  recurringAnalysis: section,
  measuresTaken: section,
});

export type AnnualReportSections = z.infer<typeof AnnualReportSectionsSchema>;

export const ReportYearSchema = z.coerce.number().int().min(2000).max(2999);
