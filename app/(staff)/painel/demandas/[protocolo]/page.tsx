import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireStaffPage } from '../../staff-page';
import { DemandWorkspace } from './demand-workspace';

export const metadata: Metadata = { title: 'Manifestação' };

export default async function DemandPage({
  params,
  searchParams,
}: {
  params: Promise<{ protocolo: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { protocolo } = await params;
  const actor = await requireStaffPage(`/painel/demandas/${encodeURIComponent(protocolo)}`);
  const workspace = await DemandWorkspace({ actor, protocol: decodeURIComponent(protocolo), search: await searchParams, now: new Date() });
  if (!workspace) notFound();
  return (
    <div className="space-y-4">
      <p>
        <Link href="/painel" className="text-brand underline">
          ← Voltar às filas
        </Link>
      </p>
      {workspace}
    </div>
  );
}
