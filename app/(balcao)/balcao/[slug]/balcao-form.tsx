'use client';

import { useActionState, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { LostResponseNotice, usePendingPost } from '@/components/demand/pending-post';
import { AttachmentsField } from '@/components/demand/attachments-field';
import { FILES_NOT_SENT, useFileLimits } from '@/components/demand/use-file-limits';
import { Receipt } from '@/components/demand/receipt';
import { useOfflineFiling } from '@/components/offline/use-offline-filing';
import { RequesterFields } from '@/components/demand/requester-fields';
import { LocationField } from '@/components/map/location-field';
import { ErrorSummary } from '@/components/ui/error-summary';
import { fieldId, SelectField, TextAreaField, TextField, type SelectOption } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState, SUBMISSION_KEY_FIELD } from '@/lib/actions/form-state';
import type { CategoryField } from '@/lib/domain/category-fields';
import type { MapSettings } from '@/lib/geo/map-settings';
import { DuplicateSuggestions } from '@/components/demand/duplicate-suggestions';
import { DUPLICATE_CHECK_FIELD, type SuggestionView } from '@/components/demand/duplicate-suggestions-model';
import { fileBalcaoRequest, type BalcaoFormState } from '../actions';

type Props = {
  intro: ReactNode;
  service: { id: string; slug: string; fields: CategoryField[] };
  neighbourhoods: SelectOption[];
  /** A signed-in citizen's own name and contacts, to start with. */
  requesterDefaults?: Record<string, string>;
  /** This render's idempotency key: posting the form again files nothing new. */
  submissionKey: string;
  /** The map of "Onde" (tiles, geocoder, the município's shapes). */
  map: MapSettings;
};

export function BalcaoForm({
  intro,
  service,
  neighbourhoods,
  requesterDefaults = {},
  submissionKey,
  map,
}: Props) {
  const [state, formAction] = useActionState<BalcaoFormState, FormData>(fileBalcaoRequest, idleState);
  const live = useLiveSuggestions(service.id);
  const { fileErrors, checkFiles } = useFileLimits();
  const { lostPost, rememberPost } = usePendingPost(state.status !== 'idle');
  // Files over the limits stop the post before it leaves; only a post that leaves is kept for a lost answer.
  const offline = useOfflineFiling('balcao');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    checkFiles(event);
    if (event.defaultPrevented || offline.keepIfOffline(event)) return;
    rememberPost(event);
  };
  if (state.status === 'success') return <Receipt receipt={state.result} newHref="/balcao" submissionKey={submissionKey} />;
  if (offline.receipt) return <Receipt receipt={offline.receipt} newHref="/balcao" />;

  const values = state.status === 'error' || state.status === 'suggestions' ? state.values : (lostPost ?? requesterDefaults);
  const errors = state.status === 'error' ? state.fieldErrors : {};
  const posted = state.status === 'suggestions' ? state.suggestions : [];
  const suggestions = posted.length ? posted : live.suggestions;
  // Once suggestions were on the page, the next post files (or joins) without asking again.
  const duplicateCheck = values[DUPLICATE_CHECK_FIELD] ?? (suggestions.length ? 'seen' : '');
  return (
    <>
      {intro}
      {offline.notice}
      {fileErrors && <ErrorSummary message={FILES_NOT_SENT} errors={{ files: fileErrors }} />}
      {!fileErrors && state.status === 'error' && (
        <ErrorSummary
          message={state.message}
          errors={errors}
          // The service's questions share generic messages ("Responda esta pergunta."): name the question.
          fieldLabels={Object.fromEntries(service.fields.map((field) => [`details.${field.name}`, field.label]))}
        />
      )}
      {state.status === 'idle' && lostPost && <LostResponseNotice what="pedido" />}
      <form key={lostPost ? 'recuperado' : 'novo'} action={formAction} onSubmit={submit} onInput={live.onInput} noValidate className="mt-6 space-y-8">
        <input type="hidden" name={SUBMISSION_KEY_FIELD} value={values[SUBMISSION_KEY_FIELD] ?? submissionKey} />
        <input type="hidden" name={DUPLICATE_CHECK_FIELD} value={duplicateCheck} />
        <input type="hidden" name="categoryId" value={service.id} />

        <fieldset className="space-y-4">
          <legend className="text-lg font-bold">O pedido</legend>
          {errors.categoryId && (
            <p id={fieldId('categoryId')} tabIndex={-1} className="font-medium text-red-700">
              {errors.categoryId.join(' ')}
            </p>
          )}
          {service.fields.map((field) => (
            <ServiceField key={field.name} field={field} values={values} errors={errors} />
          ))}
          <TextAreaField
            name="description"
            label="Descreva o pedido"
            hint="O que precisa ser feito e qualquer detalhe que ajude a equipe a encontrar o local."
            rows={5}
            maxLength={8000}
            errors={errors.description}
            defaultValue={values.description}
          />
          <AttachmentsField errors={fileErrors ?? errors.files} />
        </fieldset>

        <fieldset className="space-y-4">
          <legend className="text-lg font-bold">Onde</legend>
          <TextField
            name="addressLine"
            label="Endereço"
            hint="Rua e número mais próximo. Ex.: Rua Curuzu, 450."
            autoComplete="street-address"
            maxLength={200}
            errors={errors.addressLine}
            defaultValue={values.addressLine}
          />
          <SelectField placeholder="Selecione"
            name="neighbourhoodId"
            label="Bairro"
            options={neighbourhoods}
            errors={errors.neighbourhoodId}
            defaultValue={values.neighbourhoodId}
          />
          <LocationField settings={map} values={values} errors={errors} />
        </fieldset>

        <RequesterFields values={values} errors={errors} service="balcao" />

        <div aria-live="polite">
          <DuplicateSuggestions suggestions={suggestions} focusOnShow={posted.length > 0} filesDropped={posted.length > 0} />
        </div>

        <SubmitButton>{suggestions.length ? 'Não é o mesmo problema: enviar meu pedido' : 'Enviar pedido'}</SubmitButton>
      </form>
    </>
  );
}

