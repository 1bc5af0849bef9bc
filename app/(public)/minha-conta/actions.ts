'use server';

import { redirect } from 'next/navigation';
import { changePassword, endOtherSessions } from '@/lib/accounts/account-security';
import { reissueTicket } from '@/lib/accounts/sessions';
import { errorState, formDataToObject, withoutPasswords, type FormState } from '@/lib/actions/form-state';
import { refreshSession } from '@/lib/auth/auth';
import { requireActor } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';

const PAGE = '/minha-conta';

// Each action checks the session itself: signing in is what these actions are about.

export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await guarded(requireActor, PAGE);
  const result = await changePassword(actor, formDataToObject(formData));
  if (!result.ok) return errorState(withoutPasswords(formData), result.fieldErrors);
  // The change ended every session, this one included; this one gets a token of the new version.
  await refreshSession({ reissue: reissueTicket(actor.userId, result.sessionVersion) });
  redirect(`${PAGE}?feito=senha`);
}

export async function endOtherSessionsAction(): Promise<void> {
  const actor = await guarded(requireActor, PAGE);
  const version = await endOtherSessions(actor);
  await refreshSession({ reissue: reissueTicket(actor.userId, version) });
  redirect(`${PAGE}?feito=sessoes`);
}
