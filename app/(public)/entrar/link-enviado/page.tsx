import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Confira seu e-mail' };

export default function SignInLinkSentPage() {
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">Confira seu e-mail</h1>
      <p className="mt-4">
        Se houver uma conta de cidadão ativa com o e-mail informado, enviamos para ele um link de acesso. O link vale por 30 minutos e pode
        ser usado uma única vez; entrar por ele também confirma seu e-mail.
      </p>
      <p className="mt-4">Não chegou? Confira a pasta de spam ou lixo eletrônico e aguarde alguns minutos antes de pedir outro.</p>
      <p className="mt-6">
        <Link href="/entrar" className="text-brand underline">
          Voltar para a página de entrada
        </Link>
      </p>
    </div>
  );
}
