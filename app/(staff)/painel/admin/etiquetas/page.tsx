import type { Metadata } from 'next';
import { ActionButtonForm } from '@/components/forms/action-button-form';
import { listDepartments } from '@/lib/admin/departments';
import { listTags } from '@/lib/admin/tags';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { Flash } from '../flash';
import { deleteTagAction } from './actions';
import { RenameTagForm } from './rename-tag-form';
import { TagForm } from './tag-form';

export const metadata: Metadata = { title: 'Etiquetas — Administração' };

const MESSAGES = {
  criada: 'Etiqueta criada.',
  renomeada: 'Etiqueta renomeada; as manifestações que a têm passam a mostrar o novo nome.',
  excluida: 'Etiqueta excluída; ela saiu das manifestações que a tinham.',
};

export default async function TagsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await guarded(() => requireRole('admin'), '/painel/admin/etiquetas');
  const [tags, departments, params] = await Promise.all([listTags(actor), listDepartments(actor), searchParams]);
  return (
    <div>
      <h1 className="text-3xl font-bold">Etiquetas</h1>
      <p className="mt-2 text-slate-700">A equipe marca as manifestações com etiquetas para organizar e filtrar as filas. O cidadão não as vê.</p>
      <div className="mt-6">
        <Flash params={params} messages={MESSAGES} />
      </div>
      {tags.length === 0 ? (
        <p className="rounded border border-slate-300 p-4">Nenhuma etiqueta cadastrada ainda.</p>
      ) : (
        <table className="w-full max-w-3xl border-collapse text-left">
          <caption className="mb-2 text-left font-semibold">Etiquetas cadastradas</caption>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="p-2">Nome</th>
              <th scope="col" className="p-2">Secretaria</th>
              <th scope="col" className="p-2">
                <span className="sr-only">Ações</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tags.map((tag) => (
              <tr key={tag.id} className="border-b border-slate-300">
                <td className="p-2">{tag.name}</td>
                <td className="p-2">{tag.departmentName ?? 'Todas (geral)'}</td>
                <td className="p-2">
                  <div className="flex flex-wrap items-start gap-3">
                    <RenameTagForm tag={tag} />
                    <ActionButtonForm action={deleteTagAction} fields={{ id: tag.id }} label="Excluir" accessibleSuffix={tag.name} variant="danger" />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="nova" className="mt-10 max-w-2xl">
        <h2 id="nova" className="mb-4 text-xl font-semibold">
          Nova etiqueta
        </h2>
        <TagForm departments={departments.map(({ department }) => ({ value: department.id, label: department.name }))} />
      </section>
    </div>
  );
}
