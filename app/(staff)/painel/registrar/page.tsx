import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { lineText } from '@/lib/domain/plain-text';
import { CheckboxField, FileField, RadioGroupField, SelectField, TextAreaField, TextField } from '@/components/ui/field-client';
import { ActionForm, HiddenField, SubmissionKeyField } from '@/components/workspace/action-form';
import { ACCEPT_ATTRIBUTE } from '@/lib/attachments/rules';
import { ATTACHMENT_HINT } from '@/lib/attachments/rules';
import { getCitizen, listActiveCategories, listNeighbourhoods, searchCitizens, type CitizenMatch } from '@/lib/db/queries/workspace-options';
import { issueSubmissionKey } from '@/lib/demands/submission-key';
import { formatCpf } from '@/lib/domain/cpf';
import { CHANNEL_LABELS, IDENTITY_HINTS, IDENTITY_LABELS, KIND_HINTS, KIND_LABELS, SERVICE_LABELS } from '@/lib/domain/labels';
import { formatMobilePhone } from '@/lib/domain/phone';
import { IDENTITIES, OUVIDORIA_KINDS, SERVICES } from '@/lib/domain/vocabulary';
import { STAFF_INTAKE_CHANNELS } from '@/lib/domain/workspace-schemas';
import { LocationFormField } from '@/components/workspace/location-form-field';
import { mapSettings } from '@/lib/geo/map-settings';
import { requireStaffPage } from '../staff-page';
import { staffIntakeAction } from './actions';

export const metadata: Metadata = { title: 'Registrar demanda' };

const SearchSchema = z.object({
  busca: lineText().max(120).optional().catch(undefined),
  cidadao: z.uuid().optional().catch(undefined),
  servico: z.enum(SERVICES).optional().catch(undefined),
  catalogo: z.uuid().optional().catch(undefined),
});

/**
 * A demand that came in person, by phone, letter, e-mail or Facebook. Three steps that work without
 * JavaScript: find the citizen (or go on without one), choose the service, fill in the demand.
 */
