import { z } from 'zod';

/**
 * Text people type: letters, digits, punctuation and (in multi-line fields) line breaks and tabs. Control
 * characters — NUL above all — arrive only by pasting from another program or from a crafted post;
 * PostgreSQL refuses NUL in text and JSON, so letting one through turned a citizen's demand into a failed
 * query (and, before errors were redacted, their identity into the server log). Refused with a message
 * instead, next to the field, so the person knows what to fix.
 */

/** C0 controls, DEL and the C1 controls. */
const CONTROL_IN_LINE = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, except tab, line feed and carriage return, which a multi-line text holds legitimately. */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export const CONTROL_CHARACTER_MESSAGE =
  'O texto tem um caractere invisível (de controle), que costuma vir de texto colado de outro programa. Apague o trecho colado e digite-o de novo.';

export function hasControlCharacters(value: string, options: { multiline: boolean }): boolean {
  return (options.multiline ? CONTROL_IN_TEXT : CONTROL_IN_LINE).test(value);
}

/** For text we cannot send back to be fixed (a WhatsApp profile name, a provider's error detail). */
export function withoutControlCharacters(value: string): string {
  return value.replace(new RegExp(CONTROL_IN_LINE.source, 'g'), '');
}

/** True when any string inside a JSON-like value (keys included) holds a control character. */
export function containsControlCharacters(value: unknown): boolean {
  if (typeof value === 'string') return hasControlCharacters(value, { multiline: true });
  if (Array.isArray(value)) return value.some(containsControlCharacters);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([key, inner]) => hasControlCharacters(key, { multiline: false }) || containsControlCharacters(inner));
  }
  return false;
}

/** A one-line field (name, subject, address, search), trimmed: no control characters at all. */
export function lineText(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).trim().refine((value) => !hasControlCharacters(value, { multiline: false }), { error: CONTROL_CHARACTER_MESSAGE });
}

/** A multi-line field (description, answer, note), trimmed: line breaks and tabs allowed, other controls refused. */
export function multilineText(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).trim().refine((value) => !hasControlCharacters(value, { multiline: true }), { error: CONTROL_CHARACTER_MESSAGE });
}
