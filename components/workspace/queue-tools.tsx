import type { ReactNode } from 'react';
import { CheckboxField, SelectField, TextAreaField, TextField, type SelectOption } from '@/components/ui/field-client';
import { ActionForm, HiddenField } from '@/components/workspace/action-form';
import type { WorkspaceFormState } from '@/lib/actions/workspace-form-state';

/** The queue page's tools: saving the queue as a view, deleting one's view, acting on the chosen rows. */

type Action = (state: WorkspaceFormState, formData: FormData) => Promise<WorkspaceFormState>;

/**
 * "Salvar esta visão": the queue's query string under a name; shared with the person's secretaria when
 * ticked (choosing which, when they belong to several).
 */
export function SaveViewForm({ action, query, secretarias }: { action: Action; query: string; secretarias: SelectOption[] }) {
  const [only] = secretarias;
  return (
    <ActionForm action={action} submitLabel="Salvar visão" title="Salvar esta visão">
      <HiddenField name="query" value={query} />
      <TextField name="name" label="Nome da visão" hint="Por exemplo: “Atrasadas do Centro por risco”." maxLength={80} />
      {only && (
        <CheckboxField
          name="share"
          label={secretarias.length === 1 ? `Compartilhar com a secretaria (${only.label})` : 'Compartilhar com a secretaria'}
          hint="Quem é da secretaria vê a visão no menu; só você pode excluí-la."
        />
      )}
      {secretarias.length > 1 && <SelectField name="departmentId" label="Secretaria com quem compartilhar" options={secretarias} optional placeholder="Escolha" />}
    </ActionForm>
  );
}

export function DeleteViewForm({ action, viewId }: { action: Action; viewId: string }) {
  return (
    <ActionForm action={action} submitLabel="Excluir esta visão">
      <HiddenField name="viewId" value={viewId} />
    </ActionForm>
  );
}

/**
 * The queue's rows and the bulk action in one form, so that it works without JavaScript: tick rows, choose
 * what to do and its target, send. The use case checks each demand and changes all of them or none.
 * `departments` is empty for whoever does not forward; `duplicates` is for the triage desks only.
 */
export function BulkForm({
  action,
  assignees,
  departments,
  tags,
  duplicates,
  children,
}: {
  action: Action;
  assignees: SelectOption[];
  departments: SelectOption[];
  tags: SelectOption[];
  duplicates: boolean;
  children: ReactNode;
}) {
  const operations: SelectOption[] = [{ value: 'assign', label: 'Atribuir a uma pessoa' }];
  if (departments.length) operations.push({ value: 'forward', label: 'Encaminhar a uma secretaria' });
  if (tags.length) operations.push({ value: 'tag', label: 'Pôr uma etiqueta' });
  if (duplicates) operations.push({ value: 'duplicate', label: 'Marcar como duplicadas de uma principal' });
  return (
    <ActionForm action={action} submitLabel="Aplicar às selecionadas">
      {children}
      {/* Each field says which operation it serves (`data-for`): the stylesheet shows only the chosen one's. */}
      <fieldset className="bulk-fields grid gap-3 rounded border border-slate-300 p-3 sm:grid-cols-3">
        <legend className="px-1 font-semibold">Ação com as manifestações selecionadas</legend>
        <SelectField name="operation" label="O que fazer" options={operations} defaultValue="assign" />
        <div data-for="assign">
          <SelectField name="assigneeId" label="Pessoa (para atribuir)" options={assignees} placeholder="Escolha" />
        </div>
        {departments.length > 0 && (
          <div data-for="forward">
            <SelectField name="departmentId" label="Secretaria (para encaminhar)" options={departments} placeholder="Escolha" />
          </div>
        )}
        {tags.length > 0 && (
          <div data-for="tag">
            <SelectField name="tagId" label="Etiqueta (para etiquetar)" options={tags} placeholder="Escolha" />
          </div>
        )}
        {duplicates && (
          <>
            <div data-for="duplicate">
              <TextField
                name="mainProtocol"
                label="Protocolo da principal (para duplicadas)"
                hint="Em branco: a mais antiga das selecionadas é a principal."
                optional
                maxLength={40}
                inputMode="numeric"
              />
            </div>
            <div data-for="duplicate" className="sm:col-span-2">
              <TextAreaField
                name="note"
                label="Nota pública (para duplicadas)"
                hint="Cada cidadão das duplicadas recebe este texto; a resposta final da principal responde a todas."
                rows={3}
                maxLength={4000}
              />
            </div>
          </>
        )}
      </fieldset>
    </ActionForm>
  );
}
