import 'server-only';
import { errorState, filesToChooseAgain, formDataToObject, uploadedFiles, type FormState } from '@/lib/actions/form-state';
import { currentActor } from '@/lib/auth/guards';
import { findRequesterContact } from '@/lib/demands/citizen-demands';
import { fileDemand, type FiledDemand } from '@/lib/demands/intake';
import { webIntakeContext } from '@/lib/domain/intake-schema';
import { formatMobilePhone } from '@/lib/domain/phone';
import type { Service } from '@/lib/domain/vocabulary';
import { municipality } from '@/lib/municipality';
import { hitRateLimit, type RateLimitRule } from '@/lib/rate-limit';

export type WebFiling =
  | { ok: true; demand: FiledDemand; input: Record<string, unknown> }
  | { ok: false; state: FormState<never> };

/**
 * The public forms' way into the intake: the post's typed fields and its files, filed as the signed-in
 * citizen when there is one. Public on purpose — anyone may file, signed in or not (Lei 13.460 art. 11) —
 * so the session only decides whose account the demand joins, never whether it is taken.
 */
export async function fileFromWebForm(service: Service, formData: FormData, request: { clientAddress: string }): Promise<WebFiling> {
  const throttled = await throttledFrom(request.clientAddress);
  if (throttled) return { ok: false, state: errorState(formData, { form: [throttled] }, throttled) };
  const input: Record<string, unknown> = { ...formDataToObject(formData), service };
  const files = uploadedFiles(formData);
  const result = await fileDemand(input, webIntakeContext(await currentActor()), { files });
  if (result.ok) return { ok: true, demand: result.demand, input };
  const chooseAgain = filesToChooseAgain(files, result.fieldErrors);
  const fieldErrors = chooseAgain ? { ...result.fieldErrors, form: [...(result.fieldErrors.form ?? []), chooseAgain] } : result.fieldErrors;
  return { ok: false, state: errorState(formData, fieldErrors) };
}

/**
 * Posts per address and hour on the public forms (`WEB_INTAKE_LIMIT_PER_HOUR`, 0 for none). Each post may
 * carry 50 MB of photos to decode and re-encode, so an unbounded stream of them from one address would
 * starve everyone else; a person filing, correcting and filing again stays far below it.
 */
export function webIntakeLimit(): RateLimitRule | null {
  const limit = Number(process.env.WEB_INTAKE_LIMIT_PER_HOUR ?? 30);
  return Number.isFinite(limit) && limit > 0 ? { limit, windowSeconds: 3600 } : null;
}

async function throttledFrom(clientAddress: string): Promise<string | null> {
  const rule = webIntakeLimit();
  if (!rule) return null;
  const result = await hitRateLimit(`web-intake:${clientAddress}`, rule);
  if (result.allowed) return null;
  const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
  return `Recebemos muitos envios desta conexão na última hora. Tente de novo em ${minutes} minuto${minutes === 1 ? '' : 's'} — o que você digitou continua aqui. Se for urgente, ligue para a Ouvidoria: ${municipality.ouvidoria.tollFree ?? municipality.ouvidoria.phones.join(' ou ')}.`;
}

/**
 * What the form's contact fields start with: a signed-in citizen's own name, e-mail and celular, which
 * they may still change (someone filing for a relative). Nothing for visitors and staff.
 */
export async function webFormDefaults(): Promise<Record<string, string>> {
  const actor = await currentActor();
  if (actor?.role !== 'citizen') return {};
  const contact = await findRequesterContact(actor);
  if (!contact) return {};
  return {
    ...(contact.name ? { name: contact.name } : {}),
    email: contact.email,
    ...(contact.phone ? { phone: formatMobilePhone(contact.phone) } : {}),
  };
}
