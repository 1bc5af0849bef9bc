'use server';

import { forbidden, redirect } from 'next/navigation';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { finishPasskeyRegistration, removePasskey, startPasskeyRegistration, type OptionsResult } from '@/lib/accounts/passkeys';
import { requireActorForEnrolment, requireStaff, STAFF_ROLES, type Actor } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import type { Role } from '@/lib/domain/vocabulary';
import type { FieldErrors } from '@/lib/domain/intake-schema';

/**
 * Adding a passkey: also open to a person whose role requires a second factor they have not set up yet
 * (a passkey satisfies the requirement), so the guard is the enrolment one, for staff only.
 */
async function staffForEnrolment(): Promise<Actor> {
  const actor = await guarded(requireActorForEnrolment, '/painel/conta');
  if (!(STAFF_ROLES as readonly Role[]).includes(actor.role)) forbidden();
  return actor;
}

export async function passkeyRegistrationOptionsAction(): Promise<OptionsResult<PublicKeyCredentialCreationOptionsJSON>> {
  const actor = await staffForEnrolment();
  return startPasskeyRegistration(actor);
}

export type PasskeyRegistrationState =
  | { status: 'idle' }
  | { status: 'error'; message: string; fieldErrors: FieldErrors; name: string }
  | { status: 'success'; name: string; recoveryCodes: string[] | null };

/** The browser's answer (JSON) and the name typed: verified against this session's challenge. */
export async function registerPasskeyAction(formData: FormData): Promise<PasskeyRegistrationState> {
  const actor = await staffForEnrolment();
  const name = formData.get('name');
  const result = await finishPasskeyRegistration(actor, { name, response: formData.get('response') });
  if (!result.ok) return { status: 'error', message: result.message, fieldErrors: result.fieldErrors, name: typeof name === 'string' ? name : '' };
  return { status: 'success', name: result.name, recoveryCodes: result.recoveryCodes };
}

/** A plain form post (works without JavaScript). */
export async function removePasskeyAction(formData: FormData): Promise<void> {
  const actor = await guarded(requireStaff, '/painel/conta');
  const result = await removePasskey(actor, { passkeyId: formData.get('passkeyId') });
  redirect(`/painel/conta?${new URLSearchParams({ feito: result.ok ? 'passkey-removida' : 'passkey-ja-removida' })}#passkeys`);
}
