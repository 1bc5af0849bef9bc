'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { IntakeReceipt } from '@/components/demand/receipt';
import * as savedFilings from '@/lib/offline/saved-filings';

/*
 * A form filled where there is no signal: instead of a post that fails, the phone keeps it
 * (lib/offline/saved-filings.ts) and sends it when the connection returns —
 * while this page is open (the `online` event), through the service worker's Background Sync when it is
 * closed, or at the next visit. The receipt then shows here as after any filing. The form's idempotency
 * key goes with it, so it is filed once however many times it is sent. Without JavaScript nothing
 * changes: the browser posts the form itself.
 */

type Answer = { kind: 'none' } | { kind: 'saved' } | { kind: 'failed' } | { kind: 'invalid'; message: string } | { kind: 'filed'; receipt: IntakeReceipt };

// In the form's own bundle, not a lazy chunk: a phone that loses signal right after the page loads has not
// fetched a lazy chunk yet, and could then keep nothing (seen in the browser test: "Failed to load chunk").
const loadStore = async () => savedFilings;

export function useOfflineFiling(service: 'ouvidoria' | 'balcao') {
  const [answer, setAnswer] = useState<Answer>({ kind: 'none' });
  const notice = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let stopped = false;
    const path = window.location.pathname;
    const showAnswers = async () => {
      const store = await loadStore();
      for (const sent of await store.sentFilings()) {
        if (sent.path !== path || stopped) continue;
        await store.forgetSent(sent.key);
        if (sent.outcome.status === 'filed') {
          setAnswer({ kind: 'filed', receipt: sent.outcome.receipt as IntakeReceipt });
        } else {
          // Drawn again filled (components/demand/pending-post.tsx reads this at the next load).
          sessionStorage.setItem(`envio-sem-resposta:${path}`, JSON.stringify(sent.outcome.values));
          setAnswer({ kind: 'invalid', message: sent.outcome.message });
        }
        return;
      }
      if ((await store.waitingFilings()).some((filing) => filing.path === path) && !stopped) setAnswer({ kind: 'saved' });
    };
    const sendAndShow = async () => {
      const store = await loadStore();
      if (navigator.onLine) await store.sendWaitingFilings();
      await showAnswers();
    };
    const fromWorker = (event: MessageEvent) => {
      if (event.data === 'envios-guardados:atualizado') void showAnswers();
    };
    void sendAndShow();
    window.addEventListener('online', sendAndShow);
    navigator.serviceWorker?.addEventListener('message', fromWorker);
    return () => {
      stopped = true;
      window.removeEventListener('online', sendAndShow);
      navigator.serviceWorker?.removeEventListener('message', fromWorker);
    };
  }, []);

  useEffect(() => {
    if (answer.kind === 'saved' || answer.kind === 'invalid' || answer.kind === 'failed') notice.current?.focus();
  }, [answer.kind]);

  /** Keeps the post on the phone when there is no connection; true when it did (the post is stopped). */
  const keepIfOffline = (event: FormEvent<HTMLFormElement>): boolean => {
    if (navigator.onLine) return false;
    event.preventDefault();
    const form = event.currentTarget;
    const fields: [string, string | Blob, string?][] = [];
    for (const [name, value] of new FormData(form).entries()) {
      if (name.startsWith('$ACTION')) continue;
      if (typeof value === 'string') fields.push([name, value]);
      else if (value.size > 0) fields.push([name, value, value.name]);
    }
    void (async () => {
      try {
        const store = await loadStore();
        const pageKey = fields.find(([name]) => name === store.KEY_FIELD)?.[1];
        // A page opened from the cache carries the key of its first render: a second form filled on it gets its own.
        const key =
          typeof pageKey === 'string' && pageKey && !(await store.keyInUse(pageKey)) ? pageKey : `${store.LOCAL_KEY_PREFIX}${crypto.randomUUID()}`;
        await store.saveFiling({ key, path: window.location.pathname, service, fields, savedAt: Date.now() });
        form.reset();
        setAnswer({ kind: 'saved' });
        const registration = await navigator.serviceWorker?.getRegistration();
        await (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync
          ?.register(store.SAVED_FILINGS_SYNC_TAG)
          .catch(() => undefined);
      } catch {
        setAnswer({ kind: 'failed' });
      }
    })();
    return true;
  };

  const receipt = answer.kind === 'filed' ? answer.receipt : null;
  const noticeElement =
    answer.kind === 'saved' || answer.kind === 'invalid' || answer.kind === 'failed' ? (
      <div ref={notice} tabIndex={-1} role="status" className="mb-6 rounded border-l-8 border-amber-600 bg-amber-50 p-4 focus:outline-none">
        {answer.kind === 'saved' && (
          <>
            <p className="text-lg font-bold">Guardado no seu telefone: será enviado quando houver conexão</p>
            <p className="mt-1">
              Você pode fechar esta página. Quando a conexão voltar, o envio é feito uma única vez e o número do protocolo aparece aqui.
            </p>
          </>
        )}
        {answer.kind === 'failed' && (
          <p className="font-bold">Sem conexão, e não foi possível guardar no telefone. O que você digitou continua aqui: envie quando houver sinal.</p>
        )}
        {answer.kind === 'invalid' && (
          <>
            <p className="text-lg font-bold">O envio guardado não foi registrado: {answer.message}</p>
            <p className="mt-1">
              <button type="button" className="underline" onClick={() => window.location.reload()}>
                Abrir o formulário preenchido para corrigir
              </button>
            </p>
          </>
        )}
      </div>
    ) : null;

  return { keepIfOffline, receipt, notice: noticeElement };
}
