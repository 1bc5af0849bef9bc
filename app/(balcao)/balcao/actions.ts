'use server';

import type { IntakeReceipt } from '@/components/demand/receipt';
import type { FormState } from '@/lib/actions/form-state';
import { headers } from 'next/headers';
import { clientAddress } from '@/lib/http/client-address';
import { fileFromWebForm } from '@/lib/channels/web-form';
import { findBalcaoServiceById } from '@/lib/db/queries/catalogue';

/**
 * Public by design: anyone may ask for a service, signed in or not, so there is no guard to call; a
 * signed-in citizen's request joins their account. The intake validates the request, including the
 * service's own questions and the attachments.
 */
export async function fileBalcaoRequest(_previous: FormState<IntakeReceipt>, formData: FormData): Promise<FormState<IntakeReceipt>> {
  const result = await fileFromWebForm('balcao', formData, { clientAddress: clientAddress(await headers()) });
  if (!result.ok) return result.state;
  const { demand } = result;

  // Read from the filed demand (not the post): a replayed post shows the receipt of what was filed.
  const service = demand.categoryId ? await findBalcaoServiceById({ id: demand.categoryId }) : undefined;
  if (!service) throw new Error('A filed Balcão request has no service');
  return {
    status: 'success',
    result: {
      protocol: demand.protocol,
      service: 'balcao',
      what: service.name,
      dueOn: demand.dueOn,
      deadlineDays: service.deadlineDays,
      departmentName: service.departmentName,
      accessCode: demand.accessCode,
      anonymous: demand.anonymous,
      trackWith: demand.accessCode ? 'access_code' : demand.hasEmail ? 'email' : 'phone',
      emailConfirmation: !demand.anonymous && demand.hasEmail,
    },
  };
}
