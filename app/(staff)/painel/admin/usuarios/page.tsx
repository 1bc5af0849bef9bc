import type { Metadata } from 'next';
import Link from 'next/link';
import { SelectField, TextField } from '@/components/ui/field-client';
import { listUsers } from '@/lib/admin/users';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { ROLE_LABELS } from '@/lib/domain/labels';
import { ALL_ROLE_CHOICES } from './choices';

export const metadata: Metadata = { title: 'Usuários — Administração' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const single = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await guarded(() => requireRole('admin'), '/painel/admin/usuarios');
  const params = await searchParams;
  const query = single(params.q) ?? '';
  const role = single(params.perfil) ?? '';
  const result = await listUsers(actor, { query, role, page: Number(single(params.pagina)) || 1 });
  const pageHref = (page: number) => `/painel/admin/usuarios?${new URLSearchParams({ q: query, perfil: role, pagina: String(page) })}`;
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-3xl font-bold">Usuários</h1>
        <Link href="/painel/admin/usuarios/novo" className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
          Nova conta de servidor
        </Link>
      </div>
      <form method="get" aria-label="Filtrar usuários" className="mt-6 flex flex-wrap items-end gap-4">
        <TextField name="q" id="filtro-q" label="Nome ou e-mail" type="search" defaultValue={query} className="min-w-64" />
        <SelectField name="perfil" id="filtro-perfil" label="Perfil" options={ALL_ROLE_CHOICES} placeholder="Todos" defaultValue={role} />
        <button type="submit" className="rounded border border-brand px-4 py-2 font-semibold text-brand hover:bg-slate-100">
          Filtrar
        </button>
      </form>
      <p className="mt-4 text-slate-700" role="status">
        {result.total === 1 ? '1 conta encontrada.' : `${result.total} contas encontradas.`}
      </p>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">Contas de usuários</caption>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-2 pr-4">Nome</th>
              <th scope="col" className="py-2 pr-4">E-mail</th>
              <th scope="col" className="py-2 pr-4">Perfil</th>
              <th scope="col" className="py-2 pr-4">Secretarias</th>
              <th scope="col" className="py-2 pr-4">Situação</th>
            </tr>
          </thead>
          <tbody>
            {result.users.map((user) => (
              <tr key={user.id} className="border-b border-slate-300">
                <td className="py-2 pr-4">
                  <Link href={`/painel/admin/usuarios/${user.id}`} className="text-brand underline">
                    {user.name || '(sem nome)'}
                  </Link>
                </td>
                <td className="py-2 pr-4">{user.email}</td>
                <td className="py-2 pr-4">{ROLE_LABELS[user.role]}</td>
                <td className="py-2 pr-4">{user.departments.join(', ') || '—'}</td>
                <td className="py-2 pr-4">{user.active ? 'Ativa' : 'Desativada'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.pageCount > 1 && (
        <nav aria-label="Páginas" className="mt-4 flex items-center gap-4">
          {result.page > 1 && (
            <Link href={pageHref(result.page - 1)} className="text-brand underline">
              Página anterior
            </Link>
          )}
          <span>
            Página {result.page} de {result.pageCount}
          </span>
          {result.page < result.pageCount && (
            <Link href={pageHref(result.page + 1)} className="text-brand underline">
              Próxima página
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
