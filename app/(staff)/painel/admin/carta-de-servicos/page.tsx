import type { Metadata } from 'next';
import Link from 'next/link';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { formatDate } from '@/lib/domain/labels';
import { listCharterForAdmin } from '@/lib/service-charter/editing';
import { CHARTER_PATH } from '@/lib/service-charter/paths';
import { Flash } from '../flash';

export const metadata: Metadata = { title: 'Carta de Serviços — Administração' };

const MESSAGES = { criada: 'Entrada criada na Carta de Serviços.', salva: 'Alterações salvas e datadas no histórico.' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminCharterPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await guarded(() => requireRole('admin'), '/painel/admin/carta-de-servicos');
  const [rows, params] = await Promise.all([listCharterForAdmin(actor), searchParams]);
  return (
    <div>
      <h1 className="text-3xl font-bold">Carta de Serviços</h1>
      <p className="mt-2 max-w-prose text-slate-700">
        A descrição pública de cada serviço (Lei nº 13.460/2017, art. 7º). Cada alteração salva fica datada no histórico da
        página do serviço. <Link href={CHARTER_PATH} className="text-brand underline">Ver a Carta publicada</Link>.
      </p>
      <div className="mt-6">
        <Flash params={params} messages={MESSAGES} />
      </div>
      <p className="mb-3">
        <Link href="/painel/admin/carta-de-servicos/nova" className="text-brand underline">
          Novo serviço sem pedido pela internet
        </Link>
      </p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left">
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-2 pr-4">Serviço</th>
              <th scope="col" className="py-2 pr-4">Secretaria</th>
              <th scope="col" className="py-2 pr-4">Pedido pela internet</th>
              <th scope="col" className="py-2 pr-4">Na Carta</th>
              <th scope="col" className="py-2 pr-4">Atualizada em</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.charterId ?? row.categoryId} className="border-b border-slate-300">
                <td className="py-2 pr-4">
                  {row.charterId ? (
                    <Link href={`/painel/admin/carta-de-servicos/${row.charterId}`} className="text-brand underline">
                      {row.name}
                    </Link>
                  ) : (
                    <>
                      {row.name}{' '}
                      <Link href={`/painel/admin/carta-de-servicos/nova?servico=${row.categoryId}`} className="text-brand underline">
                        Escrever a entrada<span className="sr-only"> de {row.name}</span>
                      </Link>
                    </>
                  )}
                </td>
                <td className="py-2 pr-4">{row.departmentName}</td>
                <td className="py-2 pr-4">{row.online ? 'Sim (Balcão)' : 'Não'}</td>
                <td className="py-2 pr-4">{row.charterId ? (row.published ? 'Publicada' : 'Não publicada') : 'Sem entrada'}</td>
                <td className="py-2 pr-4">{row.updatedAt ? formatDate(row.updatedAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
