import 'server-only';
import { errorState, FILES_KEPT_FIELD, filesToChooseAgain, formDataToObject, typedValues, uploadedFiles, type FormState } from '@/lib/actions/form-state';
import { currentActor } from '@/lib/auth/guards';
import { findRequesterContact } from '@/lib/demands/citizen-demands';
import { fileDemand, type FiledDemand } from '@/lib/demands/intake';
import { findFiledSubmission } from '@/lib/demands/filed-submission';
import { fileFollowingDemand } from '@/lib/demands/duplicates';
import { DUPLICATE_FORM_FIELDS } from '@/lib/channels/duplicate-suggestions';
import { issueSubmissionKey, readSubmissionKey, SUBMISSION_KEY_FIELD } from '@/lib/demands/submission-key';
import { webIntakeContext } from '@/lib/domain/intake-schema';
import { formatMobilePhone } from '@/lib/domain/phone';
import type { Service } from '@/lib/domain/vocabulary';
import { municipality } from '@/lib/municipality';
import { hitRateLimit, type RateLimitRule } from '@/lib/rate-limit';
import { errorKind, requestLog } from '@/lib/log';
import { meteredIntake } from '@/lib/metrics/instruments';

/** `retryable`: nothing was filed for a reason of the moment (throttled, the transaction failed), not the form's. */
export type WebFiling = { ok: true; demand: FiledDemand } | { ok: false; state: FormState<never>; retryable?: true };

/**
 * The public forms' way into the intake: the post's typed fields and its files, filed as the signed-in
 * citizen when there is one. Public on purpose — anyone may file, signed in or not (Lei 13.460 art. 11) —
 * so the session only decides whose account the demand joins, never whether it is taken.
 */
export async function fileFromWebForm(
  service: Service,
  formData: FormData,
  // `joinDemandId`: the citizen chose to follow this open request (lib/demands/duplicates.ts).
  request: { clientAddress: string; joinDemandId?: string },
): Promise<WebFiling> {
  const key = readSubmissionKey(formData.get(SUBMISSION_KEY_FIELD));
  if (key.status === 'unusable') {
    // A form left open past its key's lifetime (or a forged key): nothing was filed, so a fresh key is safe.
    const values = { ...typedValues(formData), [SUBMISSION_KEY_FIELD]: issueSubmissionKey() };
    return { ok: false, state: { status: 'error', message: notRegisteredTitle(service), fieldErrors: { form: [staleFormMessage(service)] }, values } };
  }
  const input: Record<string, unknown> = { ...formDataToObject(formData), service };
  delete input[SUBMISSION_KEY_FIELD];
  delete input[FILES_KEPT_FIELD];
  for (const field of DUPLICATE_FORM_FIELDS) delete input[field];
  // With JavaScript the field re-attaches the files itself: the request to choose them again is for posts without it.
  const files = uploadedFiles(formData);
  const filesToRechoose = formData.get(FILES_KEPT_FIELD) === '1' ? [] : files;
  try {
    const throttled = await throttledFrom(request.clientAddress);
    if (throttled) return { ok: false, state: errorState(formData, { form: [throttled] }, throttled), retryable: true };
    const submission = key.status === 'valid' ? key.submission : undefined;
    const context = webIntakeContext(await currentActor());
    const { joinDemandId } = request;
    const result = await meteredIntake(context.channel, () =>
      joinDemandId
        ? fileFollowingDemand(input, context, joinDemandId, { files, submission })
        : fileDemand(input, context, { files, submission }),
    );
    if (result.ok) return { ok: true, demand: result.demand };
    const chooseAgain = filesToChooseAgain(filesToRechoose, result.fieldErrors);
    const fieldErrors = chooseAgain ? { ...result.fieldErrors, form: [...(result.fieldErrors.form ?? []), chooseAgain] } : result.fieldErrors;
    return { ok: false, state: errorState(formData, fieldErrors) };
  } catch (error) {
    // The intake's one transaction rolled back: nothing of this post was kept, and the person is told
    // so in plain words, with what they typed still in the form and the same key (a retry cannot file twice).
    await reportIntakeFailure(error, service);
    const chooseAgain = filesToChooseAgain(filesToRechoose, {});
    return { ok: false, state: errorState(formData, { form: [failedIntakeMessage(service), ...(chooseAgain ? [chooseAgain] : [])] }, notRegisteredTitle(service)), retryable: true };
  }
}

/**
 * Whether this post's form was already filed (a refresh, a retry after a lost response): such a post gets
 * its receipt again, never a question first.
 */
export async function formAlreadyFiled(formData: FormData): Promise<boolean> {
  const key = formData.get(SUBMISSION_KEY_FIELD);
  return Boolean(await findFiledSubmission(typeof key === 'string' ? key : undefined));
}

function notRegisteredTitle(service: Service): string {
  return service === 'ouvidoria' ? 'Sua manifestação NÃO foi registrada.' : 'Seu pedido NÃO foi registrado.';
}

function phoneLine(service: Service): string {
  const contact = service === 'ouvidoria' ? municipality.ouvidoria : municipality.balcao;
  const phones = [contact.tollFree, ...contact.phones].filter(Boolean).join(' ou ');
  return `Se o problema continuar, ligue para ${service === 'ouvidoria' ? 'a Ouvidoria' : 'o Balcão da Cidadania'}: ${phones} (${contact.hours.toLowerCase()}).`;
}

function failedIntakeMessage(service: Service): string {
  return `Tivemos um problema no sistema e nenhum protocolo foi gerado. O que você digitou continua aqui: tente enviar de novo em alguns minutos. ${phoneLine(service)}`;
}

function staleFormMessage(service: Service): string {
  return `Este formulário ficou aberto por muito tempo e expirou. O que você digitou continua aqui: confira e envie de novo. ${phoneLine(service)}`;
}

/**
 * Only the kind of failure is logged: a database error's message carries the query's parameters — the
 * requester's name, e-mail, CPF — and this may be a confidential denúncia.
 */
async function reportIntakeFailure(error: unknown, service: Service) {
  (await requestLog('intake')).error({ channel: 'web', service, ...errorKind(error) }, 'web intake failed; nothing was filed');
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
