import type { FormState } from './form-state';

/**
 * A workspace form's state: the usual outcomes, plus `draft` — the form comes back with an answer
 * template inserted into its text, for the user to revise and send (how the insertion works without
 * JavaScript: the "Inserir modelo" button posts the form).
 */
export type WorkspaceFormState = FormState | { status: 'draft'; message: string; values: Record<string, string> };

/** Multi-valued fields (checkboxes) travel in `values` joined by this; ids never contain it. */
export const MULTI_VALUE_SEPARATOR = ',';

/** The hidden field with the queue's query string, posted by the forms of a demand opened beside the queue. */
export const QUEUE_RETURN_FIELD = 'voltarFila';

/** The hidden field of every demand action form: the demand's version the person saw (`demandVersion`). */
export const SEEN_VERSION_FIELD = 'seenVersion';
