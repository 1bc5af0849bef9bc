import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

/**
 * Labelled form controls with their hint and errors wired for screen readers (`aria-describedby`,
 * `aria-invalid`). Plain components: usable from server and client forms alike.
 */

const control =
  'mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-slate-900 aria-[invalid=true]:border-red-700 aria-[invalid=true]:border-2';

type Described = { id: string; hint?: ReactNode; errors?: string[] };

function describedBy({ id, hint, errors }: Described): string | undefined {
  const ids = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function HintAndErrors({ id, hint, errors }: Described) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-700">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-800">
          {errors.join(' ')}
        </p>
      ) : null}
    </>
  );
}

function Label({ htmlFor, label, optional }: { htmlFor: string; label: ReactNode; optional?: boolean }) {
  return (
    <label htmlFor={htmlFor} className="block font-medium">
      {label}
      {optional && <span className="font-normal text-slate-700"> (opcional)</span>}
    </label>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  optional?: boolean;
  id?: string;
};

export function TextField({ name, label, hint, errors, optional, id = name, className, ...input }: TextFieldProps) {
  return (
    <div className={className}>
      <Label htmlFor={id} label={label} optional={optional} />
      <input
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy({ id, hint, errors })}
        className={control}
        {...input}
      />
      <HintAndErrors id={id} hint={hint} errors={errors} />
    </div>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  optional?: boolean;
  id?: string;
};

export function TextAreaField({ name, label, hint, errors, optional, id = name, className, ...textarea }: TextAreaFieldProps) {
  return (
    <div className={className}>
      <Label htmlFor={id} label={label} optional={optional} />
      <textarea
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy({ id, hint, errors })}
        className={control}
        {...textarea}
      />
      <HintAndErrors id={id} hint={hint} errors={errors} />
    </div>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
  name: string;
  label: ReactNode;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
  hint?: ReactNode;
  errors?: string[];
  optional?: boolean;
  id?: string;
};

export function SelectField({ name, label, options, placeholder, hint, errors, optional, id = name, className, ...select }: SelectFieldProps) {
  return (
    <div className={className}>
      <Label htmlFor={id} label={label} optional={optional} />
      <select
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy({ id, hint, errors })}
        className={control}
        {...select}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <HintAndErrors id={id} hint={hint} errors={errors} />
    </div>
  );
}

type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  id?: string;
};

export function CheckboxField({ name, label, hint, errors, id = name, className, ...input }: CheckboxFieldProps) {
  return (
    <div className={className}>
      <div className="flex items-start gap-2">
        <input
          type="checkbox"
          id={id}
          name={name}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy({ id, hint, errors })}
          className="mt-1 h-5 w-5 shrink-0 accent-brand"
          {...input}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <div className="ml-7">
        <HintAndErrors id={id} hint={hint} errors={errors} />
      </div>
    </div>
  );
}

/** A group of checkboxes (e.g. department membership) under one legend, with one error line. */
export function CheckboxGroup({
  name,
  legend,
  options,
  checked,
  hint,
  errors,
}: {
  name: string;
  legend: ReactNode;
  options: readonly { value: string; label: string }[];
  checked: readonly string[];
  hint?: ReactNode;
  errors?: string[];
}) {
  const id = `${name}-group`;
  return (
    <fieldset aria-describedby={describedBy({ id, hint, errors })} className="rounded border border-slate-300 p-3">
      <legend className="px-1 font-medium">{legend}</legend>
      <HintAndErrors id={id} hint={hint} errors={errors} />
      <ul className="mt-2 grid gap-1 sm:grid-cols-2">
        {options.map((option) => (
          <li key={option.value} className="flex items-start gap-2">
            <input
              type="checkbox"
              id={`${name}-${option.value}`}
              name={name}
              value={option.value}
              defaultChecked={checked.includes(option.value)}
              className="mt-1 h-5 w-5 shrink-0 accent-brand"
            />
            <label htmlFor={`${name}-${option.value}`}>{option.label}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** A new password and its repetition, as every form that sets one asks for them (sign-up, first admin, Minha conta). */
export function NewPasswordFields({ labels, errors }: { labels: { password: string; passwordConfirmation: string }; errors: Partial<Record<'password' | 'passwordConfirmation', string[]>> }) {
  return (
    <>
      <TextField name="password" label={labels.password} type="password" autoComplete="new-password" required minLength={8} errors={errors.password} hint="Pelo menos 8 caracteres." />
      <TextField name="passwordConfirmation" label={labels.passwordConfirmation} type="password" autoComplete="new-password" required errors={errors.passwordConfirmation} />
    </>
  );
}
