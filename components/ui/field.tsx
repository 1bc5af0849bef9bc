import {
  createContext,
  useContext,
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { CharacterCounter } from './character-counter';
import { fieldId } from './field-id';
import { inputClass } from './form-styles';

/**
 * The one set of form fields of the whole app — citizen intake, sign-in and account, the workspace and the
 * admin. Each carries its label, hint and errors, wired with `aria-describedby` and `aria-invalid` so a
 * screen reader announces them with the field; the error sits above the control with a red bar, as gov.br
 * and GOV.UK do. Ids derive from the field name (`fieldId`), so the error summary can link to them.
 *
 * A field takes its errors and kept value from its props, or — inside a form that holds its own state
 * (the workspace's ActionForm, through `BoundFieldsProvider`) — from that form's last answer.
 */

export { fieldId };

/** What a form that manages its state tells its fields: each field's errors and, after an error or a draft, what was typed. */
export type BoundFields = {
  fieldErrors: Partial<Record<string, string[]>>;
  values?: Partial<Record<string, string>>;
  /** How the values of one name posted many times (a checkbox group) are joined in `values`. */
  separator: string;
};

const BoundFieldsContext = createContext<BoundFields | null>(null);

export const BoundFieldsProvider = BoundFieldsContext.Provider;

type Common = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  /**
   * Required fields are the rule; optional ones say so in their label. 'unmarked': not required on its
   * own, but part of a choice the hint explains (e-mail or phone).
   */
  optional?: boolean | 'unmarked';
  /** Defaults to `fieldId(name)`; inside a bound form (several forms on one page), a generated one. */
  id?: string;
  className?: string;
};

/** The field's id, errors and kept value, from its props or from the bound form around it. */
function useFieldState(name: string, props: { id?: string; errors?: string[]; defaultValue?: string }) {
  const bound = useContext(BoundFieldsContext);
  const generated = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const id = props.id ?? (bound ? `${fieldId(name)}-${generated}` : fieldId(name));
  const errors = props.errors ?? bound?.fieldErrors[name] ?? [];
  const typed = bound?.values?.[name];
  const defaultValue = typed ?? props.defaultValue;
  // A bound form's fields are re-mounted when its answer brings other values (their default is read once).
  const key = bound ? (defaultValue ?? '') : undefined;
  return { id, errors, typed, defaultValue, key, bound };
}

export { inputClass };

const checkClass = 'mt-0.5 h-5 w-5 shrink-0 accent-brand';

const shellClass = (errors: string[], className?: string) =>
  `${errors.length ? 'border-l-4 border-red-700 pl-3' : ''} ${className ?? ''}`.trim() || undefined;

function describedBy(id: string, hint: unknown, errors: string[]) {
  return [errors.length ? `${id}-erro` : null, hint ? `${id}-dica` : null].filter(Boolean).join(' ') || undefined;
}

function OptionalMark({ optional }: { optional?: Common['optional'] }) {
  return optional === true ? <span className="font-normal text-slate-700"> (opcional)</span> : null;
}

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={`${id}-dica`} className="mt-1 text-sm text-slate-700">
      {children}
    </p>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={`${id}-erro`} className="mt-1 font-semibold text-red-700">
      {errors.map((error) => (
        <span key={error} className="block">
          <span className="sr-only">Erro: </span>
          {error}
        </span>
      ))}
    </p>
  );
}

function FieldShell({ id, label, hint, errors, optional, className, children }: Omit<Common, 'name' | 'errors'> & { id: string; errors: string[]; children: ReactNode }) {
  return (
    <div className={shellClass(errors, className)}>
      <label htmlFor={id} className="block font-semibold">
        {label}
        <OptionalMark optional={optional} />
      </label>
      {hint && <Hint id={id}>{hint}</Hint>}
      <FieldErrors id={id} errors={errors} />
      {children}
    </div>
  );
}

type TextFieldProps = Common &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'className' | 'defaultValue' | 'value'> & {
    defaultValue?: string;
    /** A narrower control (e.g. 'sm:max-w-xs') for short answers. */
    width?: string;
  };

