import Link from 'next/link';

/** Shown (with HTTP 403) when a signed-in user opens a page or sends a form their role does not allow. */
export default function Forbidden() {
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">Acesso não permitido</h1>
      <p className="mt-4">
        Sua conta não tem permissão para abrir esta página. Se você precisa deste acesso para o seu trabalho, peça ao administrador do
        sistema que revise o seu perfil.
      </p>
      <p className="mt-6">
        <Link href="/" className="text-brand underline">
          Ir para a página inicial
        </Link>
      </p>
    </div>
  );
}
