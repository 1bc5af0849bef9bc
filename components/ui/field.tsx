import type { InputHTMLAttributes, ReactNode } from 'react';
import { CharacterCounter } from './character-counter';

/**
 * Form fields that carry their own label, hint and errors, wired with `aria-describedby` and
 * `aria-invalid` so a screen reader announces them with the field. Ids derive from the field name, so the
 * error summary can link to them.
 */

export function fieldId(name: string): string {
  return `campo-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

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
  defaultValue?: string;
  className?: string;
};

export const inputClass =
  'mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700';

function describedBy(id: string, hint: unknown, errors?: string[]) {
  return [errors?.length ? `${id}-erro` : null, hint ? `${id}-dica` : null].filter(Boolean).join(' ') || undefined;
}

function Label({ id, label, optional }: { id: string; label: ReactNode; optional?: Common['optional'] }) {
  return (
    <label htmlFor={id} className="block font-semibold">
      {label}
      {optional === true && <span className="font-normal text-slate-700"> (opcional)</span>}
    </label>
  );
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
    <p id={`${id}-erro`} className="mt-1 font-medium text-red-700">
      {errors.map((error) => (
        <span key={error} className="block">
          <span className="sr-only">Erro: </span>
          {error}
        </span>
      ))}
    </p>
  );
}

function FieldShell({ id, label, hint, errors, optional, className, children }: Common & { id: string; children: ReactNode }) {
  return (
    <div className={`${errors?.length ? 'border-l-4 border-red-700 pl-3' : ''} ${className ?? ''}`}>
      <Label id={id} label={label} optional={optional} />
      {hint && <Hint id={id}>{hint}</Hint>}
      <FieldErrors id={id} errors={errors} />
      {children}
    </div>
  );
}

type TextFieldProps = Common &
  Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'autoComplete' | 'inputMode' | 'maxLength' | 'spellCheck' | 'placeholder'> & {
    width?: string;
  };

export function TextField({ name, label, hint, errors, optional, defaultValue, className, width, ...input }: TextFieldProps) {
  const id = fieldId(name);
  return (
    <FieldShell id={id} name={name} label={label} hint={hint} errors={errors} optional={optional} className={className}>
      <input
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        aria-required={optional ? undefined : true}
        className={`${inputClass} ${width ?? ''}`}
        {...input}
        type={input.type ?? 'text'}
      />
    </FieldShell>
  );
}

export function TextAreaField({ name, label, hint, errors, optional, defaultValue, className, rows = 6, maxLength }: Common & { rows?: number; maxLength?: number }) {
  const id = fieldId(name);
  return (
    <FieldShell id={id} name={name} label={label} hint={hint} errors={errors} optional={optional} className={className}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        aria-required={optional ? undefined : true}
        className={inputClass}
      />
      {maxLength && <CharacterCounter fieldId={id} maxLength={maxLength} />}
    </FieldShell>
  );
}

/**
 * A file input. It takes no default value: browsers never let a page choose files for the person, so after
 * an error round it comes back empty and its errors say which file was refused.
 */
export function FileField({ name, label, hint, errors, optional, className, accept, multiple }: Omit<Common, 'defaultValue'> & { accept?: string; multiple?: boolean }) {
  const id = fieldId(name);
  return (
    <FieldShell id={id} name={name} label={label} hint={hint} errors={errors} optional={optional} className={className}>
      <input
        id={id}
        name={name}
        type="file"
        accept={accept}
        multiple={multiple}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        aria-required={optional ? undefined : true}
        className="mt-2 block w-full text-base file:mr-3 file:rounded file:border file:border-slate-500 file:bg-white file:px-3 file:py-2 file:font-semibold file:text-slate-900"
      />
    </FieldShell>
  );
}

export type SelectOption = { value: string; label: string };

export function SelectField({ name, label, hint, errors, optional, defaultValue, className, options, placeholder = 'Selecione' }: Common & { options: SelectOption[]; placeholder?: string }) {
  const id = fieldId(name);
  return (
    <FieldShell id={id} name={name} label={label} hint={hint} errors={errors} optional={optional} className={className}>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue ?? ''}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        aria-required={optional ? undefined : true}
        className={inputClass}
      >
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export type RadioOption = { value: string; label: string; hint?: string };

/** A fieldset of radios; the summary links to the first radio (`fieldId(name)`). */
export function RadioGroupField({ name, label, hint, errors, optional, defaultValue, className, options }: Common & { options: RadioOption[] }) {
  const id = fieldId(name);
  return (
    <fieldset
      className={`${errors?.length ? 'border-l-4 border-red-700 pl-3' : ''} ${className ?? ''}`}
      aria-describedby={describedBy(id, hint, errors)}
    >
      <legend className="font-semibold">
        {label}
          {optional === true && <span className="font-normal text-slate-700"> (opcional)</span>}
      </legend>
      {hint && <Hint id={id}>{hint}</Hint>}
      <FieldErrors id={id} errors={errors} />
      <div className="mt-2 space-y-2">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div key={option.value} className="flex gap-3 rounded border border-slate-300 p-3 has-[:checked]:border-brand has-[:checked]:bg-sky-50">
              <input
                id={optionId}
                type="radio"
                name={name}
                value={option.value}
                defaultChecked={defaultValue === option.value}
                aria-describedby={option.hint ? `${optionId}-dica` : undefined}
                className="mt-1 h-5 w-5 shrink-0 accent-brand"
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

export function CheckboxField({ name, label, hint, errors, defaultChecked, className }: Omit<Common, 'defaultValue' | 'optional'> & { defaultChecked?: boolean }) {
  const id = fieldId(name);
  return (
    <div className={`flex gap-3 ${className ?? ''}`}>
      <input
        id={id}
        type="checkbox"
        name={name}
        defaultChecked={defaultChecked}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        className="mt-1 h-5 w-5 shrink-0 accent-brand"
      />
      <div>
        <label htmlFor={id} className="font-medium">
          {label}
        </label>
        {hint && <Hint id={id}>{hint}</Hint>}
        <FieldErrors id={id} errors={errors} />
      </div>
    </div>
  );
}
