'use server';

import { headers } from 'next/headers';
import { errorState, type FormState } from '@/lib/actions/form-state';
import { trackDemand, type PublicDemandView } from '@/lib/demands/track';
import { clientAddress } from '@/lib/http/client-address';

/**
 * Public by design: the protocol plus its access code, e-mail or phone is the credential, checked (and
 * throttled) by `trackDemand`; there is no session to require.
 */
export async function trackDemandAction(_previous: FormState<PublicDemandView>, formData: FormData): Promise<FormState<PublicDemandView>> {
  const result = await trackDemand(
    { protocol: formData.get('protocol') ?? '', secret: formData.get('secret') ?? '' },
    { clientAddress: clientAddress(await headers()) },
  );
  if (result.ok) return { status: 'success', result: result.demand };
  if (result.reason === 'invalid') return errorState(formData, result.fieldErrors);
  return errorState(formData, {}, result.message);
}
