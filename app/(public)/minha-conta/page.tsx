import type { Metadata } from 'next';
import Link from 'next/link';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { hasPassword } from '@/lib/accounts/account-security';
import { requireActor } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { endOtherSessionsAction } from './actions';
import { ChangePasswordForm } from './password-form';

export const metadata: Metadata = { title: 'Minha conta' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const DONE: Record<string, string> = {
  senha: 'Senha salva. As outras sessões da sua conta foram encerradas.',
  sessoes: 'As outras sessões da sua conta foram encerradas. Esta continua aberta.',
};

export default async function MyAccountPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await guarded(requireActor, '/minha-conta');
  const params = await searchParams;
  const done = typeof params.feito === 'string' ? DONE[params.feito] : undefined;
  const withPassword = await hasPassword(actor);
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold">Minha conta</h1>
      <p className="mt-2 text-slate-700">
        Você entrou como <strong>{actor.email}</strong>.
      </p>
      {done && (
        <div className="mt-6">
          <FormAlert tone="success" title={done} />
        </div>
      )}

      <section aria-labelledby="senha" className="mt-8">
        <h2 id="senha" className="text-xl font-semibold">
          {withPassword ? 'Trocar a senha' : 'Criar uma senha'}
        </h2>
        <p className="mt-1 mb-4 text-slate-700">
          {withPassword
            ? 'Informe a senha atual e a nova. Ao trocar a senha, as outras sessões da conta são encerradas.'
            : 'Sua conta não tem senha: você entra com um link enviado por e-mail. Se quiser, crie uma senha.'}
        </p>
        <ChangePasswordForm hasPassword={withPassword} />
      </section>

      <section aria-labelledby="sessoes" className="mt-10">
        <h2 id="sessoes" className="text-xl font-semibold">
          Sessões abertas
        </h2>
        <p className="mt-1 mb-4 text-slate-700">
          Entrou em outro computador ou celular e não saiu? Encerre as outras sessões: elas deixam de funcionar no próximo acesso. Esta
          continua aberta.
        </p>
        <form action={endOtherSessionsAction}>
          <SubmitButton variant="secondary">Encerrar as outras sessões</SubmitButton>
        </form>
      </section>

      <p className="mt-10">
        <Link href="/minhas-manifestacoes" className="text-brand underline">
          Voltar para Minhas manifestações
        </Link>
      </p>
    </div>
  );
}
