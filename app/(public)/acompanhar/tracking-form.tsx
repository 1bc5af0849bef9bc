'use client';

import { useActionState, useEffect, useRef } from 'react';
import { DeadlineNote } from '@/components/demand/deadline-note';
import { Timeline } from '@/components/demand/timeline';
import { ErrorSummary } from '@/components/ui/error-summary';
import { TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleState } from '@/lib/actions/form-state';
import type { PublicDemandView } from '@/lib/demands/track';
import { formatDate } from '@/lib/domain/labels';
import { trackDemandAction } from './actions';
import { EXAMPLE_PROTOCOL } from '@/lib/domain/protocol';

export function TrackingForm({ initialProtocol }: { initialProtocol: string }) {
  const [state, formAction] = useActionState(trackDemandAction, idleState);
  const values = state.status === 'error' ? state.values : {};
  const errors = state.status === 'error' ? state.fieldErrors : {};

  return (
    <>
      {state.status === 'error' && <ErrorSummary message={state.message} errors={errors} />}
      <form action={formAction} noValidate className="max-w-xl space-y-5 rounded border border-slate-300 p-4 sm:p-6">
        <TextField
          name="protocol"
          label="Número do protocolo"
          hint={`Ex.: ${EXAMPLE_PROTOCOL}.`}
          autoComplete="off"
          spellCheck={false}
          width="sm:max-w-xs"
          errors={errors.protocol}
          defaultValue={values.protocol ?? initialProtocol}
        />
        <TextField
          name="secret"
          label="Código de acesso, e-mail ou celular"
          hint="Manifestação anônima, sigilosa ou denúncia: o código de acesso mostrado no registro (e enviado no e-mail de confirmação). Nos outros casos: o e-mail ou o celular que você informou."
          autoComplete="off"
          spellCheck={false}
          errors={errors.secret}
          defaultValue={values.secret}
        />
        <SubmitButton pendingLabel="Consultando…">Consultar</SubmitButton>
      </form>
      {state.status === 'success' && <TrackedDemand demand={state.result} />}
    </>
  );
}

function TrackedDemand({ demand }: { demand: PublicDemandView }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [demand]);
  return (
    <section aria-labelledby="resultado-titulo" className="mt-8 space-y-6">
      <div>
        <h2 id="resultado-titulo" ref={heading} tabIndex={-1} className="text-2xl font-bold focus:outline-none">
          Protocolo <span className="font-mono">{demand.protocol}</span>
        </h2>
        <p className="mt-1 text-lg">
          Situação: <strong data-testid="situacao">{demand.stateLabel}</strong>
        </p>
      </div>
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">Serviço</dt>
        <dd>{demand.serviceLabel}</dd>
        <dt className="font-semibold">Tipo</dt>
        <dd>{demand.kindLabel}</dd>
        {demand.categoryName && (
          <>
            <dt className="font-semibold">{demand.service === 'balcao' ? 'Pedido' : 'Tema'}</dt>
            <dd>{demand.categoryName}</dd>
          </>
        )}
        {demand.service === 'ouvidoria' && (
          <>
            <dt className="font-semibold">Assunto</dt>
            <dd>{demand.subject}</dd>
          </>
        )}
        <dt className="font-semibold">Registrada em</dt>
        <dd>{formatDate(demand.createdAt)}</dd>
        <dt className="font-semibold">Prazo para resposta</dt>
        <dd>
          <DeadlineNote dueOn={demand.dueOn} deadline={demand.deadline} />
        </dd>
        <dt className="font-semibold">Responsável</dt>
        <dd>{demand.departmentName ?? 'Ouvidoria Municipal (em análise)'}</dd>
        <dt className="font-semibold">Anexos</dt>
        <dd data-testid="anexos-do-protocolo">
          {demand.attachmentNames.length === 0 ? (
            'Nenhum arquivo.'
          ) : (
            <>
              {demand.attachmentNames.length === 1 ? '1 arquivo recebido:' : `${demand.attachmentNames.length} arquivos recebidos:`}
              <ul className="list-disc pl-5">
                {demand.attachmentNames.map((name, index) => (
                  <li key={`${index}-${name}`} className="break-all">
                    {name}
                  </li>
                ))}
              </ul>
            </>
          )}
        </dd>
      </dl>
      {demand.appeals.pending.map((appeal) => (
        <p key={`${appeal.kind}-${appeal.instance}`}>
          {appeal.kind === 'omission_complaint' ? 'Sua reclamação por omissão' : `Seu recurso de ${appeal.instance}ª instância`} está em análise e deve ser decidido
          até <strong>{formatDate(appeal.dueOn)}</strong>.
        </p>
      ))}
      {demand.appeals.option && (
        <p className="rounded border-l-4 border-accent bg-amber-50 px-3 py-2">
          {demand.appeals.option.kind === 'appeal' ? 'Você pode recorrer desta resposta' : 'O prazo terminou sem resposta: você pode reclamar'} até{' '}
          <strong>{formatDate(demand.appeals.option.lastDay)}</strong>; quem decide é {demand.appeals.option.authority}, em até 5 dias. Para enviar, abra o
          link do e-mail mais recente sobre este protocolo, entre em Minhas manifestações ou escreva RECORRER e suas razões no WhatsApp.
        </p>
      )}
      <section aria-labelledby="movimentacoes">
        <h3 id="movimentacoes" className="mb-4 text-xl font-bold">
          Movimentações
        </h3>
        <Timeline events={demand.events} headingLevel="h4" />
      </section>
    </section>
  );
}
