'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { multilineText } from '@/lib/domain/plain-text';
import { errorState, uploadedFiles, type FormState } from '@/lib/actions/form-state';
import { prepareFiles } from '@/lib/attachments/prepare';
import { fieldErrorsOf, type FieldErrors } from '@/lib/domain/intake-schema';
import { discardAttachments, storeMessageAttachments } from '@/lib/demands/citizen-attachments';
import { rateDemand, reopenDemand, replyToInformationRequest } from '@/lib/demands/citizen-actions';
import { fileAppeal, fileOmissionComplaint } from '@/lib/demands/information-requests';
import { openStatusLink } from '@/lib/demands/status-link';
import { CitizenAppealFormSchema } from '@/lib/domain/workspace-schemas';

/**
 * The status page's actions. Each is a public POST endpoint: the link's token is the requester's
 * credential, so every action opens it again (signature, expiry, recipient, not revoked) before reading
 * anything else of the post — above all before decoding a file, the costly part of a post.
 */

const TokenSchema = z.string().min(20).max(300);

const LINK_GONE = 'Este link não é mais válido. Use o link do e-mail mais recente ou acompanhe pelo protocolo.';

const ReplySchema = z.object({
  body: z
    .string({ error: 'Escreva a sua resposta.' })
    .trim()
    .min(5, { error: 'Escreva a sua resposta (pelo menos 5 caracteres).' })
    .max(8000, { error: 'A resposta pode ter até 8.000 caracteres.' }),
});

const RatingSchema = z.object({
  rating: z.coerce.number({ error: 'Escolha uma nota de 1 a 5.' }).int().min(1, { error: 'Escolha uma nota de 1 a 5.' }).max(5, { error: 'Escolha uma nota de 1 a 5.' }),
  resolved: z.enum(['sim', 'nao'], { error: 'Responda se o problema foi resolvido.' }),
  comment: multilineText().max(2000, { error: 'O comentário pode ter até 2.000 caracteres.' }).optional(),
});

const ReopenSchema = z.object({
  reason: z
    .string({ error: 'Conte por que a resposta não resolveu.' })
    .trim()
    .min(10, { error: 'Conte por que a resposta não resolveu (pelo menos 10 caracteres).' })
    .max(4000, { error: 'O motivo pode ter até 4.000 caracteres.' }),
});

function text(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** The demand the posted token opens, or null for a token that is missing, malformed, expired or revoked. */
async function linkedDemand(formData: FormData): Promise<{ token: string; demandId: string } | null> {
  const token = TokenSchema.safeParse(text(formData, 'token'));
  if (!token.success) return null;
  const access = await openStatusLink(token.data);
  return access.ok ? { token: token.data, demandId: access.demand.id } : null;
}

export async function replyFromStatusLink(_state: FormState, formData: FormData): Promise<FormState> {
  const link = await linkedDemand(formData);
  if (!link) return errorState(formData, {}, LINK_GONE);
  const parsed = ReplySchema.safeParse({ body: text(formData, 'body') });
  const files = uploadedFiles(formData);
  if (!parsed.success) {
    const checked = await prepareFiles(files);
    const fieldErrors: FieldErrors = { ...fieldErrorsOf(parsed.error), ...(checked.ok ? {} : { files: checked.errors }) };
    return errorState(formData, fieldErrors);
  }
  const stored = await storeMessageAttachments({ demandId: link.demandId, files });
  if (!stored.ok) return errorState(formData, { files: stored.errors });
  const result = await replyToInformationRequest({ demandId: link.demandId, body: parsed.data.body, attachmentIds: stored.attachmentIds, via: 'status_link' });
  if (!result.ok) {
    await discardAttachments(stored.attachmentIds);
    return errorState(formData, {}, result.error);
  }
  redirect(`/situacao/${link.token}?enviado=complementacao`);
}

export async function rateFromStatusLink(_state: FormState, formData: FormData): Promise<FormState> {
  const link = await linkedDemand(formData);
  if (!link) return errorState(formData, {}, LINK_GONE);
  const parsed = RatingSchema.safeParse({
    rating: text(formData, 'rating') ?? '',
    resolved: text(formData, 'resolved'),
    comment: text(formData, 'comment'),
  });
  if (!parsed.success) return errorState(formData, fieldErrorsOf(parsed.error));
  const result = await rateDemand({
    demandId: link.demandId,
    rating: parsed.data.rating,
    resolved: parsed.data.resolved === 'sim',
    comment: parsed.data.comment,
    via: 'status_link',
  });
  if (!result.ok) return errorState(formData, {}, result.error);
  redirect(`/situacao/${link.token}?enviado=avaliacao`);
}

export async function reopenFromStatusLink(_state: FormState, formData: FormData): Promise<FormState> {
  const link = await linkedDemand(formData);
  if (!link) return errorState(formData, {}, LINK_GONE);
  const parsed = ReopenSchema.safeParse({ reason: text(formData, 'reason') });
  if (!parsed.success) return errorState(formData, fieldErrorsOf(parsed.error));
  const result = await reopenDemand({ demandId: link.demandId, reason: parsed.data.reason, via: 'status_link' });
  if (!result.ok) return errorState(formData, {}, result.error);
  redirect(`/situacao/${link.token}?enviado=reabertura`);
}

/** The recurso or the reclamação por omissão of an access-to-information request (LAI art. 15; Decreto 7.724 art. 22). */
export async function appealFromStatusLink(_state: FormState, formData: FormData): Promise<FormState> {
  const link = await linkedDemand(formData);
  if (!link) return errorState(formData, {}, LINK_GONE);
  const parsed = CitizenAppealFormSchema.safeParse({ kind: text(formData, 'kind'), reason: text(formData, 'reason') });
  if (!parsed.success) return errorState(formData, fieldErrorsOf(parsed.error));
  const input = { demandId: link.demandId, reason: parsed.data.reason, via: 'status_link' as const };
  const result = parsed.data.kind === 'appeal' ? await fileAppeal(input) : await fileOmissionComplaint(input);
  if (!result.ok) return errorState(formData, {}, result.error);
  redirect(`/situacao/${link.token}?enviado=${parsed.data.kind === 'appeal' ? 'recurso' : 'reclamacao'}`);
}
