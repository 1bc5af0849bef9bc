'use client';

import { useActionState, type FormEvent, type ReactNode } from 'react';
import { LostResponseNotice, usePendingPost } from '@/components/demand/pending-post';
import { AttachmentsField } from '@/components/demand/attachments-field';
import { FILES_NOT_SENT, useFileLimits } from '@/components/demand/use-file-limits';
import { Receipt } from '@/components/demand/receipt';
import { useOfflineFiling } from '@/components/offline/use-offline-filing';
import { RequesterFields } from '@/components/demand/requester-fields';
import { SubjectLocationField } from '@/components/map/subject-location-field';
import { ErrorSummary } from '@/components/ui/error-summary';
import { RadioGroupField, SelectField, TextAreaField, TextField, type SelectOption } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, SUBMISSION_KEY_FIELD } from '@/lib/actions/form-state';
import { KIND_HINTS, KIND_LABELS } from '@/lib/domain/labels';
import type { MapSettings } from '@/lib/geo/map-settings';
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
  /** This render's idempotency key: posting the form again files nothing new. */
  submissionKey: string;
  /** The map of the subjects that ask where it happened, and those subjects. */
  location: { settings: MapSettings; subjectIds: string[] };
};

export function OuvidoriaForm({
  intro,
  preselectedKind,
  subjects,
  departments,
  requesterDefaults = {},
  submissionKey,
  location,
}: Props) {
  const [state, formAction] = useActionState(fileOuvidoriaDemand, idleState);
  const { fileErrors, checkFiles } = useFileLimits();
  const { lostPost, rememberPost } = usePendingPost(state.status !== 'idle');
  // Files over the limits stop the post before it leaves; only a post that leaves is kept for a lost answer.
  const offline = useOfflineFiling('ouvidoria');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    checkFiles(event);
    if (event.defaultPrevented || offline.keepIfOffline(event)) return;
    rememberPost(event);
  };
  if (state.status === 'success') return <Receipt receipt={state.result} newHref="/ouvidoria/nova" submissionKey={submissionKey} />;
  if (offline.receipt) return <Receipt receipt={offline.receipt} newHref="/ouvidoria/nova" />;

  const values = state.status === 'error' ? state.values : (lostPost ?? requesterDefaults);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  return (
    <>
      {intro}
      {offline.notice}
      {fileErrors && <ErrorSummary message={FILES_NOT_SENT} errors={{ files: fileErrors }} />}
      {!fileErrors && state.status === 'error' && <ErrorSummary message={state.message} errors={errors} />}
      {state.status === 'idle' && lostPost && <LostResponseNotice what="manifestação" />}
      <form key={lostPost ? 'recuperado' : 'novo'} action={formAction} onSubmit={submit} noValidate className="mt-6 space-y-8">
        <input type="hidden" name={SUBMISSION_KEY_FIELD} value={values[SUBMISSION_KEY_FIELD] ?? submissionKey} />
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
          <SubjectLocationField settings={location.settings} subjectIds={location.subjectIds} values={values} errors={errors} />
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
