/**
 * The look of the box at the top of a form after it was sent — the error summary (components/ui/
 * error-summary.tsx) and the notices of components/forms/form-alert.tsx share it, so every form of the
 * app, citizen or staff, answers the same way.
 */
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
