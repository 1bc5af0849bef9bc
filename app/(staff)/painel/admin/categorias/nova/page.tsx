import type { Metadata } from 'next';
import Link from 'next/link';
import { listDepartmentChoices } from '@/lib/admin/users';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { CategoryForm } from '../category-form';

export const metadata: Metadata = { title: 'Novo serviço ou assunto — Administração' };

export default async function NewCategoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await guarded(() => requireRole('admin'), '/painel/admin/categorias/nova');
  const params = await searchParams;
  const service = params.servico === 'ouvidoria' ? 'ouvidoria' : 'balcao';
  const departments = (await listDepartmentChoices(actor)).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }));
  return (
    <div className="max-w-3xl">
      <p>
        <Link href="/painel/admin/categorias" className="text-brand underline">
          ← Serviços e assuntos
        </Link>
      </p>
      <h1 className="mt-4 mb-6 text-3xl font-bold">{service === 'balcao' ? 'Novo serviço do Balcão' : 'Novo assunto da Ouvidoria'}</h1>
      <CategoryForm service={service} departments={departments} />
    </div>
  );
}
