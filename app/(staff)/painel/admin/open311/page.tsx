import type { Metadata } from 'next';
import { FormMessage } from '@/components/demand/form-parts';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { formatDateTime } from '@/lib/domain/labels';
import { listOpen311Clients } from '@/lib/open311/keys';
import { open311PostLimit } from '@/lib/open311/limits';
import { revokeKeyAction } from './actions';
import { IssueKeyForm } from './issue-key-form';

export const metadata: Metadata = { title: 'Chaves Open311' };

const RESULTS: Record<string, { status: 'success' | 'error'; text: string }> = {
  revogada: { status: 'success', text: 'Chave revogada: o aplicativo não consegue mais registrar solicitações com ela.' },
  nada: { status: 'error', text: 'Esta chave não existe ou já tinha sido revogada.' },
};

type Props = { searchParams: Promise<{ resultado?: string | string[] }> };

/** Keys of the third-party apps that post Balcão requests over Open311 (app/open311/v2). */
export default async function Open311KeysPage({ searchParams }: Props) {
  const actor = await guarded(() => requireRole('admin'), '/painel/admin/open311');
  const { resultado } = await searchParams;
  const result = typeof resultado === 'string' ? RESULTS[resultado] : undefined;
  const clients = await listOpen311Clients(actor);
  const limit = open311PostLimit();
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Chaves Open311</h1>
      <p>
        Aplicativos de terceiros registram pedidos do Balcão da Cidadania pela interface Open311 (GeoReport v2) em <code>/open311/v2/</code>, com a
        documentação em <a className="text-brand underline" href="/api/docs">/api/docs</a>. Ler os serviços e os pedidos é público; registrar um pedido
        exige uma chave. {limit ? `Cada chave registra até ${limit.limit} pedidos por hora.` : 'Sem limite por hora configurado.'}
      </p>
      {result && <FormMessage status={result.status} message={result.text} />}
      <section aria-labelledby="emitir" className="space-y-3">
        <h2 id="emitir" className="text-xl font-bold">
          Emitir uma chave
        </h2>
        <IssueKeyForm />
      </section>
      <section aria-labelledby="emitidas" className="space-y-3">
        <h2 id="emitidas" className="text-xl font-bold">
          Chaves emitidas
        </h2>
        {clients.length === 0 ? (
          <p>Nenhuma chave emitida.</p>
        ) : (
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">Chaves Open311 emitidas</caption>
            <thead>
              <tr className="border-b-2 border-slate-400">
                <th scope="col" className="p-2">Aplicativo</th>
                <th scope="col" className="p-2">Início da chave</th>
                <th scope="col" className="p-2">Emitida em</th>
                <th scope="col" className="p-2">Último uso</th>
                <th scope="col" className="p-2">Situação</th>
              </tr>
            </thead>
            <tbody>
              {clients.map((client) => (
                <tr key={client.id} className="border-b border-slate-300 align-top">
                  <td className="p-2">
                    {client.name}
                    {client.contactEmail && <span className="block text-sm text-slate-700">{client.contactEmail}</span>}
                  </td>
                  <td className="p-2 font-mono">{client.keyPrefix}…</td>
                  <td className="p-2">{formatDateTime(client.createdAt)}</td>
                  <td className="p-2">{client.lastUsedAt ? formatDateTime(client.lastUsedAt) : 'Nunca'}</td>
                  <td className="p-2">
                    {client.revokedAt ? (
                      `Revogada em ${formatDateTime(client.revokedAt)}`
                    ) : (
                      <form action={revokeKeyAction}>
                        <input type="hidden" name="clientId" value={client.id} />
                        <button type="submit" className="rounded border-2 border-red-700 px-3 py-1 font-semibold text-red-800 hover:bg-red-50">
                          Revogar a chave de {client.name}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