export function TextField({ name, label, hint, errors, optional, id, className, defaultValue, width, type = 'text', ...input }: TextFieldProps) {
  const field = useFieldState(name, { id, errors, defaultValue });
  return (
    <FieldShell id={field.id} label={label} hint={hint} errors={field.errors} optional={optional} className={className}>
      <input
        key={field.key}
        id={field.id}
        name={name}
        type={type}
        defaultValue={field.defaultValue}
        aria-invalid={field.errors.length ? true : undefined}
        aria-describedby={describedBy(field.id, hint, field.errors)}
        aria-required={optional ? undefined : true}
        className={`${inputClass} ${width ?? ''}`}
        {...input}
      />
    </FieldShell>
  );
}

type TextAreaFieldProps = Common &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name' | 'className' | 'defaultValue' | 'value'> & { defaultValue?: string };

/** A text area; with a `maxLength`, a counter under it (read out only when typing pauses). */
export function TextAreaField({ name, label, hint, errors, optional, id, className, defaultValue, rows = 6, maxLength, ...textarea }: TextAreaFieldProps) {
  const field = useFieldState(name, { id, errors, defaultValue });
  return (
    <FieldShell id={field.id} label={label} hint={hint} errors={field.errors} optional={optional} className={className}>
      <textarea
        key={field.key}
        id={field.id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        defaultValue={field.defaultValue}
        aria-invalid={field.errors.length ? true : undefined}
        aria-describedby={describedBy(field.id, hint, field.errors)}
        aria-required={optional ? undefined : true}
        className={inputClass}
        {...textarea}
      />
      {maxLength && <CharacterCounter fieldId={field.id} maxLength={maxLength} />}
    </FieldShell>
  );
}

/**
 * A file input. It takes no default value: browsers never let a page choose files for the person, so after
 * an error round it comes back empty and its errors say which file was refused.
 */
export function FileField({ name, label, hint, errors, optional, id, className, accept, multiple }: Common & { accept?: string; multiple?: boolean }) {
  const field = useFieldState(name, { id, errors });
  return (
    <FieldShell id={field.id} label={label} hint={hint} errors={field.errors} optional={optional} className={className}>
      <input
        id={field.id}
        name={name}
        type="file"
        accept={accept}
        multiple={multiple}
        aria-invalid={field.errors.length ? true : undefined}
        aria-describedby={describedBy(field.id, hint, field.errors)}
        aria-required={optional ? undefined : true}
        className="mt-2 block w-full text-base file:mr-3 file:rounded-md file:border file:border-slate-600 file:bg-white file:px-3 file:py-2 file:font-semibold file:text-slate-900"
      />
    </FieldShell>
  );
}

export type SelectOption = { value: string; label: string };

type SelectFieldProps = Common &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name' | 'className' | 'defaultValue' | 'value'> & {
    options: readonly SelectOption[];
    /** The first, empty choice ("Selecione"); none when absent. */
    placeholder?: string;
    defaultValue?: string;
  };

