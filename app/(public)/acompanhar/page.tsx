import type { Metadata } from 'next';
import { TrackingForm } from './tracking-form';

export const metadata: Metadata = { title: 'Acompanhar protocolo' };

export default async function TrackingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { protocolo } = await searchParams;
  return (
    <div className="space-y-6">
      <div className="max-w-2xl">
        <h1 className="text-3xl font-bold">Acompanhar protocolo</h1>
        <p className="mt-2">
          Informe o número do protocolo e, para confirmar que a manifestação é sua, o código de acesso (se ela é anônima)
          ou o e-mail ou celular informado no registro.
        </p>
      </div>
      <TrackingForm initialProtocol={typeof protocolo === 'string' ? protocolo.slice(0, 40) : ''} />
    </div>
  );
}
