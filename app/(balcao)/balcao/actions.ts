'use server';

import type { IntakeReceipt } from '@/components/demand/receipt';
import type { FormState } from '@/lib/actions/form-state';
import { headers } from 'next/headers';
import { clientAddress } from '@/lib/http/client-address';
import { fileFromWebForm } from '@/lib/channels/web-form';
import { intakeReceiptOf, redirectToReceiptWithoutJavaScript } from '@/lib/channels/web-receipt';

/**
 * Public by design: anyone may ask for a service, signed in or not, so there is no guard to call; a
 * signed-in citizen's request joins their account. The intake validates the request, including the
 * service's own questions and the attachments. Posted without JavaScript, a filed request is answered
 * with a redirect to its receipt page instead of the form page drawn again.
 */
export async function fileBalcaoRequest(_previous: FormState<IntakeReceipt>, formData: FormData): Promise<FormState<IntakeReceipt>> {
  const result = await fileFromWebForm('balcao', formData, { clientAddress: clientAddress(await headers()) });
  if (!result.ok) return result.state;
  await redirectToReceiptWithoutJavaScript(formData);
  return { status: 'success', result: await intakeReceiptOf(result.demand) };
}
