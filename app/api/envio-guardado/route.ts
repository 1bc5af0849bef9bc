import { z } from 'zod';
import { postedFromThisSite } from '@/lib/http/same-origin';
import { clientAddress } from '@/lib/http/client-address';
import { fileFromWebForm } from '@/lib/channels/web-form';
import { intakeReceiptOf } from '@/lib/channels/web-receipt';
import { issueSubmissionKey } from '@/lib/demands/submission-key';

/*
 * The way in for a form the citizen filled without a connection and the phone kept
 * (lib/offline/saved-filings.ts). It files through the same web intake as the forms' server actions —
 * same validation, rate limit and idempotency key — but answers JSON, because the sender is the page's
 * script or the service worker, possibly days and a deploy later (a server action's id would be gone).
 * Public like the forms (Lei 13.460 art. 11); a signed-in citizen's session decides whose account the
 * demand joins, so only this site's own pages may post (Origin checked, as Next checks its actions').
 * Balcão requests sent this way skip "Já pediram isto aqui perto": nobody is there to answer it.
 */

export const dynamic = 'force-dynamic';

const NO_STORE = { 'cache-control': 'no-store' };
const Service = z.enum(['ouvidoria', 'balcao']);

/** A fresh signed key, for a form the phone kept from a page whose key was already used. */
export function GET(): Response {
  return Response.json({ key: issueSubmissionKey() }, { headers: NO_STORE });
}

export async function POST(request: Request): Promise<Response> {
  const requestHeaders = request.headers;
  if (!postedFromThisSite(requestHeaders)) {
    return Response.json({ message: 'Envie pelo formulário do site.' }, { status: 403, headers: NO_STORE });
  }
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return Response.json({ message: 'O envio chegou incompleto. Tente de novo.' }, { status: 400, headers: NO_STORE });
  }
  const service = Service.safeParse(formData.get('service'));
  if (!service.success) return Response.json({ message: 'Diga se o envio é para a Ouvidoria ou para o Balcão.' }, { status: 400, headers: NO_STORE });
  formData.delete('service');
  const result = await fileFromWebForm(service.data, formData, { clientAddress: clientAddress(requestHeaders) });
  if (result.ok) return Response.json({ status: 'filed', receipt: await intakeReceiptOf(result.demand) }, { headers: NO_STORE });
  const { state } = result;
  if (state.status !== 'error') throw new Error('A refused web filing has an error state');
  // Throttled or a failed transaction: nothing was filed, and the phone keeps the form to try again.
  const retry = result.retryable === true;
  return Response.json(
    { status: 'invalid', message: state.message, fieldErrors: state.fieldErrors, values: state.values },
    { status: retry ? 503 : 422, headers: NO_STORE },
  );
}
