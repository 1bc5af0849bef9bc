import type { Metadata } from 'next';
import { EmailLink, PhoneLink, PhoneLinks } from '@/components/ui/contact-links';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { DemoCharterNotice } from '@/components/charter/demo-charter-notice';
import { demoDataEnabled } from '@/lib/db/demo-data';
import { findCharterEntry, listCharterChanges } from '@/lib/db/queries/service-charter';
import { formatDate } from '@/lib/domain/labels';
import { CHARTER_CHANNEL_LABELS, charterChangeText, charterDeadlineLabel, lifeEventLabel } from '@/lib/domain/service-charter';
import { municipality } from '@/lib/municipality';
import { CHARTER_PATH, COMPLAINT_PATH } from '@/lib/service-charter/paths';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const entry = await findCharterEntry({ slug: (await params).slug });
  if (!entry) return { title: 'Serviço não encontrado', robots: { index: false } };
  return { title: `${entry.name} — Carta de Serviços` };
}

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="border-t border-slate-300 py-3 sm:grid sm:grid-cols-[14rem_1fr] sm:gap-4">
      <dt className="font-semibold">{term}</dt>
      <dd className="mt-1 sm:mt-0">{children}</dd>
    </div>
  );
}

function List({ items, ordered = false, empty }: { items: string[]; ordered?: boolean; empty: string }) {
  if (items.length === 0) return <p>{empty}</p>;
  const Tag = ordered ? 'ol' : 'ul';
  return (
    <Tag className={`${ordered ? 'list-decimal' : 'list-disc'} space-y-1 pl-6`}>
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </Tag>
  );
}

export default async function ServiceCharterEntryPage({ params }: Props) {
  const { slug } = await params;
  const entry = await findCharterEntry({ slug });
  // Not `notFound()`: as on the Balcão's pages, Next would answer with a shell drawn by client JavaScript.
  if (!entry) {
    return (
      <div className="max-w-2xl space-y-3">
        <h1 className="text-3xl font-bold">Serviço não encontrado</h1>
        <p>Este serviço não está na Carta de Serviços, ou deixou de ser oferecido.</p>
        <p>
          <Link href={CHARTER_PATH} className="font-semibold text-brand underline">
            Ver a Carta de Serviços
          </Link>
        </p>
      </div>
    );
  }
  const changes = await listCharterChanges({ charterId: entry.id });
  const ouvidoria = municipality.ouvidoria;

  return (
    <article className="max-w-3xl">
      <p className="text-sm print:hidden">
        <Link href={CHARTER_PATH} className="text-brand underline">
          Carta de Serviços
        </Link>{' '}
        › {entry.name}
      </p>
      <h1 className="mt-2 text-3xl font-bold">{entry.name}</h1>
      <p className="mt-2 text-slate-700">
        {entry.departmentName} · Atualizada em <time dateTime={entry.updatedAt.toISOString()}>{formatDate(entry.updatedAt)}</time>
      </p>
      {demoDataEnabled() && <DemoCharterNotice />}
      <p className="mt-4 text-lg">{entry.summary}</p>
      {entry.balcaoSlug ? (
        <p className="mt-5 print:hidden">
          <Link href={`/balcao/${entry.balcaoSlug}`} className="inline-block rounded-full bg-brand px-5 py-3 font-semibold text-white hover:bg-brand-dark">
            Pedir este serviço pela internet
          </Link>
        </p>
      ) : (
        <p className="mt-5 rounded bg-slate-100 p-3">Este serviço não tem pedido pela internet: veja abaixo onde e como ser atendido.</p>
      )}

      <dl className="mt-8">
        <Item term="Quem pode pedir">{entry.audience}</Item>
        <Item term="Requisitos">
          <List items={entry.requirements} empty="Nenhum requisito especial." />
        </Item>
        <Item term="Documentos e informações">
          <List items={entry.documents} empty="Nenhum documento é exigido." />
        </Item>
        <Item term="Etapas">
          <List items={entry.steps} ordered empty="—" />
        </Item>
        <Item term="Prazo">{charterDeadlineLabel(entry)}</Item>
        <Item term="Formas de atendimento">
          <List items={entry.channels.map((channel) => CHARTER_CHANNEL_LABELS[channel])} empty="—" />
        </Item>
        <Item term="Atendimento prioritário">{entry.priorityRules}</Item>
        <Item term="Tempo de espera previsto">{entry.expectedWait}</Item>
        <Item term="Taxas">{entry.fees}</Item>
        <Item term="Onde">{entry.location}</Item>
        <Item term="Quando">{entry.hours}</Item>
        <Item term="Secretaria responsável">{entry.departmentName}</Item>
        {entry.lifeEvents.length > 0 && (
          <Item term="Eventos da vida">
            <ul className="flex flex-wrap gap-2">
              {entry.lifeEvents.map((event) => (
                <li key={event}>
                  <Link href={`${CHARTER_PATH}?evento=${event}`} className="text-brand underline">
                    {lifeEventLabel(event) ?? event}
                  </Link>
                </li>
              ))}
            </ul>
          </Item>
        )}
      </dl>

      <section aria-labelledby="como-reclamar" className="mt-8 rounded border border-slate-300 p-4">
        <h2 id="como-reclamar" className="text-xl font-bold">
          Como reclamar
        </h2>
        <p className="mt-2">
          O pedido não foi atendido, passou do prazo ou o atendimento não foi bom? Registre uma reclamação na{' '}
          <Link href={COMPLAINT_PATH} className="font-semibold text-brand underline">
            Ouvidoria Municipal
          </Link>
          {entry.balcaoSlug ? ', ou, na página do seu protocolo, leve o pedido do Balcão à Ouvidoria' : ''}. Também pelo telefone{' '}
          {ouvidoria.tollFree && (
            <>
              <PhoneLink number={ouvidoria.tollFree} /> (ligação gratuita),{' '}
            </>
          )}
          <PhoneLinks numbers={ouvidoria.phones} separator=" ou " />, pelo e-mail <EmailLink address={ouvidoria.email} /> ou pessoalmente: {ouvidoria.address}, {ouvidoria.hours.toLowerCase()}.
        </p>
      </section>

      <section aria-labelledby="historico" className="mt-8">
        <h2 id="historico" className="text-xl font-bold">
          Histórico de atualizações
        </h2>
        {changes.length === 0 ? (
          <p className="mt-2">Sem alterações registradas.</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {changes.map((change, index) => (
              <li key={index}>
                <time dateTime={change.changedAt.toISOString()} className="font-semibold">
                  {formatDate(change.changedAt)}
                </time>
                : {charterChangeText(change)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
