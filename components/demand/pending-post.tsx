'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { typedValues } from '@/lib/actions/form-state';

/**
 * With JavaScript, a form post whose answer is lost (the connection dropped, the server restarted) ends
 * on the page's error screen, and the form with everything typed in it is gone. So each post is kept in
 * the tab's sessionStorage until its answer arrives; when the form is drawn again in that tab ("Tentar de
 * novo", a reload) without an answer having come, it comes back filled from that copy — idempotency key
 * included, so that sending again either files the demand or shows the receipt of the one already filed.
 * Text only (browsers cannot re-fill files), only in this tab, and removed as soon as an answer arrives.
 * Without JavaScript the browser itself keeps the post: reloading sends it again.
 */
export function usePendingPost(answered: boolean) {
  const [lostPost, setLostPost] = useState<Record<string, string> | null>(null);
  useEffect(() => {
    const kept = sessionStorage.getItem(storageKey());
    if (!kept) return;
    try {
      // Read once, after mount: the server's HTML cannot know it, and hydration must match that HTML.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setLostPost(JSON.parse(kept) as Record<string, string>);
    } catch {
      sessionStorage.removeItem(storageKey());
    }
  }, []);
  useEffect(() => {
    if (answered) sessionStorage.removeItem(storageKey());
  }, [answered]);
  const rememberPost = (event: FormEvent<HTMLFormElement>) => {
    sessionStorage.setItem(storageKey(), JSON.stringify(typedValues(new FormData(event.currentTarget))));
  };
  return { lostPost, rememberPost };
}

function storageKey() {
  return `envio-sem-resposta:${window.location.pathname}`;
}

/** The message over a form drawn again after its post got no answer. */
export function LostResponseNotice({ what }: { what: 'manifestação' | 'pedido' }) {
  const feminine = what === 'manifestação';
  return (
    <section role="alert" aria-labelledby="envio-sem-resposta" className="mb-6 rounded border-4 border-amber-600 bg-amber-50 p-4">
      <h2 id="envio-sem-resposta" className="text-lg font-bold">
        Não recebemos a confirmação do envio
      </h2>
      <p className="mt-1">
        A conexão caiu antes da resposta, então não sabemos se {feminine ? 'a sua' : 'o seu'} {what} foi registrad{feminine ? 'a' : 'o'}. O que
        você digitou continua aqui: envie de novo. Se já tiver sido registrad{feminine ? 'a' : 'o'}, você verá o mesmo número de protocolo, sem
        duplicar. Anexos precisam ser escolhidos de novo.
      </p>
    </section>
  );
}
