import 'server-only';
import type { Actor } from '@/lib/auth/guards';
import { appUrl } from '@/lib/delivery/config';
import { dateInSaoPaulo } from '@/lib/domain/deadlines';
import { exportCitizenData } from './export';
import { dataExportPdf } from './export-pdf';

/** The download of "Baixar meus dados", as JSON or PDF; never cached (it is personal). */
export async function dataExportResponse(actor: Pick<Actor, 'userId'>, format: 'json' | 'pdf', now = new Date()): Promise<Response> {
  const data = await exportCitizenData(actor, appUrl(), now);
  if (!data) return new Response('Sua sessão terminou. Entre de novo.', { status: 401 });
  const name = `meus-dados-${dateInSaoPaulo(now)}.${format}`;
  const headers = { 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'private, no-store' };
  if (format === 'json') {
    return new Response(JSON.stringify(data, null, 2), { headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } });
  }
  const pdf = await dataExportPdf(data);
  return new Response(new Uint8Array(pdf), { headers: { ...headers, 'Content-Type': 'application/pdf' } });
}
