'use server';

import { z } from 'zod';
import type { IntakeReceipt } from '@/components/demand/receipt';
import type { FormState } from '@/lib/actions/form-state';
import { headers } from 'next/headers';
import { clientAddress } from '@/lib/http/client-address';
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
  const result = await fileFromWebForm('ouvidoria', formData, { clientAddress: clientAddress(await headers()) });
  if (!result.ok) return result.state;
  const { demand } = result;

  // Read from the filed demand (not the post): a replayed post shows the receipt of what was filed.
  const kind = z.enum(OUVIDORIA_KINDS).parse(demand.kind);
  const isInformation = kind === 'information';
  return {
    status: 'success',
    result: {
      protocol: demand.protocol,
      service: 'ouvidoria',
      what: KIND_LABELS[kind],
      dueOn: demand.dueOn,
      deadlineDays: isInformation ? DEADLINE_DAYS.information : DEADLINE_DAYS.ouvidoria,
      deadlineBasis: isInformation ? 'Lei nº 12.527/2011, art. 11' : 'Lei nº 13.460/2017, art. 16',
      departmentName: null,
      accessCode: demand.accessCode,
      anonymous: demand.anonymous,
      trackWith: demand.accessCode ? 'access_code' : demand.hasEmail ? 'email' : 'phone',
      emailConfirmation: !demand.anonymous && demand.hasEmail,
    },
  };
}
