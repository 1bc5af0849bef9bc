'use server';

import type { IntakeReceipt } from '@/components/demand/receipt';
import type { FormState } from '@/lib/actions/form-state';
import { headers } from 'next/headers';
import { clientAddressOf } from '@/lib/auth/client-address';
import { fileFromWebForm } from '@/lib/channels/web-form';
import { findBalcaoServiceById } from '@/lib/db/queries/catalogue';

/**
 * Public by design: anyone may ask for a service, signed in or not, so there is no guard to call; a
 * signed-in citizen's request joins their account. The intake validates the request, including the
 * service's own questions and the attachments.
 */
export async function fileBalcaoRequest(_previous: FormState<IntakeReceipt>, formData: FormData): Promise<FormState<IntakeReceipt>> {
  const result = await fileFromWebForm('balcao', formData, { clientAddress: clientAddressOf(await headers()) });
  if (!result.ok) return result.state;
  const { input } = result;

  const service = typeof input.categoryId === 'string' ? await findBalcaoServiceById({ id: input.categoryId }) : undefined;
  if (!service) throw new Error('A filed Balcão request has no service');
  const email = formData.get('email');
  return {
    status: 'success',
    result: {
      protocol: result.demand.protocol,
      service: 'balcao',
      what: service.name,
      dueOn: result.demand.dueOn,
      deadlineDays: service.deadlineDays,
      departmentName: service.departmentName,
      accessCode: result.demand.accessCode,
      anonymous: input.identity === 'anonymous',
      trackWith: result.demand.accessCode ? 'access_code' : email ? 'email' : 'phone',
      emailConfirmation: input.identity !== 'anonymous' && Boolean(email),
    },
  };
}
