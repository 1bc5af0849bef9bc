import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { listDepartmentChoices } from '@/lib/admin/users';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { formatDateTime } from '@/lib/domain/labels';
import { charterChangeText } from '@/lib/domain/service-charter';
import { getCharterForEdit } from '@/lib/service-charter/editing';
import { charterEntryPath } from '@/lib/service-charter/paths';
import { CharterForm } from '../charter-form';

export const metadata: Metadata = { title: 'Editar entrada da Carta de Serviços — Administração' };

export default async function EditCharterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await guarded(() => requireRole('admin'), `/painel/admin/carta-de-servicos/${id}`);
  const found = await getCharterForEdit(actor, id);
  if (!found) notFound();
  const { charter, serviceName, history } = found;
  const ownService = charter.categoryId === null;
  const departments = (await listDepartmentChoices(actor))
    .filter((d) => d.active || d.id === charter.departmentId)
    .map((d) => ({ value: d.id, label: d.active ? d.name : `${d.name} (inativa)` }));
  const join = (items: string[]) => items.join('\n');
  return (
    <div className="max-w-3xl">
      <p>
        <Link href="/painel/admin/carta-de-servicos" className="text-brand underline">
          ← Carta de Serviços
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold">{serviceName ?? charter.name}</h1>
      <p className="mb-6 text-slate-700">
        {ownService ? 'Serviço sem pedido pela internet' : 'Serviço do Balcão da Cidadania'} ·{' '}
        <Link href={charterEntryPath(charter.slug)} className="text-brand underline">
          Ver página pública
        </Link>
      </p>
      <CharterForm
        target={{ kind: 'edit', id: charter.id }}
        ownService={ownService}
        departments={departments}
        values={{
          name: charter.name ?? '',
          departmentId: charter.departmentId ?? '',
          deadlineText: charter.deadlineText ?? '',
          summary: charter.summary,
          audience: charter.audience,
          requirements: join(charter.requirements),
          documents: join(charter.documents),
          steps: join(charter.steps),
          channels: charter.channels,
          priorityRules: charter.priorityRules,
          expectedWait: charter.expectedWait,
          fees: charter.fees,
          location: charter.location,
          hours: charter.hours,
          lifeEvents: charter.lifeEvents,
          published: charter.published,
        }}
      />
      <section aria-labelledby="historico" className="mt-10">
        <h2 id="historico" className="text-xl font-semibold">
          Histórico de alterações
        </h2>
        <table className="mt-3 w-full border-collapse text-left">
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-2 pr-4">Quando</th>
              <th scope="col" className="py-2 pr-4">Quem</th>
              <th scope="col" className="py-2 pr-4">O que mudou</th>
            </tr>
          </thead>
          <tbody>
            {history.map((change, index) => (
              <tr key={index} className="border-b border-slate-300 align-top">
                <td className="py-2 pr-4">{formatDateTime(change.changedAt)}</td>
                <td className="py-2 pr-4">{change.changedByName}</td>
                <td className="py-2 pr-4">{charterChangeText(change)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
