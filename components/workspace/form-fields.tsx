'use client';

import { createContext, useActionState, useContext, useId, type ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { idleState, SUBMISSION_KEY_FIELD } from '@/lib/actions/form-state';
import { ACCEPT_ATTRIBUTE } from '@/lib/attachments/rules';
import { MULTI_VALUE_SEPARATOR, type WorkspaceFormState } from '@/lib/actions/workspace-form-state';

/**
 * Forms of the workspace: a server action through `useActionState` (a plain POST when JavaScript is off),
 * with every field error next to its field and what the user typed kept after an error.
 */

type Action = (state: WorkspaceFormState, formData: FormData) => Promise<WorkspaceFormState>;

const FormStateContext = createContext<WorkspaceFormState>(idleState);

const inputClass =
  'mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-slate-900 aria-[invalid=true]:border-red-700 aria-[invalid=true]:border-2';

/**
 * With a `title`, the form sits closed under that title and opens by itself when it comes back with an
 * error or a draft — also after a plain POST, when the page is rendered afresh.
 */
export function ActionForm({ action, submitLabel, children, title }: { action: Action; submitLabel: string; children: ReactNode; title?: string }) {
  const [state, formAction] = useActionState(action, idleState);
  const messageId = useId();
  const form = (
    <form action={formAction} noValidate className="space-y-4" aria-describedby={state.status === 'idle' ? undefined : messageId}>
      {state.status === 'error' && (
        <p id={messageId} role="alert" className="rounded border-l-4 border-red-700 bg-red-50 px-3 py-2 text-red-900">
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
      {children}
      <SubmitButton label={submitLabel} />
    </form>
  );
  return (
    <FormStateContext.Provider value={state}>
      {title ? (
        <details open={state.status === 'error' || state.status === 'draft' || undefined} className="rounded border border-slate-300 p-3 open:bg-slate-50">
          <summary className="cursor-pointer font-semibold text-brand">{title}</summary>
          <div className="mt-3">{form}</div>
        </details>
      ) : (
        form
      )}
    </FormStateContext.Provider>
  );
}

function SubmitButton({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-70">
      {pending ? 'Enviando…' : label}
    </button>
  );
}

/** The state of the enclosing ActionForm, for fields kept in their own module (the location field). */
export function useWorkspaceFormState(): WorkspaceFormState {
  return useContext(FormStateContext);
}

function useField(name: string) {
  const state = useContext(FormStateContext);
  const errors = state.status === 'error' ? (state.fieldErrors[name] ?? []) : [];
  const typed = state.status === 'error' || state.status === 'draft' ? state.values[name] : undefined;
  return { errors, typed };
}

function Describers({ hintId, hint, errorId, errors }: { hintId: string; hint?: string; errorId: string; errors: string[] }) {
  return (
    <>
      {hint && (
        <p id={hintId} className="mt-1 text-sm text-slate-700">
          {hint}
        </p>
      )}
      {errors.length > 0 && (
        <ul id={errorId} className="mt-1 text-sm font-medium text-red-800">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function describedBy(hint: string | undefined, hintId: string, errors: string[], errorId: string): string | undefined {
  return [hint ? hintId : null, errors.length ? errorId : null].filter(Boolean).join(' ') || undefined;
}

export function HiddenField({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />;
}

/** The form render's idempotency key; after an error, the one the action sent back (a fresh one if it expired). */
export function SubmissionKeyField({ value }: { value: string }) {
  const { typed } = useField(SUBMISSION_KEY_FIELD);
  return <input type="hidden" name={SUBMISSION_KEY_FIELD} value={typed ?? value} />;
}

export function TextAreaField({ name, label, hint, rows = 5, defaultValue = '', required = true }: { name: string; label: string; hint?: string; rows?: number; defaultValue?: string; required?: boolean }) {
  const id = useId();
  const { errors, typed } = useField(name);
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {label}
        {!required && <span className="font-normal text-slate-700"> (opcional)</span>}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        key={typed ?? defaultValue}
        defaultValue={typed ?? defaultValue}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy(hint, `${id}-hint`, errors, `${id}-error`)}
        className={inputClass}
      />
      <Describers hint={hint} hintId={`${id}-hint`} errors={errors} errorId={`${id}-error`} />
    </div>
  );
}

export function TextField({
  name,
  label,
  hint,
  type = 'text',
  defaultValue = '',
  required = true,
  autoComplete,
  inputMode,
}: {
  name: string;
  label: string;
  hint?: string;
  type?: 'text' | 'email' | 'tel' | 'date';
  defaultValue?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'tel' | 'email';
}) {
  const id = useId();
  const { errors, typed } = useField(name);
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {label}
        {!required && <span className="font-normal text-slate-700"> (opcional)</span>}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        key={typed ?? defaultValue}
        defaultValue={typed ?? defaultValue}
        autoComplete={autoComplete}
        inputMode={inputMode}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy(hint, `${id}-hint`, errors, `${id}-error`)}
        className={inputClass}
      />
      <Describers hint={hint} hintId={`${id}-hint`} errors={errors} errorId={`${id}-error`} />
    </div>
  );
}

/**
 * Files sent with the movement (field `files`). No default value: browsers never re-fill a file input, so
 * after an error round it is empty and its errors name the file that was refused.
 */
export function FileField({ name = 'files', label = 'Anexos', hint }: { name?: string; label?: string; hint?: string }) {
  const id = useId();
  const { errors } = useField(name);
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {label}
        <span className="font-normal text-slate-700"> (opcional)</span>
      </label>
      <input
        id={id}
        name={name}
        type="file"
        multiple
        accept={ACCEPT_ATTRIBUTE}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy(hint, `${id}-hint`, errors, `${id}-error`)}
        className="mt-1 block w-full text-sm"
      />
      <Describers hint={hint} hintId={`${id}-hint`} errors={errors} errorId={`${id}-error`} />
    </div>
  );
}

export type Option = { value: string; label: string };

export function SelectField({ name, label, options, hint, defaultValue = '', placeholder }: { name: string; label: string; options: Option[]; hint?: string; defaultValue?: string; placeholder?: string }) {
  const id = useId();
  const { errors, typed } = useField(name);
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <select
        id={id}
        name={name}
        key={typed ?? defaultValue}
        defaultValue={typed ?? defaultValue}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy(hint, `${id}-hint`, errors, `${id}-error`)}
        className={inputClass}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Describers hint={hint} hintId={`${id}-hint`} errors={errors} errorId={`${id}-error`} />
    </div>
  );
}

