'use client';

import { MULTI_VALUE_SEPARATOR } from '@/lib/actions/workspace-form-state';
import { useWorkspaceFormState } from './action-form';

/**
 * A queue row's box in the bulk form (field `demandIds`), labelled with its protocol for screen readers.
 * After a refused bulk action the rows chosen stay ticked; `checked` is "Selecionar todas desta página".
 */
export function RowCheckbox({ demandId, protocol, checked }: { demandId: string; protocol: string; checked: boolean }) {
  const state = useWorkspaceFormState();
  const kept = state.status === 'error' ? (state.values.demandIds ?? '').split(MULTI_VALUE_SEPARATOR).includes(demandId) : checked;
  const id = `selecionar-${demandId}`;
  return (
    <>
      <input key={String(kept)} id={id} type="checkbox" name="demandIds" value={demandId} defaultChecked={kept} className="size-5 accent-brand" />
      <label htmlFor={id} className="sr-only">
        Selecionar {protocol}
      </label>
    </>
  );
}
