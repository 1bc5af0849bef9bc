'use client';

import { useActionState, type ReactNode } from 'react';
import { AttachmentsField } from '@/components/demand/attachments-field';
import { FILES_NOT_SENT, useFileLimits } from '@/components/demand/use-file-limits';
import { Receipt } from '@/components/demand/receipt';
import { RequesterFields } from '@/components/demand/requester-fields';
import { ErrorSummary } from '@/components/ui/error-summary';
import { RadioGroupField, SelectField, TextAreaField, TextField, type SelectOption } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState } from '@/lib/actions/form-state';
import { KIND_HINTS, KIND_LABELS } from '@/lib/domain/labels';
import { OUVIDORIA_KINDS, type OuvidoriaKind } from '@/lib/domain/vocabulary';
import { fileOuvidoriaDemand } from '../actions';

type Props = {
  /** Title and introduction, replaced by the receipt once the manifestação is filed. */
  intro: ReactNode;
  preselectedKind?: OuvidoriaKind;
  subjects: SelectOption[];
  departments: SelectOption[];
  /** A signed-in citizen's own name and contacts, to start with. */
  requesterDefaults?: Record<string, string>;
};

export function OuvidoriaForm({ intro, preselectedKind, subjects, departments, requesterDefaults = {} }: Props) {
  const [state, formAction] = useActionState(fileOuvidoriaDemand, idleState);
  const { fileErrors, checkFiles } = useFileLimits();
  if (state.status === 'success') return <Receipt receipt={state.result} newHref="/ouvidoria/nova" />;

  const values = state.status === 'error' ? state.values : requesterDefaults;
  const errors = state.status === 'error' ? state.fieldErrors : {};
  return (
    <>
      {intro}
      {fileErrors && <ErrorSummary message={FILES_NOT_SENT} errors={{ files: fileErrors }} />}
      {!fileErrors && state.status === 'error' && <ErrorSummary message={state.message} errors={errors} />}
      <form action={formAction} onSubmit={checkFiles} noValidate className="mt-6 space-y-8">
        <RadioGroupField
          name="kind"
          label="Tipo de manifestação"
          errors={errors.kind}
          defaultValue={values.kind ?? preselectedKind}
          options={OUVIDORIA_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind], hint: KIND_HINTS[kind] }))}
        />

        <fieldset className="space-y-4">
          <legend className="text-lg font-bold">Sua manifestação</legend>
          <TextField
            name="subject"
            label="Assunto"
            hint="Um resumo em poucas palavras. Ex.: Demora no atendimento da UBS do Jardim Paraíso."
            maxLength={150}
            errors={errors.subject}
            defaultValue={values.subject}
          />
          <TextAreaField
            name="description"
            label="Descrição"
            hint="Conte o que aconteceu, onde e quando. Quanto mais detalhes, mais fácil apurar."
            rows={8}
            maxLength={8000}
            errors={errors.description}
            defaultValue={values.description}
          />
          <SelectField
            name="categoryId"
            label="Tema"
            optional
            hint="Se souber, escolha o tema mais próximo. A Ouvidoria confere e corrige se for preciso."
            placeholder="Não sei / outro"
            options={subjects}
            errors={errors.categoryId}
            defaultValue={values.categoryId}
          />
          <SelectField
            name="suggestedDepartmentId"
            label="Secretaria envolvida"
            optional
            hint="A secretaria que você acredita estar envolvida, se souber."
            placeholder="Não sei"
            options={departments}
            errors={errors.suggestedDepartmentId}
            defaultValue={values.suggestedDepartmentId}
          />
          <AttachmentsField errors={fileErrors ?? errors.files} />
        </fieldset>

        <RequesterFields
          values={values}
          errors={errors}
          identityHint="Em denúncias, as secretarias e o Controle Interno não veem quem você é; só a Ouvidoria tem acesso aos seus dados."
        />

        <SubmitButton>Enviar manifestação</SubmitButton>
      </form>
    </>
  );
}
