import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getCategory } from '@/lib/admin/categories';
import { listDepartmentChoices } from '@/lib/admin/users';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { SERVICE_LABELS } from '@/lib/domain/labels';
import { CategoryForm } from '../category-form';

export const metadata: Metadata = { title: 'Editar serviço ou assunto — Administração' };

export default async function EditCategoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await guarded(() => requireRole('admin'), `/painel/admin/categorias/${id}`);
  const category = await getCategory(actor, id);
  if (!category) notFound();
  const departments = (await listDepartmentChoices(actor))
    .filter((d) => d.active || d.id === category.departmentId)
    .map((d) => ({ value: d.id, label: d.active ? d.name : `${d.name} (inativa)` }));
  return (
    <div className="max-w-3xl">
      <p>
        <Link href="/painel/admin/categorias" className="text-brand underline">
          ← Serviços e assuntos
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold">{category.name}</h1>
      <p className="mb-6 text-slate-700">{SERVICE_LABELS[category.service]}</p>
      <CategoryForm category={category} service={category.service} departments={departments} />
    </div>
  );
}
