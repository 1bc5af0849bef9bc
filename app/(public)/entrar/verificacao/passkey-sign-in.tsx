'use client';

import { useState, useTransition } from 'react';
import { startAuthentication } from '@simplewebauthn/browser';
import { usePasskeySupport } from '@/components/auth/passkey-support';
import { FormAlert } from '@/components/forms/form-alert';
import { passkeySignInOptionsAction, verifyPasskeySignInAction } from './actions';

/**
 * "Entrar com passkey": the browser's dialog, then the server checks the signed answer. The button exists
 * only once the script runs in a browser that supports passkeys; without JavaScript the page says to use
 * a code instead (the form below it works without JavaScript).
 */
export function PasskeySignIn({ callbackUrl, codeAlternative }: { callbackUrl?: string; codeAlternative: string }) {
  const support = usePasskeySupport();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function signIn() {
    if (pending) return;
    setError(null);
    startTransition(async () => {
      const options = await passkeySignInOptionsAction();
      if (!options.ok) {
        setError(options.message);
        return;
      }
      let response;
      try {
        response = await startAuthentication({ optionsJSON: options.options });
      } catch (failure) {
        const name = failure instanceof Error ? failure.name : '';
        setError(
          name === 'NotAllowedError' || name === 'AbortError'
            ? `A passkey não foi usada (cancelado ou o tempo acabou). Tente de novo ou use ${codeAlternative}.`
            : `O navegador não conseguiu usar a passkey. Tente de novo ou use ${codeAlternative}.`,
        );
        return;
      }
      const result = await verifyPasskeySignInAction(JSON.stringify(response), callbackUrl ?? null);
      setError(result.message);
    });
  }

  if (support === 'checking') {
    return (
      <noscript>
        <p className="rounded border border-slate-400 bg-slate-50 p-3">
          A passkey precisa de JavaScript, que está desativado neste navegador. Use {codeAlternative} no formulário abaixo.
        </p>
      </noscript>
    );
  }
  if (support === 'no') {
    return <p className="rounded border border-slate-400 bg-slate-50 p-3">Este navegador não aceita passkeys. Use {codeAlternative} no formulário abaixo.</p>;
  }
  return (
    <div className="space-y-3">
      {error && <FormAlert tone="error" title={error} />}
      <button type="button" onClick={signIn} aria-disabled={pending} className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark aria-disabled:opacity-70">
        {pending ? 'Aguardando a passkey…' : 'Entrar com passkey'}
      </button>
    </div>
  );
}
