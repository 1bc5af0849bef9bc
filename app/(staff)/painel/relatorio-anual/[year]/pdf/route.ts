import { AuthorizationError, requireRole } from '@/lib/auth/guards';
import { REPORT_EDITOR_ROLES } from '@/lib/stats/access';
import { annualReportPdfResponse } from '@/lib/stats/annual-report-response';

export async function GET(_request: Request, { params }: { params: Promise<{ year: string }> }) {
  try {
    await requireRole('manager', ...REPORT_EDITOR_ROLES);
  } catch (error) {
    if (error instanceof AuthorizationError) return new Response(error.message, { status: error.status });
    throw error;
  }
  return annualReportPdfResponse((await params).year);
}
