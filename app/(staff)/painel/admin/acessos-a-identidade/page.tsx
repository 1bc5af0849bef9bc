import type { Metadata } from 'next';
import Link from 'next/link';
import { SelectField, TextField } from '@/components/ui/field-client';
import { listIdentityAccess, listLoggedViewers } from '@/lib/admin/identity-access-log';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { formatDateTime, IDENTITY_LABELS, KIND_LABELS, ROLE_LABELS } from '@/lib/domain/labels';
import { EXAMPLE_PROTOCOL } from '@/lib/domain/protocol';

export const metadata: Metadata = { title: 'Acessos à identidade — Administração' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const single = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

export default async function IdentityAccessLogPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await guarded(() => requireRole('admin'), '/painel/admin/acessos-a-identidade');
  const params = await searchParams;
  const protocol = single(params.protocolo) ?? '';
  const userId = single(params.usuario) ?? '';
  const [log, viewers] = await Promise.all([
    listIdentityAccess(actor, { protocol, userId, page: Number(single(params.pagina)) || 1 }),
    listLoggedViewers(actor),
  ]);
  const pageHref = (page: number) => `/painel/admin/acessos-a-identidade?${new URLSearchParams({ protocolo: protocol, usuario: userId, pagina: String(page) })}`;
  return (
    <div>
      <h1 className="text-3xl font-bold">Acessos à identidade protegida</h1>
      <p className="mt-2 text-slate-700">
        Cada vez que alguém da equipe vê o nome e os contatos de quem fez uma denúncia ou manifestação sigilosa, fica registrado aqui (Lei
        nº 13.460/2017, art. 10, § 7º). Este registro não pode ser alterado.
      </p>
      <form method="get" aria-label="Filtrar acessos" className="mt-6 flex flex-wrap items-end gap-4">
        <TextField
          name="protocolo"
          id="filtro-protocolo"
          label="Protocolo"
          inputMode="numeric"
          placeholder={EXAMPLE_PROTOCOL}
          defaultValue={protocol}
          errors={log.protocolError ? [log.protocolError] : undefined}
        />
        <SelectField
          name="usuario"
          id="filtro-usuario"
          label="Quem acessou"
          options={viewers.map((viewer) => ({ value: viewer.id, label: `${viewer.name} (${viewer.email})` }))}
          placeholder="Todos"
          defaultValue={userId}
        />
        <button type="submit" className="rounded border border-brand px-4 py-2 font-semibold text-brand hover:bg-slate-100">
          Filtrar
        </button>
      </form>
      <p className="mt-4 text-slate-700" role="status">
        {log.total === 1 ? '1 acesso registrado.' : `${log.total} acessos registrados.`}
      </p>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">Acessos à identidade protegida, dos mais recentes para os mais antigos</caption>
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-2 pr-4">Quando</th>
              <th scope="col" className="py-2 pr-4">Quem</th>
              <th scope="col" className="py-2 pr-4">Protocolo</th>
              <th scope="col" className="py-2 pr-4">Manifestação</th>
              <th scope="col" className="py-2 pr-4">Motivo</th>
            </tr>
          </thead>
          <tbody>
            {log.entries.map((entry) => (
              <tr key={entry.id} className="border-b border-slate-300">
                <td className="py-2 pr-4">
                  <time dateTime={entry.accessedAt.toISOString()}>{formatDateTime(entry.accessedAt)}</time>
                </td>
                <td className="py-2 pr-4">
                  {entry.userName} <span className="block text-sm text-slate-700">{entry.userEmail} · {ROLE_LABELS[entry.userRole]}</span>
                </td>
                <td className="py-2 pr-4 font-mono">{entry.protocol}</td>
                <td className="py-2 pr-4">
                  {KIND_LABELS[entry.kind]} · {IDENTITY_LABELS[entry.identity]}
                </td>
                <td className="py-2 pr-4">{entry.reason ?? <span className="text-slate-700">Não informado (acesso anterior ao registro de motivos)</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {log.pageCount > 1 && (
        <nav aria-label="Páginas" className="mt-4 flex items-center gap-4">
          {log.page > 1 && (
            <Link href={pageHref(log.page - 1)} className="text-brand underline">
              Página anterior
            </Link>
          )}
          <span>
            Página {log.page} de {log.pageCount}
          </span>
          {log.page < log.pageCount && (
            <Link href={pageHref(log.page + 1)} className="text-brand underline">
              Próxima página
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
