import Link from 'next/link';
import type { ReactNode } from 'react';
import type { CitizenDelivery, RequesterView, StaffDemandView, TimelineEvent } from '@/lib/db/queries/demand-page';
import { formatCpf } from '@/lib/domain/cpf';
import { CHANNEL_LABELS, EVENT_LABELS, formatDate, formatDateTime, IDENTITY_LABELS, KIND_LABELS, SERVICE_LABELS, STATE_LABELS } from '@/lib/domain/labels';
import { formatMobilePhone } from '@/lib/domain/phone';
import { DeadlineBadge } from './deadline-badge';

/**
 * What staff read about one demand, in the pieces the demand page lays out (header, facts column, what was
 * asked, timeline); the action forms are the page's. Renders only what the query returned: the query
 * decides what of the requester this viewer may see. `revealIdentityForm` is the page's logged-reveal
 * form, shown while a protected identity is hidden.
 */
export function DemandHeader({ demand }: { demand: StaffDemandView }) {
  return (
    <header>
      <p className="text-sm text-slate-700">
        {SERVICE_LABELS[demand.service]} · {KIND_LABELS[demand.kind]}
      </p>
      <h1 className="text-2xl font-bold">Protocolo {demand.protocol}</h1>
      <p className="mt-1 text-lg">{demand.subject}</p>
    </header>
  );
}

/** The side column: where the demand stands, with whom, and who asked (as far as this viewer may know). */
export function DemandFacts({ demand, now, revealIdentityForm }: { demand: StaffDemandView; now: Date; revealIdentityForm: ReactNode }) {
  // Two columns of facts when the demand is laid out in one column wide enough (a tablet); one in the side column.
  return (
    <div className="grid gap-6 @xl:grid-cols-2 @4xl:grid-cols-1">
      <section aria-labelledby="situacao">
        <h2 id="situacao" className="text-lg font-bold">
          Situação e prazo
        </h2>
        <dl className="mt-2 space-y-2">
          <Item term="Situação">
            <span className="rounded bg-slate-100 px-2 py-0.5 font-semibold">{STATE_LABELS[demand.state]}</span>
          </Item>
          <Item term="Prazo legal">
            <DeadlineBadge dueOn={demand.dueOn} state={demand.state} suspendedAt={demand.suspendedAt} now={now} />
            {demand.extensionUsed && <span className="ml-2 text-sm text-slate-700">(prorrogado)</span>}
          </Item>
          {demand.departmentDueOn && <Item term="Prazo interno da secretaria">{formatDate(demand.departmentDueOn)}</Item>}
          <Item term="Registrada em">{formatDateTime(demand.createdAt)}</Item>
          {demand.answeredAt && <Item term="Respondida em">{formatDateTime(demand.answeredAt)}</Item>}
          {demand.reopenCount > 0 && <Item term="Reaberta pelo cidadão">Sim</Item>}
        </dl>
      </section>

      <section aria-labelledby="com-quem">
        <h2 id="com-quem" className="text-lg font-bold">
          Com quem está
        </h2>
        <dl className="mt-2 space-y-2">
          <Item term="Secretaria responsável">{demand.department?.name ?? 'Ainda não encaminhada'}</Item>
          {demand.supportingDepartments.length > 0 && (
            <Item term="Secretarias de apoio">{demand.supportingDepartments.map((d) => d.name).join('; ')}</Item>
          )}
          <Item term="Atribuída a">{demand.assignee?.name ?? 'Ninguém'}</Item>
          <Item term="Canal">{CHANNEL_LABELS[demand.channel]}</Item>
          {demand.enteredByName && <Item term="Registrada por">{demand.enteredByName}</Item>}
        </dl>
      </section>

      <section aria-labelledby="manifestante">
        <h2 id="manifestante" className="text-lg font-bold">
          Manifestante
        </h2>
        <p className="mt-1 text-sm text-slate-700">{IDENTITY_LABELS[demand.identity]}</p>
        <Requester requester={demand.requester} revealIdentityForm={revealIdentityForm} />
      </section>
    </div>
  );
}

