import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SubmitButton } from '@/components/ui/submit-button';
import { signOutAction } from '@/app/account-actions';
import { auth } from '@/lib/auth/auth';
import { safeCallbackPath } from '@/lib/auth/redirects';
import { SecondFactorCodeForm } from './code-form';

export const metadata: Metadata = { title: 'Verificação em duas etapas' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The code step after a right password, for accounts with a second factor. */
export default async function SecondFactorPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined) ?? undefined;
  const session = await auth();
  if (!session?.user?.id) redirect(callbackUrl ? `/entrar?${new URLSearchParams({ callbackUrl })}` : '/entrar');
  if (!session.secondFactorPending) redirect(callbackUrl ?? '/painel');
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold">Verificação em duas etapas</h1>
      <p className="mt-2 mb-6 text-slate-700">
        Sua senha está certa. Para terminar de entrar, abra o aplicativo autenticador do seu celular e digite o código desta conta. Sem o
        celular, use um dos códigos de recuperação que você guardou; cada um vale uma vez. Você tem 10 minutos.
      </p>
      <SecondFactorCodeForm callbackUrl={callbackUrl} />
      <div className="mt-8 border-t border-slate-300 pt-4">
        <p className="mb-3 text-slate-700">Perdeu o celular e os códigos de recuperação? Peça ao administrador do sistema que redefina a verificação da sua conta.</p>
        <form action={signOutAction}>
          <SubmitButton variant="secondary">Cancelar e sair</SubmitButton>
        </form>
      </div>
    </div>
  );
}
