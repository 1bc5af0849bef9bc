import type { Metadata } from 'next';
import Link from 'next/link';
import { formatDate, KIND_LABELS } from '@/lib/domain/labels';
import { DEMAND_KINDS } from '@/lib/domain/vocabulary';
import { municipality } from '@/lib/municipality';
import { retentionRuleFromEnv } from '@/lib/privacy/retention';

export const metadata: Metadata = { title: 'Aviso de privacidade' };

// The retention periods shown are read from RETENTION_DAYS at run time.
export const dynamic = 'force-dynamic';

/** The privacy notice (LGPD art. 9 and art. 23 I; Lei 13.460 art. 6): every text comes from lib/municipality.ts. */
export default function PrivacyNoticePage() {
  const privacy = municipality.privacy;
  const officer = privacy.dataProtectionOfficer;
  const rule = retentionRuleFromEnv();
  const years = (days: number) => (days % 365 === 0 ? `${days / 365} ${days === 365 ? 'ano' : 'anos'}` : `${days} dias`);
  return (
    <article className="max-w-3xl">
      <h1 className="text-3xl font-bold">Aviso de privacidade</h1>
      <p className="mt-2 text-slate-700">
        Como a {privacy.controller.name} trata os dados pessoais de quem usa a {municipality.siteName}, conforme a Lei Geral de
        Proteção de Dados (Lei nº 13.709/2018) e a Lei nº 13.460/2017. Versão de {formatDate(privacy.updatedOn)}.
      </p>

      <section aria-labelledby="controlador" className="mt-8">
        <h2 id="controlador" className="text-xl font-semibold">
          Quem é o controlador
        </h2>
        <p className="mt-2">
          {privacy.controller.name}
          {privacy.controller.cnpj ? `, CNPJ ${privacy.controller.cnpj}` : ''}, {privacy.controller.address}.
        </p>
      </section>

      <section aria-labelledby="encarregado" className="mt-8">
        <h2 id="encarregado" className="text-xl font-semibold">
          Encarregado pelo tratamento de dados (LGPD art. 41)
        </h2>
        <ul className="mt-2 space-y-1">
          <li>{officer.name}</li>
          <li>
            E-mail: <a href={`mailto:${officer.email}`} className="text-brand underline">{officer.email}</a>
          </li>
          <li>Telefone: {officer.phone}</li>
          <li>Endereço: {officer.address}</li>
          <li>Atendimento: {officer.hours}</li>
        </ul>
      </section>

      <section aria-labelledby="finalidades" className="mt-8">
        <h2 id="finalidades" className="text-xl font-semibold">
          Para que usamos os seus dados
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          {privacy.purposes.map((purpose) => (
            <li key={purpose}>{purpose}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="bases" className="mt-8">
        <h2 id="bases" className="text-xl font-semibold">
          Bases legais
        </h2>
        <dl className="mt-2 space-y-2">
          {privacy.legalBases.map((basis) => (
            <div key={basis.article}>
              <dt className="font-semibold">{basis.article}</dt>
              <dd>{basis.text}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="destinatarios" className="mt-8">
        <h2 id="destinatarios" className="text-xl font-semibold">
          Quem recebe os dados
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          {privacy.recipients.map((recipient) => (
            <li key={recipient}>{recipient}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="guarda" className="mt-8">
        <h2 id="guarda" className="text-xl font-semibold">
          Por quanto tempo guardamos
        </h2>
        <p className="mt-2">{privacy.retentionText}</p>
        <table className="mt-3 w-full border-collapse text-left text-sm">
          <caption className="mb-1 text-left font-semibold">Prazo de guarda dos dados do solicitante, contado da conclusão do pedido</caption>
          <thead>
            <tr>
              <th scope="col" className="border border-slate-300 bg-slate-100 px-2 py-1">
                Tipo de pedido
              </th>
              <th scope="col" className="border border-slate-300 bg-slate-100 px-2 py-1">
                Prazo
              </th>
            </tr>
          </thead>
          <tbody>
            {DEMAND_KINDS.map((kind) => {
              const days = rule[kind];
              return (
                <tr key={kind}>
                  <th scope="row" className="border border-slate-300 px-2 py-1 font-normal">
                    {KIND_LABELS[kind]}
                  </th>
                  <td className="border border-slate-300 px-2 py-1">{days === null ? 'Guardados com o documento' : years(days)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="direitos" className="mt-8">
        <h2 id="direitos" className="text-xl font-semibold">
          Seus direitos e como exercê-los
        </h2>
        <dl className="mt-2 space-y-3">
          {privacy.rights.map((right) => (
            <div key={right.right}>
              <dt className="font-semibold">{right.right}</dt>
              <dd>{right.how}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4">
          <Link href="/minha-conta#meus-dados" className="text-brand underline">
            Ir para Minha conta
          </Link>{' '}
          (é preciso entrar). Sem conta, escreva ao encarregado pelo e-mail acima.
        </p>
        <p className="mt-2">{privacy.authority}</p>
      </section>
    </article>
  );
}
