import { SUBMISSION_KEY_FIELD } from '@/lib/actions/form-state';
import { receiptFileName, receiptPdf } from '@/lib/channels/receipt-pdf';
import { intakeReceiptOf } from '@/lib/channels/web-receipt';
import { findFiledSubmission } from '@/lib/demands/filed-submission';

/**
 * The receipt as a PDF. Posted, never fetched by address: the form's signed submission key (in the
 * receipt page's own HTML) finds the demand it filed and opens its sealed access code, as the receipt
 * itself does, for as long as the key lives — no session, no secret in a URL or an access log.
 */
export async function POST(request: Request): Promise<Response> {
  const form = await request.formData().catch(() => undefined);
  const key = form?.get(SUBMISSION_KEY_FIELD);
  const demand = typeof key === 'string' ? await findFiledSubmission(key) : undefined;
  if (!demand) {
    return new Response(
      'Recibo indisponível: o recibo em PDF só pode ser baixado logo depois do registro, no mesmo navegador. Acompanhe o andamento em /acompanhar com o número do protocolo.',
      { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } },
    );
  }
  const pdf = await receiptPdf(await intakeReceiptOf(demand));
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${receiptFileName(demand.protocol)}"`,
      'cache-control': 'no-store',
    },
  });
}
