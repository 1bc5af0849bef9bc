import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="max-w-2xl space-y-3">
      <h1 className="text-3xl font-bold">Página não encontrada</h1>
      <p>O endereço pode ter sido digitado errado, ou a página mudou de lugar.</p>
      <ul className="list-disc space-y-1 pl-6">
        <li>
          <Link href="/" className="text-brand underline">
            Página inicial
          </Link>
        </li>
        <li>
          <Link href="/acompanhar" className="text-brand underline">
            Acompanhar protocolo
          </Link>
        </li>
      </ul>
    </div>
  );
}
