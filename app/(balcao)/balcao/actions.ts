'use server';

import type { IntakeReceipt } from '@/components/demand/receipt';
import { DUPLICATE_CHECK_FIELD, JOIN_DEMAND_FIELD, type SuggestionView } from '@/components/demand/duplicate-suggestions-model';
import { formDataToObject, typedValues, type FormState } from '@/lib/actions/form-state';
import { headers } from 'next/headers';
import { clientAddress } from '@/lib/http/client-address';
import { duplicateSuggestionsFor } from '@/lib/channels/duplicate-suggestions';
import { fileFromWebForm, formAlreadyFiled } from '@/lib/channels/web-form';
import { intakeReceiptOf, redirectToReceiptWithoutJavaScript } from '@/lib/channels/web-receipt';

/** The form's states, plus "Já pediram isto aqui perto": open requests shown before filing, with what was typed. */
export type BalcaoFormState = FormState<IntakeReceipt> | { status: 'suggestions'; suggestions: SuggestionView[]; values: Record<string, string> };

/**
 * Public by design: anyone may ask for a service, signed in or not, so there is no guard to call; a
 * signed-in citizen's request joins their account. The intake validates the request, including the
 * service's own questions and the attachments. Posted without JavaScript, a filed request is answered
 * with a redirect to its receipt page instead of the form page drawn again.
 *
 * Before the first filing, open requests of the same service nearby or with a similar description are
 * offered (unless the page already showed them as the citizen typed): the citizen joins one or files anyway.
 */
export async function fileBalcaoRequest(_previous: BalcaoFormState, formData: FormData): Promise<BalcaoFormState> {
  const join = formData.get(JOIN_DEMAND_FIELD);
  const joinDemandId = typeof join === 'string' && join ? join : undefined;
  if (!joinDemandId && formData.get(DUPLICATE_CHECK_FIELD) !== 'seen' && !(await formAlreadyFiled(formData))) {
    const suggestions = await duplicateSuggestionsFor(formDataToObject(formData));
    if (suggestions.length) return { status: 'suggestions', suggestions, values: { ...typedValues(formData), [DUPLICATE_CHECK_FIELD]: 'seen' } };
  }
  const result = await fileFromWebForm('balcao', formData, { clientAddress: clientAddress(await headers()), ...(joinDemandId ? { joinDemandId } : {}) });
  if (!result.ok) return result.state;
  await redirectToReceiptWithoutJavaScript(formData);
  return { status: 'success', result: await intakeReceiptOf(result.demand) };
}