export function CheckboxGroupField({ name, legend, options, hint, defaultValues = [] }: { name: string; legend: string; options: Option[]; hint?: string; defaultValues?: string[] }) {
  const id = useId();
  const { errors, typed } = useField(name);
  const checked = typed !== undefined ? typed.split(MULTI_VALUE_SEPARATOR) : defaultValues;
  return (
    <fieldset aria-describedby={describedBy(hint, `${id}-hint`, errors, `${id}-error`)} aria-invalid={errors.length > 0 || undefined}>
      <legend className="font-semibold">{legend}</legend>
      <Describers hint={hint} hintId={`${id}-hint`} errors={errors} errorId={`${id}-error`} />
      <div className="mt-2 grid gap-1 sm:grid-cols-2">
        {options.map((option) => (
          <label key={`${option.value}-${checked.includes(option.value)}`} className="flex items-start gap-2">
            <input type="checkbox" name={name} value={option.value} defaultChecked={checked.includes(option.value)} className="mt-1 h-4 w-4" />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function RadioGroupField({ name, legend, options, hint, defaultValue }: { name: string; legend: string; options: (Option & { hint?: string })[]; hint?: string; defaultValue?: string }) {
  const id = useId();
  const { errors, typed } = useField(name);
  const selected = typed ?? defaultValue;
  return (
    <fieldset aria-describedby={describedBy(hint, `${id}-hint`, errors, `${id}-error`)}>
      <legend className="font-semibold">{legend}</legend>
      <Describers hint={hint} hintId={`${id}-hint`} errors={errors} errorId={`${id}-error`} />
      <div className="mt-2 space-y-1">
        {options.map((option) => (
          <label key={`${option.value}-${selected === option.value}`} className="flex items-start gap-2">
            <input type="radio" name={name} value={option.value} defaultChecked={selected === option.value} className="mt-1 h-4 w-4" aria-invalid={errors.length > 0 || undefined} />
            <span>
              {option.label}
              {option.hint && <span className="block text-sm text-slate-700">{option.hint}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
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
      <button type="submit" name="intent" value="insert_template" className="rounded border border-brand px-3 py-2 font-semibold text-brand hover:bg-sky-50">
        Inserir modelo no texto
      </button>
    </div>
  );
}

export function CheckboxField({ name, label, hint, defaultChecked = false }: { name: string; label: string; hint?: string; defaultChecked?: boolean }) {
  const id = useId();
  const { errors, typed } = useField(name);
  const state = useContext(FormStateContext);
  // After an error, an unticked box is simply absent from the post.
  const checked = state.status === 'error' || state.status === 'draft' ? typed === 'on' : defaultChecked;
  return (
    <div>
      <label htmlFor={id} className="flex items-start gap-2">
        <input
          id={id}
          key={String(checked)}
          type="checkbox"
          name={name}
          defaultChecked={checked}
          className="mt-1 h-4 w-4"
          aria-describedby={describedBy(hint, `${id}-hint`, errors, `${id}-error`)}
        />
        <span>{label}</span>
      </label>
      <Describers hint={hint} hintId={`${id}-hint`} errors={errors} errorId={`${id}-error`} />
    </div>
  );
}
