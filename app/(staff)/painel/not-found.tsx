import Link from 'next/link';

/** A demand or page of the workspace that does not exist (or that this person may not see), inside the shell. */
export default function WorkspaceNotFound() {
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">Não encontrado</h1>
      <p>Esta manifestação ou página não existe, ou a sua função não tem acesso a ela.</p>
      <p>
        <Link href="/painel" className="text-brand underline">
          Voltar às filas
        </Link>
      </p>
    </div>
  );
}
