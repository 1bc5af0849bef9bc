import type { Metadata } from 'next';
import Link from 'next/link';
import { listCategories } from '@/lib/admin/categories';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { SERVICE_LABELS } from '@/lib/domain/labels';
import { SERVICES } from '@/lib/domain/vocabulary';
import { Flash } from '../flash';

export const metadata: Metadata = { title: 'Serviços e assuntos — Administração' };

const MESSAGES = { criada: 'Item criado.', salva: 'Alterações salvas.' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CategoriesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await guarded(() => requireRole('admin'), '/painel/admin/categorias');
  const [rows, params] = await Promise.all([listCategories(actor), searchParams]);
  return (
    <div>
      <h1 className="text-3xl font-bold">Serviços e assuntos</h1>
      <div className="mt-6">
        <Flash params={params} messages={MESSAGES} />
      </div>
      {SERVICES.map((service) => {
        const ofService = rows.filter((row) => row.category.service === service);
        const headingId = `lista-${service}`;
        return (
          <section key={service} aria-labelledby={headingId} className="mb-10">
            <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={headingId} className="text-xl font-semibold">
                {service === 'balcao' ? `Serviços do ${SERVICE_LABELS.balcao}` : `Assuntos da ${SERVICE_LABELS.ouvidoria}`}
              </h2>
              <Link href={`/painel/admin/categorias/nova?servico=${service}`} className="text-brand underline">
                {service === 'balcao' ? 'Novo serviço' : 'Novo assunto'}
              </Link>
            </div>
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-left">
                <thead>
                  <tr className="border-b-2 border-slate-400">
                    <th scope="col" className="py-2 pr-4">Nome</th>
                    <th scope="col" className="py-2 pr-4">Secretaria</th>
                    {service === 'balcao' && <th scope="col" className="py-2 pr-4">Prazo</th>}
                    {service === 'balcao' && <th scope="col" className="py-2 pr-4">Perguntas</th>}
                    <th scope="col" className="py-2 pr-4">Situação</th>
                  </tr>
                </thead>
                <tbody>
                  {ofService.map(({ category, departmentName }) => (
                    <tr key={category.id} className="border-b border-slate-300">
                      <td className="py-2 pr-4">
                        <Link href={`/painel/admin/categorias/${category.id}`} className="text-brand underline">
                          {category.name}
                        </Link>
                      </td>
                      <td className="py-2 pr-4">{departmentName}</td>
                      {service === 'balcao' && <td className="py-2 pr-4">{category.deadlineDays} dias</td>}
                      {service === 'balcao' && <td className="py-2 pr-4">{category.fields.length}</td>}
                      <td className="py-2 pr-4">{category.active ? 'Disponível' : 'Indisponível'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}
