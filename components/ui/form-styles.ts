/**
 * The look every form of the app shares, citizen or staff — in a plain module, so server components
 * (components/forms/form-alert.tsx) and client ones read the same classes.
 */

/** A text input, text area or select (components/ui/field.tsx). */
export const inputClass =
  'mt-2 block w-full rounded-md border border-slate-600 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700';

/**
 * gov.br's buttons (a pill, 600 weight): `primary` sends the form, `secondary` is the other choice beside
 * it (inverts on hover, so no contrast is lost whatever the municipality's colour), `danger` deletes or
 * deactivates. Links dressed as buttons use the same classes.
 */
export const buttonClasses = {
  primary: 'bg-brand text-white hover:bg-brand-dark',
  secondary: 'border-2 border-brand bg-white text-brand hover:bg-brand hover:text-white',
  danger: 'bg-red-800 text-white hover:bg-red-900',
} as const;

export type ButtonVariant = keyof typeof buttonClasses;

export function buttonClass(variant: ButtonVariant = 'primary'): string {
  return `inline-flex min-h-11 items-center justify-center rounded-full px-6 py-2 text-base font-semibold ${buttonClasses[variant]} aria-disabled:cursor-wait aria-disabled:opacity-80 disabled:cursor-wait disabled:opacity-80`;
}

/** The box at the top of a form after it was sent: the error summary (error-summary.tsx) and FormAlert's notices. */
export const summaryBox = {
  error: 'mb-6 rounded-md border-4 border-red-700 bg-white p-4',
  success: 'mb-6 rounded-md border-l-8 border-green-700 bg-green-50 p-4 text-green-900',
  info: 'mb-6 rounded-md border-l-8 border-brand bg-sky-50 p-4 text-slate-900',
} as const;

export const summaryTitle = 'text-lg font-bold text-red-800';

export const summaryLink = 'font-semibold text-red-800 underline underline-offset-2 hover:no-underline';

/** "Label — message", as each wrong field is listed. */
export function summaryLine(field: string, message: string, labels?: Record<string, string>): string {
  return labels?.[field] ? `${labels[field]} — ${message}` : message;
}