/** What was asked, its files and the citizen's rating: the start of the middle column. */
export function DemandRequest({ demand }: { demand: StaffDemandView }) {
  return (
    <div className="space-y-8">
      <section aria-labelledby="conteudo-demanda">
        <h2 id="conteudo-demanda" className="text-xl font-bold">
          O que foi pedido
        </h2>
        <dl className="mt-2 grid gap-x-6 gap-y-2 sm:grid-cols-2">
          <Item term="Assunto / serviço">{demand.category?.name ?? 'Não classificado'}</Item>
          {demand.addressLine && <Item term="Endereço">{demand.addressLine}</Item>}
          {demand.neighbourhoodName && <Item term="Bairro">{demand.neighbourhoodName}</Item>}
          {demand.latitude !== null && demand.longitude !== null && (
            <Item term="Coordenadas">
              {demand.latitude.toFixed(5)}, {demand.longitude.toFixed(5)}
            </Item>
          )}
          {Object.entries(demand.details).map(([name, value]) => (
            <Item key={name} term={demand.category?.fields.find((f) => f.name === name)?.label ?? name}>
              {value}
            </Item>
          ))}
        </dl>
        <h3 className="mt-4 font-semibold">Descrição</h3>
        <p className="mt-1 whitespace-pre-line rounded border border-slate-300 bg-slate-50 p-3">{demand.description}</p>
        {demand.duplicateOf && (
          <p className="mt-3">
            Duplicada de{' '}
            <Link className="text-brand underline" href={`/painel/demandas/${demand.duplicateOf.protocol}`}>
              {demand.duplicateOf.protocol}
            </Link>
            : a resposta conclusiva da principal responde também esta.
          </p>
        )}
        {demand.duplicates.length > 0 && (
          <div className="mt-3">
            <h3 className="font-semibold">Vinculadas a esta ({demand.duplicates.length})</h3>
            <p className="text-sm text-slate-700">A resposta conclusiva desta responde também as abertas e avisa cada cidadão.</p>
            <ul className="mt-1 list-disc pl-6">
              {demand.duplicates.map((duplicate) => (
                <li key={duplicate.protocol}>
                  <Link className="text-brand underline" href={`/painel/demandas/${duplicate.protocol}`}>
                    {duplicate.protocol}
                  </Link>{' '}
                  — {STATE_LABELS[duplicate.state]}
                </li>
              ))}
            </ul>
          </div>
        )}
        {(demand.escalatedFrom || demand.escalatedTo.length > 0) && (
          <ul className="mt-3 list-disc pl-6">
            {demand.escalatedFrom && (
              <li>
                Reclamação sobre a solicitação do Balcão{' '}
                <Link className="text-brand underline" href={`/painel/demandas/${demand.escalatedFrom.protocol}`}>
                  {demand.escalatedFrom.protocol}
                </Link>
              </li>
            )}
            {demand.escalatedTo.map((linked) => (
              <li key={linked.protocol}>
                Levada à Ouvidoria como reclamação{' '}
                <Link className="text-brand underline" href={`/painel/demandas/${linked.protocol}`}>
                  {linked.protocol}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="anexos">
        <h2 id="anexos" className="text-xl font-bold">
          Anexos
        </h2>
        {demand.attachments.length === 0 ? (
          <p className="mt-1">Nenhum anexo.</p>
        ) : (
          <ul className="mt-2 list-disc pl-6">
            {demand.attachments.map((file) => (
              <li key={file.id}>
                <a href={`/api/anexos/${file.id}`} className="text-brand underline">
                  {file.fileName}
                </a>{' '}
                <span className="text-sm text-slate-700">
                  ({file.contentType}, {formatSize(file.sizeBytes)}, {formatDate(file.createdAt)}
                  {file.visibility === 'internal' ? ', interno: só a equipe vê' : ''})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {demand.rating && (
        <section aria-labelledby="avaliacao">
          <h2 id="avaliacao" className="text-xl font-bold">
            Avaliação do cidadão
          </h2>
          <p className="mt-1">
            Nota {demand.rating.rating} de 5 · {demand.rating.resolved ? 'Problema resolvido' : 'Problema não resolvido'}
          </p>
          {demand.rating.comment && <p className="mt-1 whitespace-pre-line">{demand.rating.comment}</p>}
        </section>
      )}

    </div>
  );
}

export function DemandTimeline({ demand }: { demand: StaffDemandView }) {
  return (
    <section aria-labelledby="tramitacao">
      <h2 id="tramitacao" className="text-xl font-bold">
        Tramitação
      </h2>
      <Timeline events={demand.events} />
    </section>
  );
}

/** Every piece, in reading order, without the page's layout: what a render of the whole demand shows. */
export function DemandDetail({ demand, now, revealIdentityForm }: { demand: StaffDemandView; now: Date; revealIdentityForm: ReactNode }) {
  return (
    <div className="space-y-8">
      <DemandHeader demand={demand} />
      <DemandFacts demand={demand} now={now} revealIdentityForm={revealIdentityForm} />
      <DemandRequest demand={demand} />
      <DemandTimeline demand={demand} />
    </div>
  );
}

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-sm font-semibold text-slate-700">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Requester({ requester, revealIdentityForm }: { requester: RequesterView; revealIdentityForm: ReactNode }) {
  switch (requester.kind) {
    case 'anonymous':
      return <p className="mt-1">Manifestação anônima: nenhum dado pessoal foi guardado.</p>;
    case 'pseudonym':
      return (
        <p className="mt-1">
          {requester.pseudonym} <span className="text-sm text-slate-700">(identidade protegida)</span>
        </p>
      );
    case 'hidden':
      return (
        <div className="mt-1">
          <p>
            {requester.pseudonym} <span className="text-sm text-slate-700">(identidade protegida)</span>
          </p>
          <p className="mt-1 text-sm text-slate-700">Para ver a identidade, informe o motivo: cada acesso fica registrado.</p>
          <div className="mt-2">{revealIdentityForm}</div>
        </div>
      );
    case 'identity':
      return (
        <>
          {requester.revealedAt && (
            <p className="mt-1 text-sm text-slate-700">Identidade protegida, aberta por você às {formatDateTime(requester.revealedAt)}; o acesso está registrado.</p>
          )}
          <dl className="mt-2 space-y-2">
            <Item term="Nome">{requester.name ?? '—'}</Item>
            <Item term="E-mail">{requester.email ?? '—'}</Item>
            <Item term="Celular">{requester.phone ? formatMobilePhone(requester.phone) : '—'}</Item>
            <Item term="CPF">{requester.cpf ? formatCpf(requester.cpf) : '—'}</Item>
            <Item term="Conta no site">{requester.hasAccount ? 'Sim' : 'Não'}</Item>
          </dl>
        </>
      );
  }
}

function Timeline({ events }: { events: TimelineEvent[] }) {
  return (
    <ol className="mt-3 space-y-3">
      {events.map((event) => (
        <li key={event.id} className={`rounded border p-3 ${event.visibility === 'internal' ? 'border-amber-700 bg-amber-50' : 'border-slate-300'}`}>
          <p className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-semibold">{EVENT_LABELS[event.type]}</span>
            <span className={event.visibility === 'internal' ? 'rounded bg-amber-200 px-1.5 text-sm text-amber-950' : 'rounded bg-sky-100 px-1.5 text-sm text-sky-950'}>
              {event.visibility === 'internal' ? 'Interna (só equipe)' : 'Pública (o cidadão vê)'}
            </span>
            <span className="text-sm text-slate-700">
              <time dateTime={event.createdAt.toISOString()}>{formatDateTime(event.createdAt)}</time> · {event.actorLabel}
              {event.staffName ? ` (${event.staffName})` : ''}
            </span>
          </p>
          {event.stateBefore !== event.stateAfter && event.stateBefore && (
            <p className="text-sm text-slate-700">
              {STATE_LABELS[event.stateBefore]} → {STATE_LABELS[event.stateAfter]}
            </p>
          )}
          {event.body && <p className="mt-1 whitespace-pre-line">{event.body}</p>}
          {event.deliveries.length > 0 && (
            <p className="mt-1 text-sm text-slate-700">{event.deliveries.map((delivery) => DELIVERY_TEXT[delivery.channel][delivery.status]).join(' · ')}</p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** How the timeline says the citizen was told: by which channel, and whether it got there. */
const DELIVERY_TEXT: Record<CitizenDelivery['channel'], Record<CitizenDelivery['status'], string>> = {
  email: {
    pending: 'Aviso ao cidadão por e-mail: na fila de envio',
    sent: 'Aviso enviado ao cidadão por e-mail',
    failed: 'Aviso por e-mail: o envio falhou',
    bounced: 'Aviso por e-mail: voltou (o servidor do cidadão recusou)',
  },
  whatsapp: {
    pending: 'Aviso ao cidadão por WhatsApp: na fila de envio',
    sent: 'Aviso enviado ao cidadão por WhatsApp',
    failed: 'Aviso por WhatsApp: o envio falhou',
    bounced: 'Aviso por WhatsApp: não entregue',
  },
  messenger: {
    pending: 'Aviso ao cidadão pelo Messenger: na fila de envio',
    sent: 'Aviso enviado ao cidadão pelo Messenger',
    failed: 'Aviso pelo Messenger: o envio falhou',
    bounced: 'Aviso pelo Messenger: não entregue',
  },
  instagram: {
    pending: 'Aviso ao cidadão pelo Instagram: na fila de envio',
    sent: 'Aviso enviado ao cidadão pelo Instagram',
    failed: 'Aviso pelo Instagram: o envio falhou',
    bounced: 'Aviso pelo Instagram: não entregue',
  },
  push: {
    pending: 'Aviso ao cidadão no navegador (notificação): na fila de envio',
    sent: 'Aviso enviado ao cidadão no navegador (notificação)',
    failed: 'Aviso no navegador: o envio falhou',
    bounced: 'Aviso no navegador: não entregue',
  },
};

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}
