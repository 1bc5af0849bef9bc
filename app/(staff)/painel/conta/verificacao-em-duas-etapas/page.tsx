import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/ui/submit-button';
import { signOutAction } from '@/app/account-actions';
import { startEnrolment } from '@/lib/accounts/two-factor';
import { requireActorForEnrolment, STAFF_ROLES } from '@/lib/auth/guards';
import { guarded } from '@/lib/auth/page-guard';
import { safeCallbackPath } from '@/lib/auth/redirects';
import type { Role } from '@/lib/domain/vocabulary';
import { passkeysAvailable } from '@/lib/accounts/passkeys';
import { ConfirmEnrolmentForm } from './confirm-form';
import { PasskeyRegistration } from '../passkey-registration';

export const metadata: Metadata = { title: 'Ativar a verificação em duas etapas' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Enrolment of an authenticator app: QR code (and the secret as text, for typing it in), then a code to
 * confirm. Reached also by a person whose role requires it before anything else in the workspace.
 */
export default async function EnrolmentPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await guarded(requireActorForEnrolment, '/painel/conta/verificacao-em-duas-etapas');
  if (!(STAFF_ROLES as readonly Role[]).includes(actor.role)) forbidden();
  const params = await searchParams;
  const continueTo = safeCallbackPath(typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined) ?? '/painel/conta';
  const enrolment = await startEnrolment(actor);
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">Ativar a verificação em duas etapas</h1>
      {actor.secondFactorEnrolmentDue && (
        <div className="mt-4">
          <FormAlert tone="error" title="Seu perfil exige a verificação em duas etapas. Ative-a para continuar usando o painel." />
        </div>
      )}
      {!enrolment ? (
        <p className="mt-4">
          A verificação em duas etapas já está ativa nesta conta.{' '}
          <Link href="/painel/conta" className="text-brand underline">
            Voltar para Minha conta
          </Link>
        </p>
      ) : (
        <>
          <ol className="mt-4 list-decimal space-y-4 pl-6">
            <li>
              Instale no celular um aplicativo autenticador (por exemplo Google Authenticator, Microsoft Authenticator, FreeOTP ou Aegis).
            </li>
            <li>
              No aplicativo, adicione uma conta lendo este QR code:
              {/* eslint-disable-next-line @next/next/no-img-element -- a data: SVG made on the server, nothing for next/image to optimise */}
              <img
                src={`data:image/svg+xml;base64,${Buffer.from(enrolment.qrSvg).toString('base64')}`}
                alt="QR code para adicionar esta conta ao aplicativo autenticador"
                width={220}
                height={220}
                className="mt-2 border border-slate-300 bg-white"
              />
              <p className="mt-2">
                Não consegue ler o QR code? Digite no aplicativo esta chave (tipo “baseada em tempo”):{' '}
                <code id="chave-secreta" className="rounded bg-slate-100 px-1 font-mono break-all">
                  {enrolment.secret}
                </code>
              </p>
            </li>
            <li>Digite abaixo o código de 6 dígitos que o aplicativo passa a mostrar.</li>
          </ol>
          <div className="mt-6">
            <ConfirmEnrolmentForm continueTo={continueTo} />
          </div>
          {passkeysAvailable() && (
            <section aria-labelledby="com-passkey" className="mt-10 border-t border-slate-300 pt-6">
              <h2 id="com-passkey" className="text-xl font-semibold">
                Ou use uma passkey
              </h2>
              <p className="mt-1 text-slate-700">
                Em vez do aplicativo, cadastre uma passkey deste dispositivo (digital, rosto, PIN) ou uma chave de segurança. Também vale como
                verificação em duas etapas.
              </p>
              <PasskeyRegistration continueTo={continueTo} />
            </section>
          )}
        </>
      )}
      {actor.secondFactorEnrolmentDue && (
        <form action={signOutAction} className="mt-8 border-t border-slate-300 pt-4">
          <SubmitButton variant="secondary">Sair</SubmitButton>
        </form>
      )}
    </div>
  );
}
