import { requireActor } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { dataExportResponse } from '@/lib/privacy/export-response';

/** LGPD art. 18 II and V: everything held about the signed-in citizen, as JSON. */
export async function GET() {
  const actor = await guarded(requireActor, '/minha-conta');
  return dataExportResponse(actor, 'json');
}
