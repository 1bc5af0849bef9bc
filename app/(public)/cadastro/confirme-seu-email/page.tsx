import type { Metadata } from 'next';
import Link from 'next/link';
import { EMAIL_CONFIRMATION_HOURS } from '@/lib/accounts/email-confirmation';

export const metadata: Metadata = { title: 'Confirme seu e-mail' };

export default function ConfirmYourEmailPage() {
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">Confirme seu e-mail</h1>
      <p className="mt-4">
        Sua conta foi criada. Enviamos um link para o e-mail informado: abra-o e digite a senha que você criou. O link vale por{' '}
        {EMAIL_CONFIRMATION_HOURS} horas.
      </p>
      <p className="mt-4">
        Até confirmar o e-mail não é possível entrar com a senha: assim ninguém usa uma conta criada com o e-mail de outra pessoa.
      </p>
      <p className="mt-4">Não chegou? Confira a pasta de spam ou lixo eletrônico. Você também pode entrar com um link de acesso, na página Entrar.</p>
      <p className="mt-6">
        <Link href="/entrar" className="text-brand underline">
          Ir para a página de entrada
        </Link>
      </p>
    </div>
  );
}
