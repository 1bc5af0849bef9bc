'use client';

import { useEffect } from 'react';

const SIGNED_IN_MARK = 'sessao-aberta';

/**
 * Installs the service worker (public/sw.js, built from lib/offline/sw.ts) once the page is idle, so it
 * costs the first screen nothing. And at sign-out, deletes the pages of the citizen the worker kept
 * ("Minhas manifestações", their demands, status pages) and the public pages drawn with their name:
 * the next person on this phone finds none of it.
 */
export function ServiceWorkerRegistration({ signedIn }: { signedIn: boolean }) {
  useEffect(() => {
    if (signedIn) localStorage.setItem(SIGNED_IN_MARK, '1');
    else if (localStorage.getItem(SIGNED_IN_MARK)) {
      localStorage.removeItem(SIGNED_IN_MARK);
      if ('caches' in window) void Promise.all([caches.delete('paginas-do-cidadao'), caches.delete('paginas-publicas')]);
    }
    if (!('serviceWorker' in navigator)) return;
    const register = () => void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
    if ('requestIdleCallback' in window) {
      const id = requestIdleCallback(register, { timeout: 5000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(register, 2000);
    return () => clearTimeout(id);
  }, [signedIn]);
  return null;
}
