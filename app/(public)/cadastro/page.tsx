import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/guards';
import { homePathFor, safeCallbackPath } from '@/lib/auth/redirects';
import { SignUpForm } from './sign-up-form';

export const metadata: Metadata = { title: 'Criar conta' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined) ?? undefined;
  const actor = await currentActor();
  if (actor) redirect(callbackUrl ?? homePathFor(actor.role));
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold">Criar conta de cidadão</h1>
      <p className="mt-2 text-slate-700">
        Com uma conta você acompanha todas as suas manifestações e pedidos em um só lugar. Para registrar uma manifestação não é preciso
        conta — inclusive de forma anônima. Como tratamos seus dados: veja o{' '}
        <Link href="/privacidade" className="text-brand underline">
          aviso de privacidade
        </Link>
        .
      </p>
      <div className="mt-8">
        <SignUpForm callbackUrl={callbackUrl} />
      </div>
      <p className="mt-8">
        Já tem conta?{' '}
        <Link href={callbackUrl ? `/entrar?${new URLSearchParams({ callbackUrl })}` : '/entrar'} className="font-semibold text-brand underline">
          Entrar
        </Link>
      </p>
    </div>
  );
}
