'use server';

import type { IntakeReceipt } from '@/components/demand/receipt';
import { errorState, formDataToObject, type FormState } from '@/lib/actions/form-state';
import { findBalcaoServiceById } from '@/lib/db/queries/catalogue';
import { fileDemand } from '@/lib/demands/intake';

/**
 * Public by design: anyone may ask for a service, signed in or not, so there is no guard to call.
 * `fileDemand` validates the request, including the service's own questions.
 */
export async function fileBalcaoRequest(_previous: FormState<IntakeReceipt>, formData: FormData): Promise<FormState<IntakeReceipt>> {
  const input: Record<string, unknown> = { ...formDataToObject(formData), service: 'balcao' };
  const result = await fileDemand(input, { channel: 'web' });
  if (!result.ok) return errorState(formData, result.fieldErrors);

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
      trackWith: result.demand.accessCode ? 'access_code' : email ? 'email' : 'phone',
      emailConfirmation: !result.demand.accessCode && Boolean(email),
    },
  };
}
