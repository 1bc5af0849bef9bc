import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { listDepartmentChoices } from '@/lib/admin/users';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { DEFAULT_PRIORITY_RULES } from '@/lib/domain/service-charter';
import { municipality } from '@/lib/municipality';
import { getServiceWithoutCharter } from '@/lib/service-charter/editing';
import { CharterForm } from '../charter-form';

export const metadata: Metadata = { title: 'Nova entrada da Carta de Serviços — Administração' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `?servico=<id>`: the entry of a Balcão service that has none yet; without it, a service without online filing. */
export default async function NewCharterPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await guarded(() => requireRole('admin'), '/painel/admin/carta-de-servicos/nova');
  const { servico } = await searchParams;
  const service = typeof servico === 'string' ? await getServiceWithoutCharter(actor, servico) : null;
  if (typeof servico === 'string' && !service) notFound();
  const departments = (await listDepartmentChoices(actor)).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }));
  return (
    <div className="max-w-3xl">
      <p>
        <Link href="/painel/admin/carta-de-servicos" className="text-brand underline">
          ← Carta de Serviços
        </Link>
      </p>
      <h1 className="mt-4 mb-6 text-3xl font-bold">{service ? `Carta: ${service.name}` : 'Novo serviço sem pedido pela internet'}</h1>
      <CharterForm
        target={service ? { kind: 'service', categoryId: service.id, serviceName: service.name, deadlineDays: service.deadlineDays } : { kind: 'own' }}
        ownService={!service}
        departments={departments}
        values={{
          name: '',
          departmentId: '',
          deadlineText: '',
          summary: '',
          audience: 'Qualquer pessoa.',
          requirements: '',
          documents: '',
          steps: '',
          channels: service ? ['web', 'whatsapp', 'in_person', 'phone'] : ['in_person'],
          priorityRules: DEFAULT_PRIORITY_RULES,
          expectedWait: '',
          fees: 'Gratuito.',
          location: `Balcão da Cidadania — ${municipality.balcao.address}`,
          hours: municipality.balcao.hours,
          lifeEvents: [],
          published: true,
        }}
      />
    </div>
  );
}
