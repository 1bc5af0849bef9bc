'use server';

import type { IntakeReceipt } from '@/components/demand/receipt';
import type { FormState } from '@/lib/actions/form-state';
import { headers } from 'next/headers';
import { clientAddress } from '@/lib/http/client-address';
import { fileFromWebForm } from '@/lib/channels/web-form';
import { intakeReceiptOf, redirectToReceiptWithoutJavaScript } from '@/lib/channels/web-receipt';

/**
 * Public by design: anyone may file a manifestação, signed in or not (Lei 13.460 art. 11: it is never
 * refused), so there is no guard to call; a signed-in citizen's demand joins their account. The intake
 * validates everything the form sends, attachments included. Posted without JavaScript, a filed
 * manifestação is answered with a redirect to its receipt page instead of the form page drawn again.
 */
export async function fileOuvidoriaDemand(_previous: FormState<IntakeReceipt>, formData: FormData): Promise<FormState<IntakeReceipt>> {
  const result = await fileFromWebForm('ouvidoria', formData, { clientAddress: clientAddress(await headers()) });
  if (!result.ok) return result.state;
  await redirectToReceiptWithoutJavaScript(formData);
  return { status: 'success', result: await intakeReceiptOf(result.demand) };
}
