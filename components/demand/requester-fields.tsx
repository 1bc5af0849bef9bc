import Link from 'next/link';
import { CheckboxField, RadioGroupField, SelectField, TextField } from '@/components/ui/field';
import { PROFILE_QUESTION_NAMES, PROFILE_QUESTIONS } from '@/lib/domain/privacy';
import { IDENTITY_HINTS, IDENTITY_LABELS } from '@/lib/domain/labels';
import { IDENTITIES, type Identity, type Service } from '@/lib/domain/vocabulary';

type Props = {
  values: Record<string, string>;
  errors: Partial<Record<string, string[]>>;
  /** Shown under the identity choice (e.g. how denúncias are protected). */
  identityHint?: string;
  /**
   * A Balcão service request is not a manifestação: its identity choice is worded in plain terms
   * ("sem identificação"), never with the Ouvidoria's "anônima" and "sigilosa".
   */
  service?: Service;
};

const BALCAO_IDENTITY_LABELS: Record<Identity, string> = {
  identified: 'Com identificação',
  confidential: 'Com identificação protegida',
  anonymous: 'Sem identificação',
};

const BALCAO_IDENTITY_HINTS: Record<Identity, string> = {
  identified: 'Seu nome acompanha o pedido e você recebe os avisos do andamento.',
  confidential: 'Você recebe os avisos, mas a equipe que atende o pedido não vê quem você é.',
  anonymous: 'Nenhum dado pessoal é guardado. Você acompanha com o protocolo e um código de acesso.',
};

/**
 * How the requester identifies and where answers go. With "anônima" chosen, a CSS rule (`:has`, no
 * JavaScript needed) hides the contact fields; whatever was typed there is dropped by the intake anyway.
 */
export function RequesterFields({ values, errors, identityHint, service = 'ouvidoria' }: Props) {
  const balcao = service === 'balcao';
  const labels = balcao ? BALCAO_IDENTITY_LABELS : IDENTITY_LABELS;
  const hints = balcao ? BALCAO_IDENTITY_HINTS : IDENTITY_HINTS;
  return (
    <div className="requester space-y-6">
      <RadioGroupField
        name="identity"
        label="Como você quer se identificar?"
        hint={identityHint}
        errors={errors.identity}
        defaultValue={values.identity ?? 'identified'}
        options={IDENTITIES.map((identity) => ({ value: identity, label: labels[identity], hint: hints[identity] }))}
      />

      <p className="anonymous-note hidden rounded border border-slate-300 bg-slate-50 p-3">
        {balcao ? 'No pedido sem identificação' : 'Na manifestação anônima'} não pedimos nome nem contato. Você vai receber um
        código de acesso para acompanhar pelo site; {balcao ? 'avisos' : 'respostas'} não chegam por e-mail ou WhatsApp.
      </p>

      <fieldset className="contact space-y-4">
        <legend className="text-lg font-bold">Seus dados</legend>
        <p className="text-sm text-slate-700">
          Informe um e-mail ou um celular para receber o protocolo e {balcao ? 'os avisos' : 'as respostas'}. Se escolher{' '}
          {balcao ? 'pedido sem identificação' : 'manifestação anônima'}, estes dados não são guardados.
        </p>
        <TextField name="name" label="Nome completo" autoComplete="name" errors={errors.name} defaultValue={values.name} maxLength={120} />
        <TextField
          name="email"
          type="email"
          label="E-mail"
          optional="unmarked"
          hint="Informe o e-mail, o celular ou os dois."
          autoComplete="email"
          spellCheck={false}
          errors={errors.email}
          defaultValue={values.email}
        />
        <TextField
          name="phone"
          type="tel"
          label="Celular com DDD"
          optional="unmarked"
          hint="Ex.: (14) 99123-4567. Informe o celular, o e-mail ou os dois."
          autoComplete="tel-national"
          inputMode="tel"
          errors={errors.phone}
          defaultValue={values.phone}
          width="sm:max-w-xs"
        />
        <CheckboxField
          name="notifyByWhatsapp"
          label="Quero receber os avisos também pelo WhatsApp neste celular"
          hint="Opcional. Precisa do celular preenchido acima."
          errors={errors.notifyByWhatsapp}
          defaultChecked={values.notifyByWhatsapp === 'on'}
        />
        <TextField
          name="cpf"
          label="CPF"
          optional
          hint="Ajuda a localizar seus registros no atendimento presencial. Ex.: 123.456.789-09."
          inputMode="numeric"
          autoComplete="off"
          errors={errors.cpf}
          defaultValue={values.cpf}
          width="sm:max-w-xs"
        />
      </fieldset>

      <details className="rounded border border-slate-300 p-4">
        <summary className="cursor-pointer font-semibold">Perfil do solicitante (opcional)</summary>
        <fieldset className="mt-3 space-y-4">
          <legend className="text-sm text-slate-700">
            Responda só se quiser. As respostas ficam separadas dos seus dados de identificação e aparecem apenas somadas nas
            estatísticas, sem nenhum grupo com menos de 5 pessoas.
          </legend>
          <div className="grid gap-4 sm:grid-cols-2">
            {PROFILE_QUESTION_NAMES.map((question) => (
              <SelectField
                key={question}
                name={`profile.${question}`}
                label={PROFILE_QUESTIONS[question].label}
                optional
                placeholder="Prefiro não informar"
                options={PROFILE_QUESTIONS[question].options.map((option) => ({ value: option, label: option }))}
                errors={errors[`profile.${question}`]}
                defaultValue={values[`profile.${question}`]}
              />
            ))}
          </div>
        </fieldset>
      </details>

      <p className="text-sm text-slate-700">
        Como a Prefeitura usa e protege seus dados: leia o{' '}
        <Link href="/privacidade" className="text-brand underline">
          aviso de privacidade
        </Link>
        .
      </p>
    </div>
  );
}
