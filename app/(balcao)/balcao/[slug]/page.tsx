import type { Metadata } from 'next';
import Link from 'next/link';
import { webFormDefaults } from '@/lib/channels/web-form';
import { issueSubmissionKey } from '@/lib/demands/submission-key';
import { findBalcaoServiceBySlug, listNeighbourhoods } from '@/lib/db/queries/catalogue';
import { CharterSummary } from '@/components/charter/charter-summary';
import { findCharterEntryForBalcaoService } from '@/lib/db/queries/service-charter';
import { formatDate } from '@/lib/domain/labels';
import { charterDeadlineLabel } from '@/lib/domain/service-charter';
import { charterEntryPath } from '@/lib/service-charter/paths';
import { mapSettings } from '@/lib/geo/map-settings';
import { BalcaoForm } from './balcao-form';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const service = await findBalcaoServiceBySlug({ slug: (await params).slug });
  if (!service) return { title: 'Serviço não encontrado', robots: { index: false } };
  return { title: `${service.name} — Balcão da Cidadania` };
}

export default async function BalcaoServicePage({ params }: Props) {
  const { slug } = await params;
  const [service, neighbourhoods, requesterDefaults] = await Promise.all([findBalcaoServiceBySlug({ slug }), listNeighbourhoods(), webFormDefaults()]);
  // Not `notFound()`: Next answers it with an empty shell drawn by client JavaScript (vercel/next.js#62228),
  // a blank page for a visitor without it.
  if (!service) return <ServiceNotFound />;
  const charter = await findCharterEntryForBalcaoService({ categoryId: service.id });

  const intro = (
    <>
      <p className="text-sm">
        <Link href="/balcao" className="text-brand underline">
          Balcão da Cidadania
        </Link>{' '}
        › {service.name}
      </p>
      <h1 className="mt-2 text-3xl font-bold">{service.name}</h1>
      <p className="mt-2 max-w-prose">{service.description}</p>
      <dl className="mt-4 grid gap-x-4 gap-y-1 rounded border border-slate-300 bg-slate-50 p-4 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">Prazo de atendimento</dt>
        <dd>{service.deadlineDays} dias</dd>
        <dt className="font-semibold">Responsável</dt>
        <dd>{service.departmentName}</dd>
      </dl>
      {charter && (
        <CharterSummary
          summary={{ href: charterEntryPath(charter.slug), documents: charter.documents, deadline: charterDeadlineLabel(charter).toLowerCase(), updatedOn: formatDate(charter.updatedAt) }}
        />
      )}
      <p className="mt-4 max-w-prose">Todos os campos são obrigatórios, exceto os marcados como opcionais.</p>
    </>
  );
  return (
    <div className="max-w-2xl">
      <BalcaoForm
        intro={intro}
        service={{ id: service.id, slug: service.slug, fields: service.fields }}
        neighbourhoods={neighbourhoods.map((n) => ({ value: n.id, label: n.district && n.district !== n.name ? `${n.name} (distrito de ${n.district})` : n.name }))}
        requesterDefaults={requesterDefaults}
        submissionKey={issueSubmissionKey()}
        map={mapSettings(neighbourhoods)}
      />
    </div>
  );
}

function ServiceNotFound() {
  return (
    <div className="max-w-2xl space-y-3">
      <h1 className="text-3xl font-bold">Serviço não encontrado</h1>
      <p>Este serviço não existe ou não está mais disponível no Balcão da Cidadania.</p>
      <p>
        <Link href="/balcao" className="font-semibold text-brand underline">
          Ver todos os serviços
        </Link>
      </p>
    </div>
  );
}
