import type { Metadata } from 'next';
import Link from 'next/link';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/ui/submit-button';
import { findGovbrLinkRequest } from '@/lib/accounts/govbr-link';
import { GOVBR_TRUST_LEVEL_LABELS } from '@/lib/domain/govbr';
import { confirmGovbrLinkAction } from './actions';

export const metadata: Metadata = { title: 'Vincular conta gov.br' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const single = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

/** Opened from the e-mail: shows what would be joined; only the button (a POST) joins it. */
export default async function ConfirmGovbrLinkPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const token = single(params.token) ?? '';
  const situation = single(params.situacao);
  const request = situation ? null : await findGovbrLinkRequest(token);

  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">Vincular conta gov.br</h1>
      {request ? (
        <>
          <p className="mt-4">
            Confirme para juntar a conta gov.br do CPF <strong>{request.maskedCpf}</strong>
            {request.trustLevel ? ` (nível ${GOVBR_TRUST_LEVEL_LABELS[request.trustLevel]})` : ''} à sua conta <strong>{request.email}</strong>. Depois
            disso você entra com gov.br e vê as manifestações registradas com este CPF.
          </p>
          <form action={confirmGovbrLinkAction} className="mt-6">
            <input type="hidden" name="token" value={token} />
            <SubmitButton>Confirmar vinculação</SubmitButton>
          </form>
        </>
      ) : (
        <div className="mt-6">
          <FormAlert
            tone="error"
            title={
              situation === 'cpf-em-uso'
                ? 'Este CPF já está vinculado a outra conta. Entre com gov.br para usar aquela conta.'
                : 'Este link de vinculação expirou ou já foi usado. Entre com gov.br de novo para receber outro.'
            }
          />
          <Link href="/entrar" className="font-semibold text-brand underline">
            Ir para a página de entrada
          </Link>
        </div>
      )}
    </div>
  );
}
