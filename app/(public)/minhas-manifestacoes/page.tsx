import type { Metadata } from 'next';
import Link from 'next/link';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/ui/submit-button';
import { requireActor } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { listClaimableDemands } from '@/lib/demands/claim';
import { listOwnDemands } from '@/lib/demands/citizen-demands';
import { formatDate, KIND_LABELS, SERVICE_LABELS, STATE_LABELS } from '@/lib/domain/labels';
import { claimDemandsAction, sendConfirmationLinkAction } from './actions';

export const metadata: Metadata = { title: 'Minhas manifestações' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const single = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

function Notice({ params }: { params: Record<string, string | string[] | undefined> }) {
  const claimed = Number(single(params.vinculadas));
  if (single(params.conta) === 'criada') {
    return (
      <FormAlert tone="success" title="Conta criada.">
        <p className="mt-1">Enviamos um link para o seu e-mail: abra-o para confirmar o endereço.</p>
      </FormAlert>
    );
  }
  if (single(params.email) === 'confirmado') return <FormAlert tone="success" title="E-mail confirmado." />;
  if (single(params.link) === 'enviado') return <FormAlert tone="success" title="Enviamos um link de confirmação para o seu e-mail." />;
  if (single(params.aviso) === 'vinculo-recusado') {
    return <FormAlert tone="error" title="Não foi possível vincular: escolha ao menos uma manifestação e confirme seu e-mail antes." />;
  }
  if (Number.isInteger(claimed) && claimed > 0) {
    return <FormAlert tone="success" title={claimed === 1 ? '1 manifestação foi vinculada à sua conta.' : `${claimed} manifestações foram vinculadas à sua conta.`} />;
  }
  return null;
}

export default async function MyDemandsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await guarded(requireActor, '/minhas-manifestacoes');
  const params = await searchParams;
  const page = Number(single(params.pagina)) || 1;
  const isCitizen = actor.role === 'citizen';
  const [own, claimable] = await Promise.all([listOwnDemands(actor, { page }), listClaimableDemands(actor)]);

  return (
    <div>
      <h1 className="text-3xl font-bold">Minhas manifestações</h1>
      <p className="mt-2 text-slate-700">
        Olá, {actor.name || actor.email}. Aqui estão as manifestações e pedidos ligados à sua conta.{' '}
        <Link href="/minha-conta" className="text-brand underline">
          Minha conta: senha e sessões
        </Link>
      </p>
      <div className="mt-6">
        <Notice params={params} />
      </div>

      {isCitizen && !claimable.emailVerified && (
        <section aria-labelledby="confirmar-email" className="mb-8 rounded border border-slate-300 bg-slate-50 p-4">
          <h2 id="confirmar-email" className="text-lg font-semibold">
            Confirme seu e-mail
          </h2>
          <p className="mt-1">
            Depois de confirmar <strong>{actor.email}</strong>, mostramos aqui as manifestações que você registrou com este e-mail sem
            ter entrado na conta, para vinculá-las.
          </p>
          <form action={sendConfirmationLinkAction} className="mt-3">
            <SubmitButton variant="secondary">Enviar link de confirmação</SubmitButton>
          </form>
        </section>
      )}

      {claimable.emailVerified && claimable.demands.length > 0 && (
        <section aria-labelledby="encontradas" className="mb-8 rounded border border-brand bg-sky-50 p-4">
          <h2 id="encontradas" className="text-lg font-semibold">
            {claimable.demands.length === 1
              ? 'Encontramos 1 manifestação com seu e-mail'
              : `Encontramos ${claimable.demands.length} manifestações com seu e-mail`}
          </h2>
          <p className="mt-1">Foram registradas com {actor.email} sem que você tivesse entrado. Escolha as que quer ver aqui.</p>
          <form action={claimDemandsAction} className="mt-3">
            <fieldset>
              <legend className="sr-only">Manifestações para vincular à sua conta</legend>
              <ul className="space-y-2">
                {claimable.demands.map((demand) => (
                  <li key={demand.id} className="flex items-start gap-2">
                    <input type="checkbox" id={`claim-${demand.id}`} name="demandId" value={demand.id} defaultChecked className="mt-1 h-5 w-5 accent-brand" />
                    <label htmlFor={`claim-${demand.id}`}>
                      <span className="font-mono font-semibold">{demand.protocol}</span> — {demand.subject} (registrada em {formatDate(demand.createdAt)},{' '}
                      {STATE_LABELS[demand.state].toLowerCase()})
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <div className="mt-4">
              <SubmitButton>Vincular à minha conta</SubmitButton>
            </div>
          </form>
        </section>
      )}

      <section aria-labelledby="lista">
        <h2 id="lista" className="sr-only">
          Lista de manifestações
        </h2>
        {own.total === 0 ? (
          <p className="rounded border border-slate-300 p-4">
            Você ainda não tem manifestações ligadas à conta. Registre uma na{' '}
            <Link href="/ouvidoria" className="text-brand underline">
              Ouvidoria
            </Link>{' '}
            ou peça um serviço no{' '}
            <Link href="/balcao" className="text-brand underline">
              Balcão da Cidadania
            </Link>
            .
          </p>
        ) : (
          <>
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-left">
                <caption className="sr-only">
                  Suas manifestações, das mais recentes para as mais antigas ({own.total} no total)
                </caption>
                <thead>
                  <tr className="border-b-2 border-slate-400">
                    <th scope="col" className="py-2 pr-4">Protocolo</th>
                    <th scope="col" className="py-2 pr-4">Tipo / serviço</th>
                    <th scope="col" className="py-2 pr-4">Assunto</th>
                    <th scope="col" className="py-2 pr-4">Situação</th>
                    <th scope="col" className="py-2 pr-4">Prazo</th>
                  </tr>
                </thead>
                <tbody>
                  {own.demands.map((demand) => (
                    <tr key={demand.id} className="border-b border-slate-300 align-top">
                      <td className="py-2 pr-4">
                        <Link href={`/minhas-manifestacoes/${demand.protocol}`} className="font-mono font-semibold text-brand underline">
                          {demand.protocol}
                        </Link>
                        <span className="block text-sm text-slate-700">{formatDate(demand.createdAt)}</span>
                      </td>
                      <td className="py-2 pr-4">
                        {SERVICE_LABELS[demand.service]}
                        <span className="block text-sm text-slate-700">
                          {demand.service === 'balcao' ? (demand.categoryName ?? KIND_LABELS[demand.kind]) : KIND_LABELS[demand.kind]}
                        </span>
                      </td>
                      <td className="py-2 pr-4">{demand.subject}</td>
                      <td className="py-2 pr-4">{STATE_LABELS[demand.state]}</td>
                      <td className="py-2 pr-4">{demand.suspendedAt ? 'Suspenso (aguardando você)' : formatDate(demand.dueOn)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {own.pageCount > 1 && (
              <nav aria-label="Páginas" className="mt-4 flex items-center gap-4">
                {own.page > 1 && (
                  <Link href={`/minhas-manifestacoes?pagina=${own.page - 1}`} className="text-brand underline">
                    Página anterior
                  </Link>
                )}
                <span>
                  Página {own.page} de {own.pageCount}
                </span>
                {own.page < own.pageCount && (
                  <Link href={`/minhas-manifestacoes?pagina=${own.page + 1}`} className="text-brand underline">
                    Próxima página
                  </Link>
                )}
              </nav>
            )}
          </>
        )}
      </section>
    </div>
  );
}
