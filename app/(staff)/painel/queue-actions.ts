'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import type { WorkspaceFormState } from '@/lib/actions/workspace-form-state';
import { formError, formInput, staffOrError } from '@/lib/actions/workspace-action';
import { fieldErrorsOf } from '@/lib/domain/intake-schema';
import { BulkActionSchema, type BulkOperation } from '@/lib/domain/bulk-actions';
import { DeleteViewSchema, SaveViewSchema } from '@/lib/domain/saved-views';
import { applyBulkAction } from '@/lib/demands/bulk';
import { deleteView, saveView } from '@/lib/demands/saved-views';

// The queue page's actions: staff guard, zod, the use case (which checks the actor and each demand again).

export async function saveViewAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  const guard = await staffOrError(formData);
  if ('state' in guard) return guard.state;
  const parsed = SaveViewSchema.safeParse(formInput(formData));
  if (!parsed.success) return formError(formData, 'Confira os campos destacados.', fieldErrorsOf(parsed.error));
  const result = await saveView(guard.actor, parsed.data);
  if (!result.ok) return formError(formData, result.error, result.fieldErrors);
  revalidatePath('/painel', 'layout');
  redirect(`/painel/visoes/${result.viewId}`);
}

export async function deleteViewAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  const guard = await staffOrError(formData);
  if ('state' in guard) return guard.state;
  const parsed = DeleteViewSchema.safeParse(formInput(formData));
  if (!parsed.success) return formError(formData, 'Visão inválida.', fieldErrorsOf(parsed.error));
  const result = await deleteView(guard.actor, parsed.data);
  if (!result.ok) return formError(formData, result.error, result.fieldErrors);
  revalidatePath('/painel', 'layout');
  redirect('/painel');
}

export async function bulkAction(_state: WorkspaceFormState, formData: FormData): Promise<WorkspaceFormState> {
  const guard = await staffOrError(formData);
  if ('state' in guard) return guard.state;
  const parsed = BulkActionSchema.safeParse(formInput(formData));
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return formError(formData, Object.values(fieldErrors).flat()[0] ?? 'Confira os campos destacados.', fieldErrors);
  }
  const result = await applyBulkAction(guard.actor, parsed.data);
  if (!result.ok) return formError(formData, result.error, result.fieldErrors);
  revalidatePath('/painel', 'layout');
  return { status: 'success', result: undefined, message: bulkDoneMessage(parsed.data.operation, result.changed, result.mainProtocol) };
}

function bulkDoneMessage(operation: BulkOperation, changed: number, mainProtocol?: string): string {
  const demandsText = changed === 1 ? '1 manifestação' : `${changed} manifestações`;
  const plural = changed === 1 ? '' : 's';
  switch (operation) {
    case 'assign':
      return `${demandsText} atribuída${plural}.`;
    case 'forward':
      return `${demandsText} encaminhada${plural}.`;
    case 'tag':
      return `Etiqueta posta em ${demandsText}.`;
    case 'duplicate':
      return `${demandsText} marcada${plural} como duplicada${plural} de ${mainProtocol}: a resposta final da principal responde a todas.`;
  }
}
