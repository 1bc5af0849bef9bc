import type { Metadata } from 'next';
import { EmailLink, PhoneLink, PhoneLinks } from '@/components/ui/contact-links';
import Link from 'next/link';
import { DEADLINE_DAYS } from '@/lib/domain/deadlines';
import { OUVIDORIA_KIND_SLUGS } from '@/lib/domain/kind-slugs';
import { KIND_HINTS, KIND_LABELS } from '@/lib/domain/labels';
import { municipality } from '@/lib/municipality';
import { OUVIDORIA_KINDS } from '@/lib/domain/vocabulary';

export const metadata: Metadata = { title: 'Ouvidoria' };

export default function OuvidoriaPage() {
  const contact = municipality.ouvidoria;
  return (
    <div className="max-w-3xl space-y-10">
      <section>
        <h1 className="text-3xl font-bold">Ouvidoria Municipal</h1>
        <p className="mt-3">
          A Ouvidoria é o canal para você falar com a {municipality.prefeitura} sobre os serviços públicos: reclamar,
          denunciar, sugerir, elogiar, pedir uma providência ou pedir uma informação pública. Ela recebe a sua
          manifestação, encaminha à secretaria responsável, cobra a resposta no prazo e devolve a você uma resposta
          conclusiva.
        </p>
        <p className="mt-3">
          Nenhuma manifestação pode ser recusada (Lei nº 13.460/2017, art. 11). Para pedir um serviço do dia a dia, como
          poda de árvore ou troca de lâmpada, use o{' '}
          <Link href="/balcao" className="font-semibold text-brand underline">
            Balcão da Cidadania
          </Link>
          : o pedido vai direto à secretaria que faz o serviço.
        </p>
        <p className="mt-6">
          <Link href="/ouvidoria/nova" className="inline-block rounded-full bg-brand px-6 py-3 font-semibold text-white hover:bg-brand-dark">
            Registrar manifestação
          </Link>
        </p>
      </section>

      <section aria-labelledby="tipos">
        <h2 id="tipos" className="text-2xl font-bold">
          Tipos de manifestação
        </h2>
        <ul className="mt-4 grid gap-4 sm:grid-cols-2">
          {OUVIDORIA_KINDS.map((kind) => (
            <li key={kind} className="rounded border border-slate-300 p-4">
              <h3 className="font-bold">
                <Link href={`/ouvidoria/nova?tipo=${OUVIDORIA_KIND_SLUGS[kind]}`} className="text-brand underline">
                  {KIND_LABELS[kind]}
                </Link>
              </h3>
              <p className="mt-1 text-slate-800">{KIND_HINTS[kind]}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="prazos">
        <h2 id="prazos" className="text-2xl font-bold">
          Prazos de resposta
        </h2>
        <ul className="mt-4 list-disc space-y-2 pl-6">
          <li>
            <strong>Manifestações</strong> (reclamação, denúncia, sugestão, elogio, solicitação de providência): resposta
            conclusiva em até {DEADLINE_DAYS.ouvidoria} dias, prorrogáveis uma única vez, com justificativa, por mais{' '}
            {DEADLINE_DAYS.ouvidoriaExtension} dias (Lei nº 13.460/2017, art. 16).
          </li>
          <li>
            <strong>Pedidos de acesso à informação</strong>: resposta em até {DEADLINE_DAYS.information} dias, prorrogáveis
            por mais {DEADLINE_DAYS.informationExtension} dias com justificativa informada a você (Lei nº 12.527/2011, art.
            11). Se a informação for negada, você pode recorrer em até {DEADLINE_DAYS.informationAppeal} dias, e o recurso é
            decidido em {DEADLINE_DAYS.informationAppealDecision} dias (art. 15).
          </li>
          <li>
            Se a Ouvidoria pedir uma complementação, o prazo fica suspenso até a sua resposta. Sem resposta em{' '}
            {DEADLINE_DAYS.awaitingCitizenArchive} dias, a manifestação é arquivada.
          </li>
        </ul>
      </section>

      <section aria-labelledby="identidade">
        <h2 id="identidade" className="text-2xl font-bold">
          Sua identidade
        </h2>
        <p className="mt-3">
          Seus dados pessoais são informação protegida (Lei nº 13.460/2017, art. 10, § 7º). Você escolhe como se
          identificar:
        </p>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>
            <strong>Identificada</strong>: você recebe as respostas por e-mail ou WhatsApp.
          </li>
          <li>
            <strong>Sigilosa</strong>: só a Ouvidoria vê seus dados; as secretarias veem apenas um pseudônimo. Nas denúncias
            isso vale sempre.
          </li>
          <li>
            <strong>Anônima</strong>: nenhum dado pessoal é guardado. Você acompanha pelo site com o protocolo e um código
            de acesso mostrado uma única vez.
          </li>
        </ul>
      </section>

      <section aria-labelledby="outros-canais">
        <h2 id="outros-canais" className="text-2xl font-bold">
          Outros canais
        </h2>
        <ul className="mt-3 space-y-1">
          {contact.tollFree && (
            <li>
              Ligação gratuita: <PhoneLink number={contact.tollFree} />
            </li>
          )}
          <li>
            Telefone: <PhoneLinks numbers={contact.phones} />
          </li>
          <li>
            E-mail: <EmailLink address={contact.email} />
          </li>
          <li>
            Atendimento presencial: {contact.address}. {contact.hours}.
          </li>
        </ul>
      </section>
    </div>
  );
}