export function SelectField({ name, label, hint, errors, optional, id, className, defaultValue, options, placeholder, ...select }: SelectFieldProps) {
  const field = useFieldState(name, { id, errors, defaultValue });
  return (
    <FieldShell id={field.id} label={label} hint={hint} errors={field.errors} optional={optional} className={className}>
      <select
        key={field.key}
        id={field.id}
        name={name}
        defaultValue={field.defaultValue ?? ''}
        aria-invalid={field.errors.length ? true : undefined}
        aria-describedby={describedBy(field.id, hint, field.errors)}
        aria-required={optional ? undefined : true}
        className={inputClass}
        {...select}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

function Legend({ label, optional }: { label: ReactNode; optional?: Common['optional'] }) {
  return (
    <legend className="font-semibold">
      {label}
      <OptionalMark optional={optional} />
    </legend>
  );
}

export type RadioOption = { value: string; label: string; hint?: string };

/** A fieldset of radios; the summary links to the first radio (`fieldId(name)`). */
export function RadioGroupField({ name, label, hint, errors, optional, id, className, defaultValue, options }: Common & { options: readonly RadioOption[]; defaultValue?: string }) {
  const field = useFieldState(name, { id, errors, defaultValue });
  return (
    <fieldset className={shellClass(field.errors, className)} aria-describedby={describedBy(field.id, hint, field.errors)}>
      <Legend label={label} optional={optional} />
      {hint && <Hint id={field.id}>{hint}</Hint>}
      <FieldErrors id={field.id} errors={field.errors} />
      <div className="mt-2 space-y-2">
        {options.map((option, index) => {
          const optionId = index === 0 ? field.id : `${field.id}-${option.value}`;
          return (
            <div key={`${option.value}-${field.key}`} className="flex gap-3 rounded-md border border-slate-300 p-3 has-[:checked]:border-brand has-[:checked]:bg-sky-50">
              <input
                id={optionId}
                type="radio"
                name={name}
                value={option.value}
                defaultChecked={field.defaultValue === option.value}
                aria-describedby={option.hint ? `${optionId}-dica` : undefined}
                className={checkClass}
              />
              <div>
                <label htmlFor={optionId} className="font-medium">
                  {option.label}
                </label>
                {option.hint && (
                  <p id={`${optionId}-dica`} className="text-sm text-slate-700">
                    {option.hint}
                  </p>
                )}
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A group of checkboxes (departments of a user, channels of a service…) under one legend, with one error line. */
export function CheckboxGroupField({
  name,
  label,
  hint,
  errors,
  optional,
  id,
  className,
  options,
  defaultValues = [],
}: Common & { options: readonly SelectOption[]; defaultValues?: readonly string[] }) {
  const field = useFieldState(name, { id, errors });
  const checked = field.typed !== undefined && field.bound ? field.typed.split(field.bound.separator) : defaultValues;
  return (
    <fieldset className={shellClass(field.errors, className)} aria-describedby={describedBy(field.id, hint, field.errors)}>
      <Legend label={label} optional={optional} />
      {hint && <Hint id={field.id}>{hint}</Hint>}
      <FieldErrors id={field.id} errors={field.errors} />
      <ul className="mt-2 grid gap-2 sm:grid-cols-2">
        {options.map((option, index) => {
          const optionId = index === 0 ? field.id : `${field.id}-${option.value}`;
          return (
            <li key={`${option.value}-${checked.includes(option.value)}`} className="flex items-start gap-3">
              <input type="checkbox" id={optionId} name={name} value={option.value} defaultChecked={checked.includes(option.value)} className={checkClass} />
              <label htmlFor={optionId}>{option.label}</label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

type CheckboxFieldProps = Omit<Common, 'optional'> &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'className' | 'type' | 'defaultValue' | 'value'> & { defaultChecked?: boolean };

export function CheckboxField({ name, label, hint, errors, id, className, defaultChecked, ...input }: CheckboxFieldProps) {
  const field = useFieldState(name, { id, errors });
  // After an error round in a bound form, an unticked box is simply absent from the post.
  const checked = field.bound?.values ? field.typed === 'on' : defaultChecked;
  return (
    <div className={`flex gap-3 ${shellClass(field.errors, className) ?? ''}`}>
      <input
        key={String(checked)}
        id={field.id}
        type="checkbox"
        name={name}
        defaultChecked={checked}
        aria-invalid={field.errors.length ? true : undefined}
        aria-describedby={describedBy(field.id, hint, field.errors)}
        className={checkClass}
        {...input}
      />
      <div>
        <label htmlFor={field.id} className="font-medium">
          {label}
        </label>
        {hint && <Hint id={field.id}>{hint}</Hint>}
        <FieldErrors id={field.id} errors={field.errors} />
      </div>
    </div>
  );
}

/** A new password and its repetition, as every form that sets one asks for them (sign-up, first admin, Minha conta, a user's reset). */
export function NewPasswordFields({
  labels,
  errors,
  hint = 'Pelo menos 8 caracteres.',
}: {
  labels: { password: string; passwordConfirmation: string };
  errors: Partial<Record<'password' | 'passwordConfirmation', string[]>>;
  hint?: string;
}) {
  return (
    <>
      <TextField name="password" label={labels.password} type="password" autoComplete="new-password" required minLength={8} errors={errors.password} hint={hint} />
      <TextField name="passwordConfirmation" label={labels.passwordConfirmation} type="password" autoComplete="new-password" required errors={errors.passwordConfirmation} />
    </>
  );
}
