'use server';

import { redirect } from 'next/navigation';
import { createCategory, updateCategory } from '@/lib/admin/categories';
import { errorState, type FormState } from '@/lib/actions/form-state';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import type { FieldErrors } from '@/lib/domain/intake-schema';

const PAGE = '/painel/admin/categorias';
const requireAdmin = () => guarded(() => requireRole('admin'), PAGE);

const QUESTION_KEYS = ['name', 'label', 'type', 'required', 'options', 'hint'] as const;

/**
 * The form posts one row of inputs per question (`fields.3.label`…), a "remove" box on each and a blank
 * row for a new one. Kept rows become the use case's `fields`; `rowOf` maps its error keys back to the
 * rows on the page.
 */
function categoryInput(formData: FormData) {
  const rowIndexes = [...new Set([...formData.keys()].map((key) => /^fields\.(\d+)\./.exec(key)?.[1]).filter((index) => index !== undefined))]
    .map(Number)
    .sort((a, b) => a - b);
  const rowOf: number[] = [];
  const fields: Record<string, string>[] = [];
  for (const row of rowIndexes) {
    const question = Object.fromEntries(QUESTION_KEYS.map((key) => [key, String(formData.get(`fields.${row}.${key}`) ?? '')]));
    const blank = !question.name?.trim() && !question.label?.trim() && !question.options?.trim() && !question.hint?.trim();
    if (formData.get(`fields.${row}.remove`) === 'on' || blank) continue;
    rowOf.push(row);
    fields.push(question);
  }
  const text = (key: string) => (typeof formData.get(key) === 'string' ? String(formData.get(key)) : undefined);
  const input = {
    service: text('service'),
    name: text('name'),
    description: text('description'),
    departmentId: text('departmentId'),
    deadlineDays: text('deadlineDays'),
    active: text('active'),
    fields,
  };
  return { input, rowOf };
}

function errorsOnPageRows(fieldErrors: FieldErrors, rowOf: number[]): FieldErrors {
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([key, messages]) => {
      const match = /^fields\.(\d+)\.(.+)$/.exec(key);
      return [match ? `fields.${rowOf[Number(match[1])] ?? match[1]}.${match[2]}` : key, messages];
    }),
  );
}

export async function createCategoryAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  const { input, rowOf } = categoryInput(formData);
  const result = await createCategory(actor, input);
  if (!result.ok) return errorState(formData, errorsOnPageRows(result.fieldErrors, rowOf), result.message);
  redirect(`${PAGE}?ok=criada`);
}

export async function updateCategoryAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  const { input, rowOf } = categoryInput(formData);
  const result = await updateCategory(actor, String(formData.get('id') ?? ''), input);
  if (!result.ok) return errorState(formData, errorsOnPageRows(result.fieldErrors, rowOf), result.message);
  redirect(`${PAGE}?ok=salva`);
}
