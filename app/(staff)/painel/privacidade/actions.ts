'use server';

import { redirect } from 'next/navigation';
import { errorState, formDataToObject, type FormState } from '@/lib/actions/form-state';
import { requireDataProtectionOfficerPage } from '@/lib/privacy/officer-page';
import { decideDataProtectionRequest } from '@/lib/privacy/requests';
import { runRetention } from '@/lib/privacy/retention';
import { requireStaffPage } from '../staff-page';

const PAGE = '/painel/privacidade';

export async function decideDataProtectionRequestAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireDataProtectionOfficerPage(await requireStaffPage(PAGE));
  const result = await decideDataProtectionRequest(actor, formDataToObject(formData));
  if (!result.ok) return errorState(formData, result.fieldErrors);
  redirect(`${PAGE}?ok=decidido`);
}

/** The dry run: lists what the retention rule would anonymise now, changing nothing but its log row. */
export async function retentionDryRunAction(): Promise<void> {
  await requireDataProtectionOfficerPage(await requireStaffPage(PAGE));
  await runRetention({ dryRun: true, trigger: 'admin' });
  redirect(`${PAGE}?ok=simulado&simulacao=1#retencao`);
}
