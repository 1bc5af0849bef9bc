import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SubmitButton } from '@/components/ui/submit-button';
import { signOutAction } from '@/app/account-actions';
import { auth } from '@/lib/auth/auth';
import { safeCallbackPath } from '@/lib/auth/redirects';
import { hasPasskey, hasAuthenticatorApp } from '@/lib/accounts/two-factor';
import { passkeysAvailable } from '@/lib/accounts/passkeys';
import { SecondFactorCodeForm } from './code-form';
import { PasskeySignIn } from './passkey-sign-in';

export const metadata: Metadata = { title: 'Verificação em duas etapas' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The code step after a right password, for accounts with a second factor. */
export default async function SecondFactorPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined) ?? undefined;
  const session = await auth();
  if (!session?.user?.id) redirect(callbackUrl ? `/entrar?${new URLSearchParams({ callbackUrl })}` : '/entrar');
  if (!session.secondFactorPending) redirect(callbackUrl ?? '/painel');
  const [app, passkey] = await Promise.all([hasAuthenticatorApp(session.user.id), hasPasskey(session.user.id)]);
  const offerPasskey = passkey && passkeysAvailable();
  const codeAlternative = app ? 'o código do aplicativo autenticador ou um código de recuperação' : 'um dos seus códigos de recuperação';
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold">Verificação em duas etapas</h1>
      <p className="mt-2 mb-6 text-slate-700">
        Sua senha está certa. Para terminar de entrar,{' '}
        {offerPasskey && app
          ? 'use sua passkey ou digite o código que o aplicativo autenticador do seu celular mostra.'
          : offerPasskey
            ? 'use sua passkey.'
            : 'abra o aplicativo autenticador do seu celular e digite o código desta conta.'}{' '}
        Sem {offerPasskey ? 'ela' : 'o celular'}, use um dos códigos de recuperação que você guardou; cada um vale uma vez. Você tem 10 minutos.
      </p>
      {offerPasskey && (
        <section aria-labelledby="com-passkey" className="mb-8">
          <h2 id="com-passkey" className="mb-3 text-xl font-semibold">
            Com passkey
          </h2>
          <PasskeySignIn callbackUrl={callbackUrl} codeAlternative={codeAlternative} />
        </section>
      )}
      <section aria-labelledby="com-codigo">
        <h2 id="com-codigo" className={offerPasskey ? 'mb-3 text-xl font-semibold' : 'sr-only'}>
          {app ? 'Com código' : 'Com código de recuperação'}
        </h2>
        <SecondFactorCodeForm callbackUrl={callbackUrl} recoveryOnly={!app} />
      </section>
      <div className="mt-8 border-t border-slate-300 pt-4">
        <p className="mb-3 text-slate-700">Perdeu o celular{passkey ? ' ou a passkey' : ''} e os códigos de recuperação? Peça ao administrador do sistema que redefina a verificação da sua conta.</p>
        <form action={signOutAction}>
          <SubmitButton variant="secondary">Cancelar e sair</SubmitButton>
        </form>
      </div>
    </div>
  );
}
