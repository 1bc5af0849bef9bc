import type { Metadata } from 'next';
import Link from 'next/link';
import { FailureContacts } from '@/components/layout/failure-help';
import { municipality } from '@/lib/municipality';

export const metadata: Metadata = { title: 'Página não encontrada', robots: { index: false } };

export default function NotFound() {
  return (
    <div className="max-w-2xl space-y-5">
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
      <FailureContacts ouvidoria={municipality.ouvidoria} balcao={municipality.balcao} />
    </div>
  );
}