export default async function StaffIntakePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage('/painel/registrar');
  if (actor.role !== 'attendant' && actor.role !== 'ombudsman') {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">Registrar demanda</h1>
        <p>Só o Balcão da Cidadania e a Ouvidoria registram demandas em nome do cidadão.</p>
      </div>
    );
  }
  const raw = await searchParams;
  const search = SearchSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const [matches, citizen, balcaoServices, ouvidoriaSubjects, neighbourhoods] = await Promise.all([
    search.busca ? searchCitizens({ actor, query: search.busca }) : Promise.resolve([]),
    search.cidadao ? getCitizen({ actor, id: search.cidadao }) : Promise.resolve(null),
    listActiveCategories('balcao'),
    listActiveCategories('ouvidoria'),
    listNeighbourhoods(),
  ]);
  const service = search.servico ?? (actor.role === 'attendant' ? 'balcao' : 'ouvidoria');
  const balcaoService = service === 'balcao' ? balcaoServices.find((c) => c.id === search.catalogo) : undefined;
  const keep = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ cidadao: citizen?.id, servico: service, catalogo: balcaoService?.id, ...changes })) if (value) params.set(key, value);
    return `/painel/registrar?${params}`;
  };

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Registrar demanda recebida pelo atendimento</h1>

      <section aria-labelledby="passo-cidadao" className="space-y-3">
        <h2 id="passo-cidadao" className="text-xl font-bold">
          1. Cidadão
        </h2>
        {citizen ? (
          <p>
            Registrando para <strong>{citizen.name}</strong> ({citizen.email}).{' '}
            <Link className="text-brand underline" href={keep({ cidadao: undefined })}>
              Trocar ou registrar sem cadastro
            </Link>
          </p>
        ) : (
          <p>Procure o cidadão pelo nome, e-mail, celular ou CPF. Sem cadastro, preencha os dados dele no formulário abaixo.</p>
        )}
        <form method="get" action="/painel/registrar" aria-label="Buscar cidadão" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="servico" value={service} />
          {balcaoService && <input type="hidden" name="catalogo" value={balcaoService.id} />}
          <div>
            <label htmlFor="busca-cidadao" className="block font-semibold">
              Buscar cidadão
            </label>
            <input id="busca-cidadao" name="busca" defaultValue={search.busca ?? ''} className="mt-1 rounded border border-slate-500 px-3 py-2" />
          </div>
          <button type="submit" className="rounded border border-brand px-4 py-2 font-semibold text-brand">
            Buscar
          </button>
        </form>
        {search.busca && <CitizenResults matches={matches} hrefOf={(id) => keep({ cidadao: id })} />}
      </section>

      <section aria-labelledby="passo-servico" className="space-y-3">
        <h2 id="passo-servico" className="text-xl font-bold">
          2. Serviço
        </h2>
        <form method="get" action="/painel/registrar" className="flex flex-wrap items-end gap-3">
          {citizen && <input type="hidden" name="cidadao" value={citizen.id} />}
          <div>
            <label htmlFor="escolha-servico" className="block font-semibold">
              Serviço
            </label>
            <select id="escolha-servico" name="servico" defaultValue={service} className="mt-1 rounded border border-slate-500 px-3 py-2">
              {SERVICES.map((s) => (
                <option key={s} value={s}>
                  {SERVICE_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="escolha-catalogo" className="block font-semibold">
              Serviço do catálogo (Balcão)
            </label>
            <select id="escolha-catalogo" name="catalogo" defaultValue={balcaoService?.id ?? ''} className="mt-1 rounded border border-slate-500 px-3 py-2">
              <option value="">—</option>
              {balcaoServices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded border border-brand px-4 py-2 font-semibold text-brand">
            Continuar
          </button>
        </form>
      </section>

      <section aria-labelledby="passo-demanda" className="space-y-3">
        <h2 id="passo-demanda" className="text-xl font-bold">
          3. {service === 'balcao' ? (balcaoService ? balcaoService.name : 'Escolha o serviço do catálogo acima') : 'Manifestação da Ouvidoria'}
        </h2>
        {(service === 'ouvidoria' || balcaoService) && (
          <ActionForm action={staffIntakeAction} submitLabel="Registrar demanda">
            <SubmissionKeyField value={issueSubmissionKey()} />
            <HiddenField name="service" value={service} />
            {citizen && <HiddenField name="requesterUserId" value={citizen.id} />}
            <SelectField
              name="channel"
              label="Por onde chegou"
              options={STAFF_INTAKE_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
              defaultValue={actor.role === 'attendant' ? 'in_person' : 'phone'}
            />
            {service === 'ouvidoria' ? (
              <>
                <RadioGroupField name="kind" label="Tipo" options={OUVIDORIA_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k], hint: KIND_HINTS[k] }))} defaultValue="complaint" />
                <SelectField name="categoryId" label="Assunto" options={ouvidoriaSubjects.map((c) => ({ value: c.id, label: c.name }))} placeholder="Sem assunto definido" />
                <TextField name="subject" label="Resumo" hint="Uma frase: do que se trata." />
                <TextAreaField name="description" label="Relato do cidadão" rows={8} />
              </>
            ) : balcaoService ? (
              <>
                <HiddenField name="categoryId" value={balcaoService.id} />
                <TextAreaField name="description" label="O que o cidadão pede" />
                <TextField name="addressLine" label="Endereço (rua e número ou ponto de referência)" />
                <SelectField name="neighbourhoodId" label="Bairro" options={neighbourhoods.map((n) => ({ value: n.id, label: n.name }))} placeholder="Escolha o bairro" />
                <LocationFormField settings={mapSettings(neighbourhoods)} />
                {balcaoService.fields.map((field) =>
                  field.type === 'select' ? (
                    <SelectField key={field.name} name={`details.${field.name}`} label={field.label} hint={field.hint} options={(field.options ?? []).map((o) => ({ value: o, label: o }))} placeholder="Escolha" />
                  ) : (
                    <TextField key={field.name} name={`details.${field.name}`} label={field.label} hint={field.hint} optional={!field.required} />
                  ),
                )}
              </>
            ) : null}
            <RadioGroupField
              name="identity"
              label="Como o cidadão quer se identificar"
              options={IDENTITIES.map((i) => ({ value: i, label: IDENTITY_LABELS[i], hint: IDENTITY_HINTS[i] }))}
              defaultValue="identified"
            />
            <TextField name="name" label="Nome" defaultValue={citizen?.name ?? ''} autoComplete="off" />
            <TextField name="email" label="E-mail" type="email" defaultValue={citizen?.email ?? ''} optional autoComplete="off" />
            <TextField name="phone" label="Celular" type="tel" defaultValue={citizen?.phone ? formatMobilePhone(citizen.phone) : ''} optional hint="Com DDD, como (14) 99123-4567." inputMode="tel" />
            <TextField name="cpf" label="CPF" defaultValue={citizen?.cpf ? formatCpf(citizen.cpf) : ''} optional inputMode="numeric" />
            <CheckboxField name="notifyByWhatsapp" label="Avisar o cidadão também pelo WhatsApp" />
            <FileField name="files" label="Anexos" optional multiple accept={ACCEPT_ATTRIBUTE} hint={`${ATTACHMENT_HINT} Por exemplo, a carta digitalizada ou as fotos que o cidadão trouxe.`} />
          </ActionForm>
        )}
      </section>
    </div>
  );
}

function CitizenResults({ matches, hrefOf }: { matches: CitizenMatch[]; hrefOf: (id: string) => string }) {
  if (!matches.length) return <p role="status">Nenhum cidadão cadastrado encontrado. Preencha os dados dele no formulário.</p>;
  return (
    <ul className="divide-y divide-slate-300 rounded border border-slate-300" aria-label="Cidadãos encontrados">
      {matches.map((m) => (
        <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 p-2">
          <span>
            <strong>{m.name}</strong> · {m.email}
            {m.phone ? ` · ${formatMobilePhone(m.phone)}` : ''}
            {m.cpf ? ` · CPF ${formatCpf(m.cpf)}` : ''}
          </span>
          <Link className="text-brand underline" href={hrefOf(m.id)}>
            Registrar para {m.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
