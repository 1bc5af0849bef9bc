'use client';

import { useActionState } from 'react';
import { TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { renameTagAction } from './actions';

/**
 * One etiqueta's new name, folded under "Renomear" in its row. It opens by itself when it comes back with
 * an error — also after a plain POST without JavaScript — showing what was typed.
 */
export function RenameTagForm({ tag }: { tag: { id: string; name: string } }) {
  const [state, formAction] = useActionState<FormState, FormData>(renameTagAction, idleState);
  const failed = state.status === 'error';
  const messageId = `etiqueta-${tag.id}-erro`;
  return (
    <details open={failed || undefined} className="rounded border border-slate-300 p-2 open:bg-slate-50">
      <summary className="cursor-pointer font-semibold text-brand">
        Renomear<span className="sr-only"> {tag.name}</span>
      </summary>
      <form action={formAction} noValidate className="mt-3 space-y-3" aria-describedby={failed ? messageId : undefined}>
        {failed && (
          <p id={messageId} role="alert" className="rounded border-l-4 border-red-700 bg-red-50 px-3 py-2 font-semibold text-red-900">
            {state.message}
          </p>
        )}
        <input type="hidden" name="id" value={tag.id} />
        <TextField
          id={`etiqueta-${tag.id}-nome`}
          name="name"
          label={
            <>
              Novo nome<span className="sr-only"> de “{tag.name}”</span>
            </>
          }
          required
          defaultValue={failed ? (state.values.name ?? '') : tag.name}
          errors={failed ? state.fieldErrors.name : undefined}
        />
        <SubmitButton variant="secondary">
          Salvar nome<span className="sr-only"> de “{tag.name}”</span>
        </SubmitButton>
      </form>
    </details>
  );
}
