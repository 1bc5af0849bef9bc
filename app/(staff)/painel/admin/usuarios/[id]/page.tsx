import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionButtonForm } from '@/components/forms/action-button-form';
import { getUser, listDepartmentChoices } from '@/lib/admin/users';
import { requireRole } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { formatDate, ROLE_LABELS } from '@/lib/domain/labels';
import { Flash } from '../../flash';
import { setUserActiveAction } from '../actions';
import { ALL_ROLE_CHOICES, departmentChoices } from '../choices';
import { ResetPasswordForm, UserAccessForm } from '../user-forms';

export const metadata: Metadata = { title: 'Conta de usuário — Administração' };

const MESSAGES = {
  criado: 'Conta criada. Entregue a senha inicial ao servidor.',
  perfil: 'Perfil e secretarias salvos.',
  senha: 'Nova senha definida.',
  ativado: 'Conta reativada.',
  desativado: 'Conta desativada: não entra mais no sistema.',
};

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UserPage({ params, searchParams }: Props) {
  const { id } = await params;
  const actor = await guarded(() => requireRole('admin'), `/painel/admin/usuarios/${id}`);
  const [user, departments, query] = await Promise.all([getUser(actor, id), listDepartmentChoices(actor), searchParams]);
  if (!user) notFound();
  const isSelf = user.id === actor.userId;
  return (
    <div className="max-w-3xl">
      <p>
        <Link href="/painel/admin/usuarios" className="text-brand underline">
          ← Usuários
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold">{user.name || user.email}</h1>
      <p className="mt-1 text-slate-700">
        {user.email} · {ROLE_LABELS[user.role]} · {user.active ? 'Ativa' : 'Desativada'} · criada em {formatDate(user.createdAt)}
        {user.role === 'citizen' && ` · e-mail ${user.emailVerified ? 'confirmado' : 'não confirmado'}`}
      </p>
      <div className="mt-6">
        <Flash params={query} messages={MESSAGES} />
      </div>

      <section aria-labelledby="perfil" className="mt-6">
        <h2 id="perfil" className="mb-4 text-xl font-semibold">
          Perfil e secretarias
        </h2>
        <UserAccessForm
          key={`${user.role}:${user.departmentIds.join(',')}:${user.appealInstances.join(',')}:${user.dataProtectionOfficer}`}
          userId={user.id}
          role={user.role}
          departmentIds={user.departmentIds}
          appealInstances={user.appealInstances}
          dataProtectionOfficer={user.dataProtectionOfficer}
          roles={ALL_ROLE_CHOICES}
          departments={departmentChoices(departments)}
        />
      </section>

      <section aria-labelledby="senha" className="mt-10">
        <h2 id="senha" className="mb-4 text-xl font-semibold">
          Nova senha
        </h2>
        <ResetPasswordForm userId={user.id} />
      </section>

      <section aria-labelledby="situacao" className="mt-10">
        <h2 id="situacao" className="mb-2 text-xl font-semibold">
          {user.active ? 'Desativar a conta' : 'Reativar a conta'}
        </h2>
        {isSelf ? (
          <p>Você não pode desativar a sua própria conta.</p>
        ) : (
          <div className="space-y-3">
            <p>
              {user.active
                ? 'A conta deixa de entrar no sistema na hora, inclusive em sessões já abertas. O histórico continua registrado.'
                : 'A conta volta a entrar com a senha atual.'}
            </p>
            <ActionButtonForm
              action={setUserActiveAction}
              fields={{ id: user.id, active: String(!user.active) }}
              label={user.active ? 'Desativar conta' : 'Reativar conta'}
              variant={user.active ? 'danger' : 'primary'}
            />
          </div>
        )}
      </section>
    </div>
  );
}
