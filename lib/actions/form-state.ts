import { isChosenFile } from '@/lib/attachments/rules';
import type { FieldErrors } from '@/lib/domain/intake-schema';

/** What a form's server action returns to `useActionState`: every field error and what the user typed. */
export type FormState<TResult = undefined> =
  | { status: 'idle' }
  | { status: 'error'; message: string; fieldErrors: FieldErrors; values: Record<string, string> }
  | { status: 'success'; result: TResult; message?: string };

export const idleState = { status: 'idle' } as const;

/** Text fields of a form post, for re-filling the form (files and React's own `$ACTION_` fields left out). */
export function typedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION') || typeof value !== 'string') continue;
    values[key] = value;
  }
  return values;
}

/** The files a post carries under `name`, without the empty entry an untouched file input sends. */
export function uploadedFiles(formData: FormData, name = 'files'): File[] {
  return formData.getAll(name).filter((value): value is File => value instanceof File && isChosenFile(value));
}

/**
 * Sent by the attachments field once its script runs: it keeps the chosen files in memory and puts them
 * back in the input when the form comes back with errors, so the person need not choose them again.
 */
export const FILES_KEPT_FIELD = 'anexos-mantidos';

/**
 * Browsers cannot re-fill a file input, so a form that comes back with errors comes back without its
 * files; when none of them was the problem, the person is told to choose them again.
 */
export function filesToChooseAgain(files: readonly File[], fieldErrors: FieldErrors): string | undefined {
  if (files.length === 0 || fieldErrors.files?.length) return undefined;
  return files.length === 1
    ? 'O anexo escolhido não foi enviado: escolha o arquivo de novo antes de enviar.'
    : `Os ${files.length} anexos escolhidos não foram enviados: escolha os arquivos de novo antes de enviar.`;
}

/** `message`, followed by the request to choose the files again when the form comes back without them. */
export function withFilesToChooseAgain(message: string, files: readonly File[], fieldErrors: FieldErrors): string {
  const chooseAgain = filesToChooseAgain(files, fieldErrors);
  return chooseAgain ? `${message} ${chooseAgain}` : message;
}

/** `details.reference_point=x` becomes `{ details: { reference_point: 'x' } }`; one level deep is enough. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(typedValues(formData))) {
    const [head, tail] = key.split(/\.(.+)/);
    if (head && tail) {
      const nested = (object[head] ??= {}) as Record<string, unknown>;
      nested[tail] = value;
    } else {
      object[key] = value;
    }
  }
  return object;
}

export function errorState(formData: FormData, fieldErrors: FieldErrors, message = 'Confira os campos destacados.'): FormState<never> {
  return { status: 'error', message, fieldErrors, values: typedValues(formData) };
}

/** The same post without its password fields, so that a password never travels back to the page. */
export function withoutPasswords(formData: FormData): FormData {
  const copy = new FormData();
  for (const [key, value] of formData.entries()) {
    if (!/password/i.test(key)) copy.append(key, value);
  }
  return copy;
}

/**
 * The hidden field that carries an intake form's idempotency key (made when the form is rendered; see
 * lib/demands/submission-key.ts). Here, not there, because the form components name it too.
 */
export const SUBMISSION_KEY_FIELD = 'idempotencyKey';
