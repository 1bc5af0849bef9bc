import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDepartment } from '@/lib/admin/departments';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { DepartmentForm } from '../department-form';

export const metadata: Metadata = { title: 'Editar secretaria — Administração' };

export default async function EditDepartmentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await guarded(() => requireRole('admin'), `/painel/admin/secretarias/${id}`);
  const department = await getDepartment(actor, id);
  if (!department) notFound();
  return (
    <div className="max-w-2xl">
      <p>
        <Link href="/painel/admin/secretarias" className="text-brand underline">
          ← Secretarias
        </Link>
      </p>
      <h1 className="mt-4 mb-6 text-3xl font-bold">{department.name}</h1>
      <DepartmentForm department={department} />
    </div>
  );
}
