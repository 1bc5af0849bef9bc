'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { multilineText } from '@/lib/domain/plain-text';
import { errorState, uploadedFiles, type FormState } from '@/lib/actions/form-state';
import { prepareFiles } from '@/lib/attachments/prepare';
import { fieldErrorsOf, type FieldErrors } from '@/lib/domain/intake-schema';
import { discardAttachments, storeMessageAttachments } from '@/lib/demands/citizen-attachments';
import { rateDemand, reopenDemand, replyToInformationRequest } from '@/lib/demands/citizen-actions';
import { openStatusLink } from '@/lib/demands/status-link';

/**
 * The status page's actions. Each is a public POST endpoint: the link's token is the requester's
 * credential, so every action opens it again (signature, expiry, recipient) before doing anything.
 */

const TokenSchema = z.string().min(20).max(300);

const LINK_GONE = 'Este link não é mais válido. Use o link do e-mail mais recente ou acompanhe pelo protocolo.';

const ReplySchema = z.object({
  token: TokenSchema,
  body: z
    .string({ error: 'Escreva a sua resposta.' })
    .trim()
    .min(5, { error: 'Escreva a sua resposta (pelo menos 5 caracteres).' })
    .max(8000, { error: 'A resposta pode ter até 8.000 caracteres.' }),
});

const RatingSchema = z.object({
  token: TokenSchema,
  rating: z.coerce.number({ error: 'Escolha uma nota de 1 a 5.' }).int().min(1, { error: 'Escolha uma nota de 1 a 5.' }).max(5, { error: 'Escolha uma nota de 1 a 5.' }),
  resolved: z.enum(['sim', 'nao'], { error: 'Responda se o problema foi resolvido.' }),
  comment: multilineText().max(2000, { error: 'O comentário pode ter até 2.000 caracteres.' }).optional(),
});

const ReopenSchema = z.object({
  token: TokenSchema,
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

export async function replyFromStatusLink(_state: FormState, formData: FormData): Promise<FormState> {
  const parsed = ReplySchema.safeParse({ token: text(formData, 'token'), body: text(formData, 'body') });
  const files = uploadedFiles(formData);
  if (!parsed.success) {
    const checked = await prepareFiles(files);
    const fieldErrors: FieldErrors = { ...fieldErrorsOf(parsed.error), ...(checked.ok ? {} : { files: checked.errors }) };
    return errorState(formData, fieldErrors);
  }
  const access = await openStatusLink(parsed.data.token);
  if (!access.ok) return errorState(formData, {}, LINK_GONE);
  const stored = await storeMessageAttachments({ demandId: access.demand.id, files });
  if (!stored.ok) return errorState(formData, { files: stored.errors });
  const result = await replyToInformationRequest({ demandId: access.demand.id, body: parsed.data.body, attachmentIds: stored.attachmentIds, via: 'status_link' });
  if (!result.ok) {
    await discardAttachments(stored.attachmentIds);
    return errorState(formData, {}, result.error);
  }
  redirect(`/situacao/${parsed.data.token}?enviado=complementacao`);
}

export async function rateFromStatusLink(_state: FormState, formData: FormData): Promise<FormState> {
  const parsed = RatingSchema.safeParse({
    token: text(formData, 'token'),
    rating: text(formData, 'rating') ?? '',
    resolved: text(formData, 'resolved'),
    comment: text(formData, 'comment'),
  });
  if (!parsed.success) return errorState(formData, fieldErrorsOf(parsed.error));
  const access = await openStatusLink(parsed.data.token);
  if (!access.ok) return errorState(formData, {}, LINK_GONE);
  const result = await rateDemand({
    demandId: access.demand.id,
    rating: parsed.data.rating,
    resolved: parsed.data.resolved === 'sim',
    comment: parsed.data.comment,
    via: 'status_link',
  });
  if (!result.ok) return errorState(formData, {}, result.error);
  redirect(`/situacao/${parsed.data.token}?enviado=avaliacao`);
}

export async function reopenFromStatusLink(_state: FormState, formData: FormData): Promise<FormState> {
  const parsed = ReopenSchema.safeParse({ token: text(formData, 'token'), reason: text(formData, 'reason') });
  if (!parsed.success) return errorState(formData, fieldErrorsOf(parsed.error));
  const access = await openStatusLink(parsed.data.token);
  if (!access.ok) return errorState(formData, {}, LINK_GONE);
  const result = await reopenDemand({ demandId: access.demand.id, reason: parsed.data.reason, via: 'status_link' });
  if (!result.ok) return errorState(formData, {}, result.error);
  redirect(`/situacao/${parsed.data.token}?enviado=reabertura`);
}
