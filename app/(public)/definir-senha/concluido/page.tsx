import type { Metadata } from 'next';
import Link from 'next/link';
import { FormAlert } from '@/components/forms/form-alert';

export const metadata: Metadata = { title: 'Senha definida', robots: { index: false, follow: false } };

/** Where the password link's form leads once the password is set (the link itself no longer opens). */
export default function PasswordSetPage() {
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold">Senha definida</h1>
      <div className="mt-6">
        <FormAlert tone="success" title="Sua senha foi definida.">
          <p className="mt-1">Entre com o seu e-mail e a senha que você acabou de criar.</p>
        </FormAlert>
      </div>
      <p>
        <Link href="/entrar" className="rounded-full bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
          Entrar
        </Link>
      </p>
    </div>
  );
}
