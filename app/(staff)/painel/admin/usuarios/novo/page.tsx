import type { Metadata } from 'next';
import Link from 'next/link';
import { listDepartmentChoices } from '@/lib/admin/users';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { departmentChoices, STAFF_ROLE_CHOICES } from '../choices';
import { CreateStaffUserForm } from '../user-forms';

export const metadata: Metadata = { title: 'Nova conta de servidor — Administração' };

export default async function NewStaffUserPage() {
  const actor = await guarded(() => requireRole('admin'), '/painel/admin/usuarios/novo');
  const departments = departmentChoices((await listDepartmentChoices(actor)).filter((d) => d.active));
  return (
    <div className="max-w-3xl">
      <p>
        <Link href="/painel/admin/usuarios" className="text-brand underline">
          ← Usuários
        </Link>
      </p>
      <h1 className="mt-4 mb-2 text-3xl font-bold">Nova conta de servidor</h1>
      <p className="mb-6 text-slate-700">Cidadãos criam a própria conta em “Criar conta”; aqui se criam as contas da equipe.</p>
      <CreateStaffUserForm roles={STAFF_ROLE_CHOICES} departments={departments} />
    </div>
  );
}
