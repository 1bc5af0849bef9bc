import type { Metadata } from 'next';
import Link from 'next/link';
import { Receipt } from '@/components/demand/receipt';
import { keptReceipt, RECEIPT_KEPT_SECONDS } from '@/lib/channels/web-receipt';

export const metadata: Metadata = { title: 'Recibo do envio', robots: { index: false } };

/**
 * Where a form posted without JavaScript lands once filed (lib/channels/web-receipt.ts): the receipt of
 * the demand this browser just filed, found by a short-lived cookie, never by anything in the address.
 */
export default async function ReceiptPage() {
  const kept = await keptReceipt();
  if (kept) {
    return (
      <div className="max-w-2xl">
        <Receipt receipt={kept.receipt} newHref={kept.newHref} submissionKey={kept.submissionKey} />
      </div>
    );
  }
  return (
    <div className="max-w-2xl space-y-3">
      <h1 className="text-3xl font-bold">Nenhum recibo para mostrar</h1>
      <p>
        O recibo de um envio fica disponível neste navegador por {RECEIPT_KEPT_SECONDS / 60} minutos depois de registrar uma manifestação ou
        um pedido. Se você registrou há mais tempo, o número do protocolo está no e-mail de confirmação (quando você informou um e-mail).
      </p>
      <p>
        Para ver o andamento, use a página{' '}
        <Link href="/acompanhar" className="font-semibold text-brand underline">
          Acompanhar protocolo
        </Link>{' '}
        com o número do protocolo e o código de acesso, o e-mail ou o celular informado no registro.
      </p>
      <p>
        <Link href="/ouvidoria/nova" className="font-semibold text-brand underline">
          Registrar uma manifestação
        </Link>{' '}
        ·{' '}
        <Link href="/balcao" className="font-semibold text-brand underline">
          Pedir um serviço no Balcão da Cidadania
        </Link>
      </p>
    </div>
  );
}
