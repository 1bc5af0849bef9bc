import type { Metadata } from 'next';
import Link from 'next/link';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/ui/submit-button';
import { currentActor } from '@/lib/auth/guards';
import { homePathFor, safeCallbackPath } from '@/lib/auth/redirects';
import { signOutAction } from '@/app/account-actions';
import { PasswordSignInForm } from './password-form';
import { SignInLinkForm } from './link-form';
import { GovbrSignInButton } from '@/components/auth/govbr-sign-in-button';
import { govbrConfig } from '@/lib/auth/govbr/config';
import { govbrSignInNotice } from '@/lib/auth/govbr/notices';
import { signInWithGovbr } from './govbr-actions';

export const metadata: Metadata = { title: 'Entrar' };

/** What Auth.js's own routes report back in `?error=` (an expired link, a refused one…). */
function authErrorMessage(error: string | undefined, code: string | undefined): string | null {
  if (!error) return null;
  if (error === 'Verification') return 'Este link de acesso expirou ou já foi usado. Peça um novo link abaixo.';
  if (error === 'AccessDenied') return 'Não foi possível entrar por link com este e-mail. Entre com sua senha ou crie uma conta.';
  if (error === 'CredentialsSignin' && code === 'locked') {
    return 'Por segurança, as tentativas de entrar a partir desta conexão foram suspensas por alguns minutos depois de muitas tentativas sem sucesso.';
  }
  if (error === 'CredentialsSignin' && code === 'unverified') {
    return 'Confirme seu e-mail antes de entrar com senha: abra o link que enviamos quando você criou a conta, ou peça abaixo um link de acesso.';
  }
  if (error === 'CredentialsSignin') return 'E-mail ou senha incorretos. Confira e tente de novo.';
  return 'Não foi possível entrar agora. Tente de novo em instantes.';
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const single = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(single(params.callbackUrl)) ?? undefined;
  const govbrNotice = govbrSignInNotice({ govbr: single(params.govbr), error: single(params.error), code: single(params.code) });
  const errorMessage = govbrNotice ? null : authErrorMessage(single(params.error), single(params.code));
  const actor = await currentActor();

  if (actor) {
    return (
      <div className="max-w-2xl">
        <h1 className="text-3xl font-bold">Entrar</h1>
        <p className="mt-4">
          Você já entrou como <strong>{actor.name || actor.email}</strong>.
        </p>
        <div className="mt-6 flex flex-wrap items-center gap-4">
          <Link href={callbackUrl ?? homePathFor(actor.role)} className="rounded-full bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
            Continuar
          </Link>
          <form action={signOutAction}>
            <SubmitButton variant="secondary">Sair desta conta</SubmitButton>
          </form>
        </div>
      </div>
    );
  }

  const signUpHref = callbackUrl ? `/cadastro?${new URLSearchParams({ callbackUrl })}` : '/cadastro';
  return (
    <div className="max-w-4xl">
      <h1 className="text-3xl font-bold">Entrar</h1>
      <p className="mt-2 text-slate-700">Cidadãos e servidores da Prefeitura entram por aqui.</p>
      {govbrNotice && (
        <div className="mt-6">
          <FormAlert tone={govbrNotice.tone} title={govbrNotice.title} />
        </div>
      )}
      {errorMessage && (
        <div className="mt-6">
          <FormAlert tone="error" title={errorMessage} />
        </div>
      )}
      {govbrConfig() && (
        <section aria-labelledby="com-govbr" className="mt-8">
          <h2 id="com-govbr" className="mb-2 text-xl font-semibold">
            Com sua conta gov.br
          </h2>
          <p className="mb-4 text-slate-700">Cidadãos entram com a conta gov.br e veem as manifestações registradas com o seu CPF.</p>
          <GovbrSignInButton action={signInWithGovbr} callbackUrl={callbackUrl} />
        </section>
      )}
      {!errorMessage && !govbrNotice && single(params.confirmado) === '1' && (
        <div className="mt-6">
          <FormAlert tone="success" title="E-mail confirmado. Entre com seu e-mail e sua senha." />
        </div>
      )}
      <div className="mt-8 grid gap-10 md:grid-cols-2">
        <section aria-labelledby="com-senha">
          <h2 id="com-senha" className="mb-4 text-xl font-semibold">
            Com e-mail e senha
          </h2>
          <PasswordSignInForm callbackUrl={callbackUrl} />
        </section>
        <section aria-labelledby="link-por-email">
          <h2 id="link-por-email" className="mb-4 text-xl font-semibold">
            Sem senha, com um link por e-mail
          </h2>
          <SignInLinkForm callbackUrl={callbackUrl} />
          <p className="mt-4 text-sm text-slate-700">
            Para contas de cidadão. Servidores que esqueceram a senha pedem uma nova ao administrador do sistema.
          </p>
        </section>
      </div>
      <p className="mt-10 border-t border-slate-300 pt-6">
        Ainda não tem conta?{' '}
        <Link href={signUpHref} className="font-semibold text-brand underline">
          Crie sua conta de cidadão
        </Link>{' '}
        para acompanhar todas as suas manifestações em um só lugar.
      </p>
    </div>
  );
}
