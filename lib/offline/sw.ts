/// <reference lib="webworker" />
import { CacheableResponsePlugin, CacheFirst, ExpirationPlugin, NetworkFirst, Serwist, type SerwistPlugin } from 'serwist';
import { SAVED_FILINGS_MESSAGE, SAVED_FILINGS_SYNC_TAG, sendWaitingFilings, waitingFilings } from './saved-filings';
import { PERSONAL_PAGES_CACHE, PUBLIC_PAGES_CACHE, STATIC_CACHE, isPersonalPage, isPublicPage } from './page-rules';

/*
 * The service worker (bundled to public/sw.js by scripts/build-sw.mjs). What it keeps, and why nothing
 * else:
 * - the public pages (home, forms, catalogue, tracking form…): network first, the last copy when offline;
 * - the citizen's own pages ("Minhas manifestações", a demand of theirs, a status page they opened): the
 *   same, in a cache of their own that the page deletes at sign-out (components/offline/service-worker-registration.tsx);
 * - Next's hashed static files and the emblem and icons: cache first (their names change with their content).
 * Never: staff pages, sign-in and account pages, the receipt page (an access code), any API answer or
 * other non-navigation request, anything that is not a plain 200 (a redirect to sign-in is not the page).
 * Responses are kept with their headers, so a page served from the cache keeps its own CSP and nonces.
 */

declare const self: ServiceWorkerGlobalScope;

/** A redirect (to sign-in, say) answered the request: that page is not the one asked for. */
const onlyTheAskedPage: SerwistPlugin = {
  cacheWillUpdate: async ({ response }) => (response.redirected || response.type !== 'basic' ? null : response),
};

const pageStrategy = (cacheName: string, maxEntries: number) =>
  new NetworkFirst({
    cacheName,
    networkTimeoutSeconds: 8,
    matchOptions: { ignoreVary: true },
    plugins: [new CacheableResponsePlugin({ statuses: [200] }), onlyTheAskedPage, new ExpirationPlugin({ maxEntries })],
  });

const serwist = new Serwist({
  skipWaiting: true,
  clientsClaim: true,
  disableDevLogs: true,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === 'navigate' && isPersonalPage(url.pathname),
      handler: pageStrategy(PERSONAL_PAGES_CACHE, 60),
    },
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === 'navigate' && isPublicPage(url.pathname),
      handler: pageStrategy(PUBLIC_PAGES_CACHE, 40),
    },
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && /^\/(_next\/static\/|icones\/|emblem\.svg$)/.test(url.pathname),
      handler: new CacheFirst({
        cacheName: STATIC_CACHE,
        plugins: [new CacheableResponsePlugin({ statuses: [200] }), new ExpirationPlugin({ maxEntries: 300 })],
      }),
    },
  ],
});

serwist.addEventListeners();

/** Background Sync: the forms kept offline go when the connection returns, even with the page closed. */
self.addEventListener('sync', (event) => {
  const sync = event as ExtendableEvent & { tag: string };
  if (sync.tag !== SAVED_FILINGS_SYNC_TAG) return;
  sync.waitUntil(
    (async () => {
      const answered = await sendWaitingFilings();
      if (answered > 0) for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage(SAVED_FILINGS_MESSAGE);
      // Rejecting asks the browser to fire the sync again later.
      if ((await waitingFilings()).length > 0) throw new Error('forms still waiting');
    })(),
  );
});

type PushNotice = { title: string; body: string; url: string };

/** A Web Push notice about a demand (lib/delivery/push.ts): shown, and opening its page when tapped. */
self.addEventListener('push', (event) => {
  let notice: PushNotice;
  try {
    notice = event.data?.json() as PushNotice;
  } catch {
    return;
  }
  if (!notice?.title) return;
  event.waitUntil(self.registration.showNotification(notice.title, { body: notice.body, icon: '/icones/icone-192.png', badge: '/icones/icone-192.png', data: { url: notice.url } }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data as { url?: string } | undefined)?.url ?? '/';
  // Only this site's own pages.
  const target = new URL(url, self.location.origin);
  if (target.origin !== self.location.origin) return;
  event.waitUntil(self.clients.openWindow(target.href));
});
