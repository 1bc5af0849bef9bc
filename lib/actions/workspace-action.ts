import 'server-only';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { uploadedFiles, withFilesToChooseAgain } from './form-state';
import { prepareFiles } from '@/lib/attachments/prepare';
import { AuthorizationError, requireStaff, type Actor } from '@/lib/auth/guards';
import { getAnswerTemplate } from '@/lib/db/queries/workspace-options';
import { fieldErrorsOf, type FieldErrors } from '@/lib/domain/intake-schema';
import { parseProtocol } from '@/lib/domain/protocol';
import { splitViewPath } from '@/lib/domain/queues';
import type { MessageOptions } from '@/lib/demands/event-files';
import type { UseCaseResult } from '@/lib/demands/workflow';
import { MULTI_VALUE_SEPARATOR, QUEUE_RETURN_FIELD, SEEN_VERSION_FIELD, type WorkspaceFormState } from './workspace-form-state';

/**
 * The frame of every workspace server action: staff only (checked here, inside the action — every action
 * is a public POST endpoint), zod on the form, then the use case, which checks the demand and the
 * transition again. Errors come back per field, in Portuguese, with what was typed.
 */

/** The form's fields; a field sent several times (checkboxes) becomes a list. */
export function formInput(formData: FormData): Record<string, string | string[]> {
  const input: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith('$ACTION')) continue;
    const values = formData.getAll(key).filter((value): value is string => typeof value === 'string');
    input[key] = values.length > 1 ? values : (values[0] ?? '');
  }
  return input;
}

export function typedFormValues(formData: FormData): Record<string, string> {
  return Object.fromEntries(Object.entries(formInput(formData)).map(([key, value]) => [key, Array.isArray(value) ? value.join(MULTI_VALUE_SEPARATOR) : value]));
}

export function formError(formData: FormData, message: string, fieldErrors: FieldErrors = {}): WorkspaceFormState {
  return { status: 'error', message, fieldErrors, values: typedFormValues(formData) };
}

/** The signed-in staff member, or the state that tells them why not. */
export async function staffOrError(formData: FormData): Promise<{ actor: Actor } | { state: WorkspaceFormState }> {
  try {
    return { actor: await requireStaff() };
  } catch (error) {
    if (error instanceof AuthorizationError) return { state: formError(formData, error.message) };
    throw error;
  }
}

/**
 * Runs one demand action from the demand page. On success it goes back to the demand page, or to the queue
 * with the demand open beside it when taken there (a redirect works with and without JavaScript), with a
 * fixed confirmation; `templateField` names the text the
 * "Inserir modelo" button adds a template to.
 */
export async function runDemandAction<S extends z.ZodType>(
  formData: FormData,
  options: {
    schema: S;
    useCase: (actor: Actor, input: z.output<S>, options: MessageOptions) => Promise<UseCaseResult>;
    done: string;
    templateField?: string;
    /** The form carries files (field `files`): the use case receives them, and checks and stores them. */
    withFiles?: boolean;
    /**
     * The action changes nothing another person sees (the logged identity reveal), so it is not refused when
     * the demand moved since the page was loaded.
     */
    anyVersion?: boolean;
  },
): Promise<WorkspaceFormState> {
  const guard = await staffOrError(formData);
  if ('state' in guard) return guard.state;
  const input = formInput(formData);
  const files = options.withFiles ? uploadedFiles(formData) : [];

  if (options.templateField && input.intent === 'insert_template') return insertTemplate(formData, input, options.templateField, files);

  const parsed = options.schema.safeParse(input);
  if (!parsed.success) {
    // The files are checked too, so that a refused file shows up in the same round as a missing text.
    const checked = files.length ? await prepareFiles(files) : null;
    const fieldErrors: FieldErrors = { ...fieldErrorsOf(parsed.error), ...(checked && !checked.ok ? { files: checked.errors } : {}) };
    return formError(formData, withFilesToChooseAgain('Confira os campos destacados.', files, fieldErrors), fieldErrors);
  }
  const seenVersion = options.anyVersion ? undefined : versionSeen(input);
  if (seenVersion === null) return formError(formData, withFilesToChooseAgain(NO_VERSION, files, {}));
  const result = await options.useCase(guard.actor, parsed.data, { seenVersion, ...(options.withFiles ? { files } : {}) });
  if (!result.ok) {
    // Refused because the demand moved (or its state no longer allows it): the page is drawn again with the
    // timeline as it is now, and the form keeps what was typed.
    if (result.status === 409) revalidatePath('/painel', 'layout');
    return formError(formData, withFilesToChooseAgain(result.error, files, result.fieldErrors ?? {}), result.fieldErrors);
  }

  const protocol = parseProtocol(typeof input.protocol === 'string' ? input.protocol : '');
  revalidatePath('/painel', 'layout');
  if (!protocol.ok) redirect('/painel');
  // Taken beside the queue (split view): back to the same queue with the demand open.
  const queueQuery = input[QUEUE_RETURN_FIELD];
  redirect(typeof queueQuery === 'string' && queueQuery ? splitViewPath(queueQuery, protocol.protocol, options.done) : `/painel/demandas/${protocol.protocol}?feito=${options.done}`);
}

/** The version of the demand the form was drawn with (`SEEN_VERSION_FIELD`), or null when the form has none. */
function versionSeen(input: Record<string, string | string[]>): number | null {
  const parsed = SeenVersionSchema.safeParse(input[SEEN_VERSION_FIELD]);
  return parsed.success ? parsed.data : null;
}

const SeenVersionSchema = z.string().regex(/^\d{1,15}$/).transform(Number);

const NO_VERSION = 'Esta página está desatualizada. Recarregue a manifestação para ver a linha do tempo atual; o seu texto foi mantido.';

async function insertTemplate(formData: FormData, input: Record<string, string | string[]>, field: string, files: readonly File[]): Promise<WorkspaceFormState> {
  const templateId = typeof input.templateId === 'string' ? input.templateId : '';
  const template = /^[0-9a-f-]{36}$/i.test(templateId) ? await getAnswerTemplate(templateId) : null;
  if (!template) return formError(formData, 'Escolha um modelo da lista.', { templateId: ['Escolha um modelo da lista.'] });
  const values = typedFormValues(formData);
  const current = values[field]?.trim() ?? '';
  return {
    status: 'draft',
    message: withFilesToChooseAgain(`Modelo “${template.title}” inserido. Revise o texto antes de enviar.`, files, {}),
    values: { ...values, [field]: current ? `${current}\n\n${template.body}` : template.body },
  };
}