function ServiceField({ field, values, errors }: { field: CategoryField; values: Record<string, string>; errors: Partial<Record<string, string[]>> }) {
  const name = `details.${field.name}`;
  const common = { name, label: field.label, hint: field.hint, optional: !field.required, errors: errors[name], defaultValue: values[name] };
  if (field.type === 'select') return <SelectField {...common} placeholder="Selecione" options={(field.options ?? []).map((option) => ({ value: option, label: option }))} />;
  if (field.type === 'textarea') return <TextAreaField {...common} rows={3} maxLength={2000} />;
  return <TextField {...common} maxLength={2000} />;
}

/** Waits this long after the last keystroke before asking the server. */
const SUGGESTION_DELAY_MS = 700;

/**
 * With JavaScript: asks /api/balcao/sugestoes as the citizen describes the problem (and once the map pin
 * fills the latitude and longitude fields), so the offer shows before the post.
 */
function useLiveSuggestions(categoryId: string) {
  const [suggestions, setSuggestions] = useState<SuggestionView[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastQuery = useRef('');
  useEffect(() => () => clearTimeout(timer.current), []);
  const onInput = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const read = (name: string) => {
      const value = new FormData(form).get(name);
      return typeof value === 'string' ? value : '';
    };
    const query = new URLSearchParams({ categoryId, description: read('description'), latitude: read('latitude'), longitude: read('longitude') }).toString();
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (query === lastQuery.current) return;
      lastQuery.current = query;
      fetch(`/api/balcao/sugestoes?${query}`)
        .then((response) => (response.ok ? (response.json() as Promise<{ suggestions: SuggestionView[] }>) : { suggestions: [] }))
        .then((body) => setSuggestions(body.suggestions))
        // Suggestions are a courtesy: without them the form still files (and the server offers them after the post).
        .catch(() => setSuggestions([]));
    }, SUGGESTION_DELAY_MS);
  };
  return { suggestions, onInput };
}
