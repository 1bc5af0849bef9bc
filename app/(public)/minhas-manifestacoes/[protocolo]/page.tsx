import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireActor } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { findOwnDemand } from '@/lib/demands/citizen-demands';
import { PushToggle } from '@/components/offline/push-toggle';
import { vapidPublicKey } from '@/lib/delivery/push-config';
import { PublicTimeline } from '@/components/demand/public-timeline';
import { AppealForm } from '@/components/demand/appeal-form';
import { AppealSection } from '@/components/demand/appeal-section';
import { FormMessage } from '@/components/demand/form-parts';
import { appealFromAccountAction } from '../actions';
import { CHANNEL_LABELS, formatDate, formatDateTime, IDENTITY_LABELS, KIND_LABELS, SERVICE_LABELS, STATE_LABELS } from '@/lib/domain/labels';

type Params = Promise<{ protocolo: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { protocolo } = await params;
  return { title: `Manifestação ${decodeURIComponent(protocolo)}` };
}

const CONFIRMATIONS: Record<string, string> = {
  recurso: 'Seu recurso foi registrado. Você receberá a decisão por e-mail.',
  reclamacao: 'Sua reclamação por omissão foi registrada. Você receberá a decisão por e-mail.',
};

export default async function MyDemandPage({ params, searchParams }: { params: Params; searchParams: Promise<{ enviado?: string | string[] }> }) {
  const { protocolo } = await params;
  const { enviado } = await searchParams;
  const confirmation = typeof enviado === 'string' ? CONFIRMATIONS[enviado] : undefined;
  const protocol = decodeURIComponent(protocolo);
  const actor = await guarded(requireActor, `/minhas-manifestacoes/${encodeURIComponent(protocol)}`);
  const demand = await findOwnDemand(actor, protocol);
  if (!demand) notFound();
  const pushKey = vapidPublicKey();

  const facts: [string, string][] = [
    ['Serviço', SERVICE_LABELS[demand.service]],
    ['Tipo', KIND_LABELS[demand.kind]],
    ...(demand.categoryName ? ([[demand.service === 'balcao' ? 'Serviço pedido' : 'Assunto', demand.categoryName]] as [string, string][]) : []),
    ['Situação', STATE_LABELS[demand.state]],
    ['Registrada em', formatDateTime(demand.createdAt)],
    ['Canal', CHANNEL_LABELS[demand.channel]],
    ['Prazo para resposta', demand.suspendedAt ? 'Suspenso enquanto aguardamos sua complementação' : formatDate(demand.dueOn)],
    ...(demand.departmentName ? ([['Com', demand.departmentName]] as [string, string][]) : []),
    ['Identificação', IDENTITY_LABELS[demand.identity]],
    ...(demand.addressLine ? ([['Endereço', [demand.addressLine, demand.neighbourhoodName].filter(Boolean).join(' — ')]] as [string, string][]) : []),
  ];

  return (
    <div>
      <p>
        <Link href="/minhas-manifestacoes" className="text-brand underline">
          ← Minhas manifestações
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold">
        Protocolo <span className="font-mono">{demand.protocol}</span>
      </h1>
      <p className="mt-1 text-lg">{demand.subject}</p>
      {pushKey && !['closed', 'archived'].includes(demand.state) && (
        <div className="mt-4">
          <PushToggle publicKey={pushKey} protocol={demand.protocol} />
        </div>
      )}
      {confirmation && (
        <div className="mt-4">
          <FormMessage status="success" message={confirmation} />
        </div>
      )}

      <dl className="mt-6 grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-semibold">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      <div className="mt-8">
        <AppealSection
          appeals={demand.appeals}
          form={
            demand.appeals.option && (
              <AppealForm
                action={appealFromAccountAction}
                hidden={{ protocol: demand.protocol, kind: demand.appeals.option.kind }}
                submitLabel={demand.appeals.option.kind === 'appeal' ? 'Enviar recurso' : 'Enviar reclamação'}
              />
            )
          }
        />
      </div>

      <section aria-labelledby="relato" className="mt-8">
        <h2 id="relato" className="text-xl font-semibold">
          O que você registrou
        </h2>
        <p className="mt-2 whitespace-pre-line">{demand.description}</p>
        {Object.keys(demand.details).length > 0 && (
          <dl className="mt-2 space-y-1">
            {Object.entries(demand.details).map(([name, answer]) => (
              <div key={name}>
                <dt className="inline font-semibold">{demand.categoryFields?.find((field) => field.name === name)?.label ?? name}: </dt>
                <dd className="inline">{answer}</dd>
              </div>
            ))}
          </dl>
        )}
        {demand.requesterName && (
          <p className="mt-2 text-sm text-slate-700">
            Registrada em nome de {demand.requesterName}
            {demand.requesterEmail ? ` (${demand.requesterEmail})` : ''}.
          </p>
        )}
      </section>

      <section aria-labelledby="andamento" className="mt-8">
        <h2 id="andamento" className="text-xl font-semibold">
          Andamento
        </h2>
        <div className="mt-4">
          {/* The download route lets the signed-in requester fetch the files of public movements. */}
          <PublicTimeline events={demand.timeline.map((event) => ({ ...event, attachments: event.attachments.map((file) => ({ ...file, href: `/api/anexos/${file.id}` })) }))} />
        </div>
      </section>
    </div>
  );
}
