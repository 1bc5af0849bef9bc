'use server';

import { revalidatePath } from 'next/cache';
import { errorState, typedValues, type FormState } from '@/lib/actions/form-state';
import { fieldErrorsOf } from '@/lib/domain/intake-schema';
import { AuthorizationError, requireRole } from '@/lib/auth/guards';
import { REPORT_EDITOR_ROLES } from '@/lib/stats/access';
import { saveAnnualReport } from '@/lib/stats/annual-report';
import { AnnualReportSectionsSchema, ReportYearSchema } from '@/lib/stats/annual-report-schema';

/** Saves the written sections of an annual report: the ombudsman and admins only. */
export async function saveAnnualReportAction(_state: FormState, formData: FormData): Promise<FormState> {
  let actor;
  try {
    actor = await requireRole(...REPORT_EDITOR_ROLES);
  } catch (error) {
    if (error instanceof AuthorizationError) return { status: 'error', message: error.message, fieldErrors: {}, values: typedValues(formData) };
    throw error;
  }
  const year = ReportYearSchema.safeParse(formData.get('year'));
  if (!year.success) return errorState(formData, {}, 'Ano inválido.');
  const parsed = AnnualReportSectionsSchema.safeParse(typedValues(formData));
  if (!parsed.success) return errorState(formData, fieldErrorsOf(parsed.error));
  await saveAnnualReport({ year: year.data, sections: parsed.data, userId: actor.userId });
  revalidatePath(`/painel/relatorio-anual/${year.data}`);
  revalidatePath(`/transparencia/relatorio-anual/${year.data}`);
  return { status: 'success', result: undefined, message: 'Relatório salvo.' };
}
