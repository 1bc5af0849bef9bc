import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButtonForm } from '@/components/forms/action-button-form';
import { listDepartments } from '@/lib/admin/departments';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { Flash } from '../flash';
import { setDepartmentActiveAction } from './actions';
import { DepartmentForm } from './department-form';

export const metadata: Metadata = { title: 'Secretarias — Administração' };

const MESSAGES = { criada: 'Secretaria criada.', salva: 'Alterações salvas.', ativada: 'Secretaria ativada.', desativada: 'Secretaria desativada.' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DepartmentsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await guarded(() => requireRole('admin'), '/painel/admin/secretarias');
  const [rows, params] = await Promise.all([listDepartments(actor), searchParams]);
  return (
    <div>
      <h1 className="text-3xl font-bold">Secretarias</h1>
      <div className="mt-6">
        <Flash params={params} messages={MESSAGES} />
      </div>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">Secretarias cadastradas</caption>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-2 pr-4">Secretaria</th>
              <th scope="col" className="py-2 pr-4">E-mail</th>
              <th scope="col" className="py-2 pr-4">Servidores</th>
              <th scope="col" className="py-2 pr-4">Serviços ativos</th>
              <th scope="col" className="py-2 pr-4">Situação</th>
              <th scope="col" className="py-2 pr-4">Ações</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ department, members, activeCategories }) => (
              <tr key={department.id} className="border-b border-slate-300 align-top">
                <td className="py-2 pr-4">
                  <span className="font-semibold">{department.name}</span>
                  {department.acronym && <span className="text-slate-700"> ({department.acronym})</span>}
                  {department.isInternalControl && <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-900">Controle Interno</span>}
                </td>
                <td className="py-2 pr-4">{department.email ?? '—'}</td>
                <td className="py-2 pr-4">{members}</td>
                <td className="py-2 pr-4">{activeCategories}</td>
                <td className="py-2 pr-4">{department.active ? 'Ativa' : 'Inativa'}</td>
                <td className="py-2 pr-4">
                  <div className="flex flex-wrap items-center gap-3">
                    <Link href={`/painel/admin/secretarias/${department.id}`} className="text-brand underline">
                      Editar<span className="sr-only"> {department.name}</span>
                    </Link>
                    <ActionButtonForm
                      action={setDepartmentActiveAction}
                      fields={{ id: department.id, active: String(!department.active) }}
                      label={department.active ? 'Desativar' : 'Ativar'}
                      accessibleSuffix={department.name}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="nova" className="mt-10 max-w-2xl">
        <h2 id="nova" className="mb-4 text-xl font-semibold">
          Nova secretaria
        </h2>
        <DepartmentForm />
      </section>
    </div>
  );
}
