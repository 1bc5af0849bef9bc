'use server';

import { z } from 'zod';
import type { IntakeReceipt } from '@/components/demand/receipt';
import type { FormState } from '@/lib/actions/form-state';
import { headers } from 'next/headers';
import { clientAddressOf } from '@/lib/auth/client-address';
import { fileFromWebForm } from '@/lib/channels/web-form';
import { DEADLINE_DAYS } from '@/lib/domain/deadlines';
import { KIND_LABELS } from '@/lib/domain/labels';
import { OUVIDORIA_KINDS } from '@/lib/domain/vocabulary';

/**
 * Public by design: anyone may file a manifestação, signed in or not (Lei 13.460 art. 11: it is never
 * refused), so there is no guard to call; a signed-in citizen's demand joins their account. The intake
 * validates everything the form sends, attachments included.
 */
export async function fileOuvidoriaDemand(_previous: FormState<IntakeReceipt>, formData: FormData): Promise<FormState<IntakeReceipt>> {
  const result = await fileFromWebForm('ouvidoria', formData, { clientAddress: clientAddressOf(await headers()) });
  if (!result.ok) return result.state;
  const { input } = result;

  // Validated by the intake already; parsed again only to narrow its type.
  const kind = z.enum(OUVIDORIA_KINDS).parse(input.kind);
  const isInformation = kind === 'information';
  const email = formData.get('email');
  return {
    status: 'success',
    result: {
      protocol: result.demand.protocol,
      service: 'ouvidoria',
      what: KIND_LABELS[kind],
      dueOn: result.demand.dueOn,
      deadlineDays: isInformation ? DEADLINE_DAYS.information : DEADLINE_DAYS.ouvidoria,
      deadlineBasis: isInformation ? 'Lei nº 12.527/2011, art. 11' : 'Lei nº 13.460/2017, art. 16',
      departmentName: null,
      accessCode: result.demand.accessCode,
      anonymous: input.identity === 'anonymous',
      trackWith: result.demand.accessCode ? 'access_code' : email ? 'email' : 'phone',
      emailConfirmation: input.identity !== 'anonymous' && Boolean(email),
    },
  };
}
