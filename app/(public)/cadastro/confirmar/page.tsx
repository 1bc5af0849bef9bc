import type { Metadata } from 'next';
import Link from 'next/link';
import { ConfirmEmailForm } from './confirm-form';

export const metadata: Metadata = { title: 'Confirmar e-mail' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Opened from the e-mailed confirmation link; nothing is confirmed until the form is sent (a POST). */
export default async function ConfirmEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const token = typeof params.token === 'string' ? params.token : '';
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold">Confirmar e-mail</h1>
      {token ? (
        <>
          <p className="mt-4">Para confirmar que esta conta é sua, digite a senha que você criou no cadastro.</p>
          <div className="mt-6">
            <ConfirmEmailForm token={token} />
          </div>
          <p className="mt-8 text-slate-700">
            Não foi você quem criou esta conta? Não confirme.{' '}
            <Link href="/entrar#link-por-email" className="font-semibold text-brand underline">
              Entre com um link de acesso
            </Link>
            : a senha criada por outra pessoa deixará de valer.
          </p>
        </>
      ) : (
        <p className="mt-4">
          Este endereço está incompleto. Abra o link do e-mail de confirmação de novo, ou{' '}
          <Link href="/entrar" className="font-semibold text-brand underline">
            entre com um link de acesso
          </Link>
          .
        </p>
      )}
    </div>
  );
}
