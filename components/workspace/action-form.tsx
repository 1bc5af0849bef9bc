'use client';

import { createContext, useActionState, useContext, useId, type ReactNode } from 'react';
import { BoundFieldsProvider, inputClass } from '@/components/ui/field';
import { buttonClass, SubmitButton } from '@/components/ui/submit-button';
import { idleState, SUBMISSION_KEY_FIELD } from '@/lib/actions/form-state';
import { MULTI_VALUE_SEPARATOR, QUEUE_RETURN_FIELD, type WorkspaceFormState } from '@/lib/actions/workspace-form-state';

/**
 * Forms of the workspace: a server action through `useActionState` (a plain POST when JavaScript is off),
 * with every field error next to its field and what the user typed kept after an error. The fields are the
 * app's own (components/ui/field.tsx): inside an ActionForm they read their errors and kept values from it.
 */

type Action = (state: WorkspaceFormState, formData: FormData) => Promise<WorkspaceFormState>;

const FormStateContext = createContext<WorkspaceFormState>(idleState);

/** The queue's query string when the demand is open beside the queue (split view); its forms post it back. */
const QueueReturnContext = createContext<string | null>(null);

export function QueueReturnProvider({ queueQuery, children }: { queueQuery: string | null; children: ReactNode }) {
  return <QueueReturnContext.Provider value={queueQuery}>{children}</QueueReturnContext.Provider>;
}

/**
 * With a `title`, the form sits closed under that title and opens by itself when it comes back with an
 * error or a draft — also after a plain POST, when the page is rendered afresh.
 */
export function ActionForm({ action, submitLabel, children, title }: { action: Action; submitLabel: string; children: ReactNode; title?: string }) {
  const [state, formAction] = useActionState(action, idleState);
  const messageId = useId();
  const queueQuery = useContext(QueueReturnContext);
  const kept = state.status === 'error' || state.status === 'draft';
  const form = (
    <form action={formAction} noValidate className="space-y-5" aria-describedby={state.status === 'idle' ? undefined : messageId}>
      {state.status === 'error' && (
        <p id={messageId} role="alert" className="rounded border-l-4 border-red-700 bg-red-50 px-3 py-2 font-semibold text-red-900">
          {state.message}
        </p>
      )}
      {state.status === 'draft' && (
        <p id={messageId} role="status" className="rounded border-l-4 border-brand bg-sky-50 px-3 py-2 text-slate-900">
          {state.message}
        </p>
      )}
      {state.status === 'success' && state.message && (
        <p id={messageId} role="status" className="rounded border-l-4 border-green-700 bg-green-50 px-3 py-2 text-green-900">
          {state.message}
        </p>
      )}
      {queueQuery !== null && <input type="hidden" name={QUEUE_RETURN_FIELD} value={queueQuery} />}
      {children}
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
  return (
    <FormStateContext.Provider value={state}>
      <BoundFieldsProvider
        value={{ fieldErrors: state.status === 'error' ? state.fieldErrors : {}, values: kept ? state.values : undefined, separator: MULTI_VALUE_SEPARATOR }}
      >
        {title ? (
          <details open={kept || undefined} className="rounded border border-slate-300 p-3 open:bg-slate-50">
            <summary className="cursor-pointer font-semibold text-brand">{title}</summary>
            <div className="mt-3">{form}</div>
          </details>
        ) : (
          form
        )}
      </BoundFieldsProvider>
    </FormStateContext.Provider>
  );
}

/** The state of the enclosing ActionForm, for fields kept in their own module (the location field). */
export function useWorkspaceFormState(): WorkspaceFormState {
  return useContext(FormStateContext);
}

export function HiddenField({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />;
}

/** The form render's idempotency key; after an error, the one the action sent back (a fresh one if it expired). */
export function SubmissionKeyField({ value }: { value: string }) {
  const state = useWorkspaceFormState();
  const typed = state.status === 'error' || state.status === 'draft' ? state.values[SUBMISSION_KEY_FIELD] : undefined;
  return <input type="hidden" name={SUBMISSION_KEY_FIELD} value={typed ?? value} />;
}

/** Answer templates: choose one and press the button; the form comes back with it added to the text. */
export function TemplatePicker({ templates }: { templates: { id: string; title: string }[] }) {
  const id = useId();
  if (!templates.length) return null;
  return (
    <div className="flex flex-wrap items-end gap-2 rounded border border-slate-300 bg-slate-50 p-3">
      <div className="grow">
        <label htmlFor={id} className="block text-sm font-semibold">
          Modelo de resposta
        </label>
        <select id={id} name="templateId" defaultValue="" className={inputClass}>
          <option value="">Escolha um modelo</option>
          {templates.map((template) => (
            <option key={template.id} value={template.id}>
              {template.title}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" name="intent" value="insert_template" className={buttonClass('secondary')}>
        Inserir modelo no texto
      </button>
    </div>
  );
}
