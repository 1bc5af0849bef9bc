'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { startRegistration, WebAuthnError } from '@simplewebauthn/browser';
import { usePasskeySupport } from '@/components/auth/passkey-support';
import { FormAlert } from '@/components/forms/form-alert';
import { TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { passkeyRegistrationOptionsAction, registerPasskeyAction, type PasskeyRegistrationState } from './passkey-actions';

/**
 * Adds a passkey: a name, then the browser's own dialog. It needs JavaScript (the browser's WebAuthn API),
 * so the form appears only once the script runs and the browser supports passkeys; otherwise the page says
 * why instead of showing a button that cannot work.
 */
export function PasskeyRegistration({ continueTo }: { continueTo?: string }) {
  const router = useRouter();
  const support = usePasskeySupport();
  const [state, setState] = useState<PasskeyRegistrationState>({ status: 'idle' });
  const statusId = useId();

  async function register(formData: FormData) {
    const name = String(formData.get('name') ?? '').trim();
    if (!name) {
      setState({ status: 'error', message: 'Dê um nome à passkey.', fieldErrors: { name: ['Dê um nome à passkey (por exemplo, “notebook do trabalho” ou “chave de segurança”).'] }, name });
      return;
    }
    const options = await passkeyRegistrationOptionsAction();
    if (!options.ok) {
      setState({ status: 'error', message: options.message, fieldErrors: {}, name });
      return;
    }
    let response;
    try {
      response = await startRegistration({ optionsJSON: options.options });
    } catch (error) {
      setState({ status: 'error', message: ceremonyMessage(error), fieldErrors: {}, name });
      return;
    }
    const answer = new FormData();
    answer.set('name', name);
    answer.set('response', JSON.stringify(response));
    const result = await registerPasskeyAction(answer);
    setState(result);
    if (result.status === 'success') router.refresh();
  }

  const noScript = (
    <noscript>
      <p className="mt-2 rounded border border-slate-400 bg-slate-50 p-3">
        Para cadastrar uma passkey, ative o JavaScript neste navegador: a passkey usa um recurso do navegador que precisa dele.
      </p>
    </noscript>
  );
  if (support === 'checking') return noScript;
  if (support === 'no') {
    return <p className="mt-2 rounded border border-slate-400 bg-slate-50 p-3">Este navegador não aceita passkeys. Use outro navegador ou o aplicativo autenticador.</p>;
  }
  if (state.status === 'success') {
    return (
      <section aria-labelledby={`${statusId}-ok`} className="mt-4 rounded border-2 border-green-800 p-4" role="status">
        <h3 id={`${statusId}-ok`} className="text-lg font-semibold">
          Passkey “{state.name}” cadastrada
        </h3>
        {state.recoveryCodes ? (
          <>
            <p className="mt-2">
              Guarde agora estes <strong>códigos de recuperação</strong>: cada um substitui a passkey uma vez, se você estiver sem ela ou num
              navegador sem JavaScript. <strong>Eles não serão mostrados de novo.</strong>
            </p>
            <ol className="mt-4 grid grid-cols-2 gap-2 font-mono text-lg" aria-label="Códigos de recuperação">
              {state.recoveryCodes.map((code) => (
                <li key={code}>{code}</li>
              ))}
            </ol>
          </>
        ) : (
          <p className="mt-2">Ao entrar, depois da senha, você pode usá-la no lugar do código.</p>
        )}
        {continueTo ? (
          <Link href={continueTo} className="mt-4 inline-block rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
            Continuar
          </Link>
        ) : (
          <button type="button" onClick={() => setState({ status: 'idle' })} className="mt-4 rounded border border-brand bg-white px-4 py-2 font-semibold text-brand hover:bg-slate-100">
            Adicionar outra passkey
          </button>
        )}
      </section>
    );
  }
  const errors = state.status === 'error' ? state.fieldErrors : {};
  return (
    <form action={register} noValidate className="mt-4 space-y-4">
      {state.status === 'error' && <FormAlert tone="error" title={state.message} />}
      <TextField
        name="name"
        label="Nome da passkey"
        hint="Para você reconhecê-la na lista, por exemplo “notebook do trabalho” ou “chave de segurança azul”."
        defaultValue={state.status === 'error' ? state.name : ''}
        maxLength={60}
        autoComplete="off"
        required
        errors={errors.name}
      />
      <SubmitButton pendingLabel="Aguardando o navegador…">Adicionar passkey</SubmitButton>
    </form>
  );
}

function ceremonyMessage(error: unknown): string {
  const code = error instanceof WebAuthnError ? error.code : '';
  const name = error instanceof Error ? error.name : '';
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError') return 'Este dispositivo já tem uma passkey desta conta.';
  if (name === 'NotAllowedError' || name === 'AbortError' || code === 'ERROR_CEREMONY_ABORTED') return 'O cadastro foi cancelado ou o tempo acabou. Tente de novo.';
  return 'O navegador não conseguiu criar a passkey. Tente de novo ou use outro dispositivo.';
}
