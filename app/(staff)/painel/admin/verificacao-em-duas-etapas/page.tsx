import type { Metadata } from 'next';
import { SubmitButton } from '@/components/ui/submit-button';
import { listSecondFactorHolders, listSecurityLog, readSecondFactorPolicy, SECURITY_ACTION_LABELS } from '@/lib/admin/account-security';
import { requireRole, STAFF_ROLES } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { formatDateTime, ROLE_LABELS } from '@/lib/domain/labels';
import type { Role } from '@/lib/domain/vocabulary';
import { Flash } from '../flash';
import { resetSecondFactorAction, saveSecondFactorPolicyAction } from './actions';

export const metadata: Metadata = { title: 'Verificação em duas etapas — Administração' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const MESSAGES = {
  politica: 'Perfis salvos. Quem tem um perfil marcado e ainda não ativou a verificação será levado a ativá-la no próximo acesso.',
  redefinida: 'Verificação redefinida e sessões da pessoa encerradas. Ela entra só com a senha e, se o perfil exigir, ativa de novo.',
};

function describeDetail(action: string, detail: string): string {
  if (action !== 'second_factor_policy') return '';
  const roles = detail.split(',').filter(Boolean) as Role[];
  return roles.length ? `: ${roles.map((role) => ROLE_LABELS[role] ?? role).join(', ')}` : ': nenhum perfil';
}

export default async function SecondFactorAdminPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await guarded(() => requireRole('admin'), '/painel/admin/verificacao-em-duas-etapas');
  const params = await searchParams;
  const [policy, holders, log] = await Promise.all([readSecondFactorPolicy(actor), listSecondFactorHolders(actor), listSecurityLog(actor)]);
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold">Verificação em duas etapas</h1>
      <div className="mt-4">
        <Flash params={params} messages={MESSAGES} />
      </div>

      <section aria-labelledby="politica" className="mt-6">
        <h2 id="politica" className="text-xl font-semibold">
          Perfis que precisam dela
        </h2>
        <p className="mt-1 mb-4 text-slate-700">
          Para os perfis marcados, entrar exige a senha e um código do aplicativo autenticador. Quem ainda não ativou é levado a ativar
          logo depois da senha, antes de chegar ao painel.
        </p>
        <form action={saveSecondFactorPolicyAction}>
          <fieldset className="space-y-2">
            <legend className="sr-only">Perfis que exigem verificação em duas etapas</legend>
            {STAFF_ROLES.map((role) => (
              <div key={role} className="flex items-center gap-2">
                <input type="checkbox" id={`role-${role}`} name={`role.${role}`} defaultChecked={policy[role]} className="h-5 w-5" />
                <label htmlFor={`role-${role}`}>{ROLE_LABELS[role]}</label>
              </div>
            ))}
          </fieldset>
          <div className="mt-4">
            <SubmitButton>Salvar perfis</SubmitButton>
          </div>
        </form>
      </section>

      <section aria-labelledby="ativas" className="mt-10">
        <h2 id="ativas" className="text-xl font-semibold">
          Quem já ativou
        </h2>
        <p className="mt-1 mb-4 text-slate-700">
          Redefina quando alguém perder o celular (ou a passkey) e os códigos de recuperação: o aplicativo e as passkeys cadastrados deixam
          de valer e as sessões da pessoa são encerradas. Fica registrado abaixo.
        </p>
        {holders.length === 0 ? (
          <p>Ninguém ativou ainda.</p>
        ) : (
          <ul className="space-y-2">
            {holders.map((holder) => (
              <li key={holder.id} className="flex flex-wrap items-center justify-between gap-3 rounded border border-slate-300 p-3">
                <span>
                  <strong>{holder.name || holder.email}</strong> ({holder.email}) · {ROLE_LABELS[holder.role]}
                  {holder.confirmedAt && ` · aplicativo desde ${formatDateTime(holder.confirmedAt)}`}
                  {holder.passkeys > 0 && ` · ${holder.passkeys === 1 ? '1 passkey' : `${holder.passkeys} passkeys`}`}
                </span>
                <form action={resetSecondFactorAction}>
                  <input type="hidden" name="userId" value={holder.id} />
                  <SubmitButton variant="danger">
                    Redefinir<span className="sr-only"> a verificação de {holder.name || holder.email}</span>
                  </SubmitButton>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="registro" className="mt-10">
        <h2 id="registro" className="text-xl font-semibold">
          Registro de segurança das contas
        </h2>
        {log.length === 0 ? (
          <p className="mt-2">Nada registrado ainda.</p>
        ) : (
          <table className="mt-4 w-full text-left">
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="py-2 pr-3">
                  Quando
                </th>
                <th scope="col" className="py-2 pr-3">
                  Quem
                </th>
                <th scope="col" className="py-2">
                  O quê
                </th>
              </tr>
            </thead>
            <tbody>
              {log.map((entry) => (
                <tr key={entry.id} className="border-b border-slate-200">
                  <td className="py-2 pr-3">{formatDateTime(entry.at)}</td>
                  <td className="py-2 pr-3">{entry.actorName ?? '—'}</td>
                  <td className="py-2">
                    {SECURITY_ACTION_LABELS[entry.action] ?? entry.action}
                    {entry.subjectName !== null && ` — ${entry.subjectName || entry.subjectEmail}`}
                    {describeDetail(entry.action, entry.detail)}
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
