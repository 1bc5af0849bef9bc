'use server';

import { redirect } from 'next/navigation';
import { errorState, type FormState } from '@/lib/actions/form-state';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import type { FieldErrors } from '@/lib/domain/intake-schema';
import { createCharter, updateCharter } from '@/lib/service-charter/editing';

const PAGE = '/painel/admin/carta-de-servicos';
const requireAdmin = () => guarded(() => requireRole('admin'), PAGE);

const TEXT_FIELDS = [
  'categoryId',
  'name',
  'departmentId',
  'deadlineText',
  'summary',
  'audience',
  'requirements',
  'documents',
  'steps',
  'priorityRules',
  'expectedWait',
  'fees',
  'location',
  'hours',
  'published',
  'note',
] as const;

/** The posted form as the use case reads it: boxes of the same name (channels, life events) as lists. */
function charterInput(formData: FormData): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of TEXT_FIELDS) {
    const value = formData.get(key);
    if (typeof value === 'string') input[key] = value;
  }
  input.channels = formData.getAll('channels').filter((value) => typeof value === 'string');
  input.lifeEvents = formData.getAll('lifeEvents').filter((value) => typeof value === 'string');
  return input;
}

/** The form back as it was sent; the boxes of a group travel as one comma-separated value. */
function refusedState(formData: FormData, result: { fieldErrors: FieldErrors; message?: string }): FormState {
  const state = errorState(formData, result.fieldErrors, result.message);
  if (state.status !== 'error') return state;
  const group = (name: string) => formData.getAll(name).filter((value) => typeof value === 'string').join(',');
  return { ...state, values: { ...state.values, channels: group('channels'), lifeEvents: group('lifeEvents') } };
}

export async function createCharterAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  const result = await createCharter(actor, charterInput(formData));
  if (!result.ok) return refusedState(formData, result);
  redirect(`${PAGE}?ok=criada`);
}

export async function updateCharterAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  const result = await updateCharter(actor, String(formData.get('id') ?? ''), charterInput(formData));
  if (!result.ok) return refusedState(formData, result);
  redirect(`${PAGE}?ok=salva`);
}
