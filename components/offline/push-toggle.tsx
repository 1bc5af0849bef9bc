'use client';

import { useEffect, useState } from 'react';

/**
 * "Avisar neste aparelho": asks the browser for a Web Push subscription for this demand and hands it to
 * /api/avisos (as the holder of the status link, or as the signed-in owner). Shown only where the browser
 * can take notices; without JavaScript it is not there at all, and the e-mail notices carry on as before.
 */
export function PushToggle({ publicKey, token, protocol }: { publicKey: string; token?: string; protocol?: string }) {
  const [state, setState] = useState<'unsupported' | 'off' | 'on' | 'busy' | 'denied' | 'error'>('unsupported');

  useEffect(() => {
    if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return;
    void (async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      const subscription = await registration?.pushManager.getSubscription();
      // Only the browser knows: its state is read after mount.
      setState(Notification.permission === 'denied' ? 'denied' : subscription ? 'on' : 'off');
    })();
  }, []);

  const change = async (turnOn: boolean) => {
    setState('busy');
    try {
      const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      await navigator.serviceWorker.ready;
      let subscription = await registration.pushManager.getSubscription();
      if (turnOn && !subscription) {
        if ((await Notification.requestPermission()) !== 'granted') return setState('denied');
        subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: publicKey });
      }
      if (!subscription) return setState('off');
      const response = await fetch('/api/avisos', {
        method: turnOn ? 'POST' : 'DELETE',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, protocol, subscription: subscription.toJSON() }),
      });
      setState(response.ok ? (turnOn ? 'on' : 'off') : 'error');
    } catch {
      setState('error');
    }
  };

  if (state === 'unsupported') return null;
  return (
    <section aria-labelledby="avisos-no-aparelho" className="rounded border border-slate-300 p-4">
      <h2 id="avisos-no-aparelho" className="text-lg font-semibold">
        Avisos neste aparelho
      </h2>
      <p className="mt-1" role="status">
        {state === 'on' && 'Ligados: você recebe uma notificação a cada movimentação desta manifestação.'}
        {state === 'off' && 'Receba uma notificação neste celular ou computador a cada movimentação, além do e-mail.'}
        {state === 'busy' && 'Um momento…'}
        {state === 'denied' && 'O navegador está bloqueando as notificações deste site. Libere nas configurações do navegador para ligar os avisos.'}
        {state === 'error' && 'Não foi possível mudar os avisos agora. Tente de novo em instantes.'}
      </p>
      {(state === 'off' || state === 'error') && (
        <button type="button" onClick={() => void change(true)} className="mt-3 min-h-11 rounded-full bg-brand px-4 py-2 font-semibold text-white">
          Avisar neste aparelho
        </button>
      )}
      {state === 'on' && (
        <button type="button" onClick={() => void change(false)} className="mt-3 min-h-11 rounded border border-slate-500 px-4 py-2 font-semibold">
          Desligar avisos
        </button>
      )}
    </section>
  );
}
