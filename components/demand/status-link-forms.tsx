'use client';

import { useActionState } from 'react';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { ACCEPT_ATTRIBUTE, ATTACHMENT_HINT, PHOTO_LOCATION_NOTE } from '@/lib/attachments/rules';
import { buttonClass, describedBy, FieldErrors, FormMessage, Hint, inputClass } from './form-parts';
import { useFileLimits } from './use-file-limits';

/**
 * The requester's forms on the e-mailed status page. Each posts to a server action with the link's token;
 * they work as plain form posts without JavaScript, and show every field error next to its field.
 */

export type StatusLinkAction = (state: FormState, formData: FormData) => Promise<FormState>;

function errorsOf(state: FormState, field: string): string[] | undefined {
  return state.status === 'error' ? state.fieldErrors[field] : undefined;
}

function valueOf(state: FormState, field: string): string | undefined {
  return state.status === 'error' ? state.values[field] : undefined;
}

function Message({ state }: { state: FormState }) {
  return state.status === 'error' ? <FormMessage status="error" message={state.message} /> : null;
}

export function ReplyForm({ token, action }: { token: string; action: StatusLinkAction }) {
  const [state, formAction, pending] = useActionState(action, idleState);
  const { fileErrors: oversizedFiles, checkFiles } = useFileLimits();
  const bodyErrors = errorsOf(state, 'body');
  const fileErrors = oversizedFiles ?? errorsOf(state, 'files');
  return (
    <form action={formAction} onSubmit={checkFiles} className="space-y-6" noValidate>
      <input type="hidden" name="token" value={token} />
      <Message state={state} />
      <div>
        <label htmlFor="reply-body" className="font-semibold">
          Sua resposta <span aria-hidden="true">*</span>
        </label>
        <textarea
          id="reply-body"
          name="body"
          rows={6}
          required
          defaultValue={valueOf(state, 'body')}
          aria-invalid={bodyErrors ? true : undefined}
          aria-describedby={describedBy(bodyErrors && 'reply-body-error')}
          className={inputClass}
        />
        <FieldErrors id="reply-body-error" errors={bodyErrors} />
      </div>
      <div>
        <label htmlFor="reply-files" className="font-semibold">
          Anexos (opcional)
        </label>
        <input
          id="reply-files"
          name="files"
          type="file"
          multiple
          accept={ACCEPT_ATTRIBUTE}
          aria-invalid={fileErrors ? true : undefined}
          aria-describedby={describedBy('reply-files-hint', fileErrors && 'reply-files-error')}
          className="mt-1 block w-full text-sm"
        />
        <Hint id="reply-files-hint">{ATTACHMENT_HINT} {PHOTO_LOCATION_NOTE}</Hint>
        <FieldErrors id="reply-files-error" errors={fileErrors} />
      </div>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? 'Enviando…' : 'Enviar complementação'}
      </button>
    </form>
  );
}

const RATINGS = [
  { value: '1', label: '1 — Muito insatisfeito' },
  { value: '2', label: '2 — Insatisfeito' },
  { value: '3', label: '3 — Regular' },
  { value: '4', label: '4 — Satisfeito' },
  { value: '5', label: '5 — Muito satisfeito' },
];

export function RatingForm({ token, action }: { token: string; action: StatusLinkAction }) {
  const [state, formAction, pending] = useActionState(action, idleState);
  const ratingErrors = errorsOf(state, 'rating');
  const resolvedErrors = errorsOf(state, 'resolved');
  const commentErrors = errorsOf(state, 'comment');
  return (
    <form action={formAction} className="space-y-6" noValidate>
      <input type="hidden" name="token" value={token} />
      <Message state={state} />
      <fieldset aria-describedby={describedBy(ratingErrors && 'rating-error')}>
        <legend className="font-semibold">Como você avalia o atendimento? *</legend>
        <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
          {RATINGS.map((option) => (
            <label key={option.value} className="flex items-center gap-2">
              <input type="radio" name="rating" value={option.value} defaultChecked={valueOf(state, 'rating') === option.value} required />
              {option.label}
            </label>
          ))}
        </div>
        <FieldErrors id="rating-error" errors={ratingErrors} />
      </fieldset>
      <fieldset aria-describedby={describedBy(resolvedErrors && 'resolved-error')}>
        <legend className="font-semibold">O seu problema foi resolvido? *</legend>
        <div className="mt-1 flex gap-5">
          <label className="flex items-center gap-2">
            <input type="radio" name="resolved" value="sim" defaultChecked={valueOf(state, 'resolved') === 'sim'} required /> Sim
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="resolved" value="nao" defaultChecked={valueOf(state, 'resolved') === 'nao'} /> Não
          </label>
        </div>
        <FieldErrors id="resolved-error" errors={resolvedErrors} />
      </fieldset>
      <div>
        <label htmlFor="rating-comment" className="font-semibold">
          Comentário (opcional)
        </label>
        <textarea
          id="rating-comment"
          name="comment"
          rows={3}
          defaultValue={valueOf(state, 'comment')}
          aria-invalid={commentErrors ? true : undefined}
          aria-describedby={describedBy(commentErrors && 'rating-comment-error')}
          className={inputClass}
        />
        <FieldErrors id="rating-comment-error" errors={commentErrors} />
      </div>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? 'Enviando…' : 'Enviar avaliação'}
      </button>
    </form>
  );
}

export function ReopenForm({ token, action, until }: { token: string; action: StatusLinkAction; until: string }) {
  const [state, formAction, pending] = useActionState(action, idleState);
  const reasonErrors = errorsOf(state, 'reason');
  return (
    <form action={formAction} className="space-y-6" noValidate>
      <input type="hidden" name="token" value={token} />
      <Message state={state} />
      <div>
        <label htmlFor="reopen-reason" className="font-semibold">
          Por que a resposta não resolveu? *
        </label>
        <textarea
          id="reopen-reason"
          name="reason"
          rows={4}
          required
          defaultValue={valueOf(state, 'reason')}
          aria-invalid={reasonErrors ? true : undefined}
          aria-describedby={describedBy('reopen-reason-hint', reasonErrors && 'reopen-reason-error')}
          className={inputClass}
        />
        <Hint id="reopen-reason-hint">Você pode reabrir uma única vez, até {until}.</Hint>
        <FieldErrors id="reopen-reason-error" errors={reasonErrors} />
      </div>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? 'Enviando…' : 'Reabrir a manifestação'}
      </button>
    </form>
  );
}
