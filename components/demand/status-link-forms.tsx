'use client';

import { useActionState } from 'react';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { ACCEPT_ATTRIBUTE, ATTACHMENT_HINT, PHOTO_LOCATION_NOTE } from '@/lib/attachments/rules';
import { FileField, RadioGroupField, TextAreaField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { FormMessage } from './form-parts';
import { useFileLimits } from './use-file-limits';

/**
 * The requester's forms on the e-mailed status page, on the app's shared fields. Each posts to a server
 * action with the link's token; they work as plain form posts without JavaScript, and show every field
 * error next to its field, keeping what was typed.
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
  const [state, formAction] = useActionState(action, idleState);
  const { fileErrors: oversizedFiles, checkFiles } = useFileLimits();
  return (
    <form action={formAction} onSubmit={checkFiles} className="space-y-6" noValidate>
      <input type="hidden" name="token" value={token} />
      <Message state={state} />
      <TextAreaField name="body" label="Sua resposta" rows={6} required defaultValue={valueOf(state, 'body')} errors={errorsOf(state, 'body')} />
      <FileField
        name="files"
        label="Anexos"
        optional
        multiple
        accept={ACCEPT_ATTRIBUTE}
        hint={`${ATTACHMENT_HINT} ${PHOTO_LOCATION_NOTE}`}
        errors={oversizedFiles ?? errorsOf(state, 'files')}
      />
      <SubmitButton>Enviar complementação</SubmitButton>
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

const RESOLVED = [
  { value: 'sim', label: 'Sim' },
  { value: 'nao', label: 'Não' },
];

export function RatingForm({ token, action }: { token: string; action: StatusLinkAction }) {
  const [state, formAction] = useActionState(action, idleState);
  return (
    <form action={formAction} className="space-y-6" noValidate>
      <input type="hidden" name="token" value={token} />
      <Message state={state} />
      <RadioGroupField name="rating" label="Como você avalia o atendimento?" options={RATINGS} defaultValue={valueOf(state, 'rating')} errors={errorsOf(state, 'rating')} />
      <RadioGroupField name="resolved" label="O seu problema foi resolvido?" options={RESOLVED} defaultValue={valueOf(state, 'resolved')} errors={errorsOf(state, 'resolved')} />
      <TextAreaField name="comment" label="Comentário" optional rows={3} defaultValue={valueOf(state, 'comment')} errors={errorsOf(state, 'comment')} />
      <SubmitButton>Enviar avaliação</SubmitButton>
    </form>
  );
}

/** Its own id: an LAI answer can show the appeal's "reason" on the same page. */
export function ReopenForm({ token, action, until }: { token: string; action: StatusLinkAction; until: string }) {
  const [state, formAction] = useActionState(action, idleState);
  return (
    <form action={formAction} className="space-y-6" noValidate>
      <input type="hidden" name="token" value={token} />
      <Message state={state} />
      <TextAreaField
        name="reason"
        id="campo-reabrir-motivo"
        label="Por que a resposta não resolveu?"
        rows={4}
        required
        hint={`Você pode reabrir uma única vez, até ${until}.`}
        defaultValue={valueOf(state, 'reason')}
        errors={errorsOf(state, 'reason')}
      />
      <SubmitButton>Reabrir a manifestação</SubmitButton>
    </form>
  );
}
