import { shortenStatusToken, verifyStatusToken } from '@/lib/delivery/status-token';

/**
 * How the status page's files are downloaded without the link's token in their URLs (where Referer
 * headers, server logs and the browser history would keep it). Opening `/situacao/<token>` leaves, per
 * demand, an httpOnly, SameSite=Lax cookie that only `/api/anexos` receives and that lives an hour; its
 * value is the same credential with that hour as its expiry (`shortenStatusToken`), so the download route
 * checks it exactly as it checks a link (signature, recipient, generation), and a revoked link's cookie
 * stops working with it. One cookie per demand, so two status pages open side by side both keep working.
 *
 * No database here: the proxy sets the cookie after checking only the signature; the route does the rest.
 */

export const STATUS_FILES_COOKIE_PATH = '/api/anexos';
export const STATUS_FILES_COOKIE_SECONDS = 60 * 60;
const COOKIE_PREFIX = 'situacao-';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type StatusFilesCookie = { name: string; value: string; maxAgeSeconds: number };

export function statusFilesCookieFor(token: string, now = new Date()): StatusFilesCookie | null {
  const check = verifyStatusToken(token, now);
  if (!check.ok) return null;
  const value = shortenStatusToken(check, new Date(now.getTime() + STATUS_FILES_COOKIE_SECONDS * 1000));
  return { name: `${COOKIE_PREFIX}${check.demandId}`, value, maxAgeSeconds: STATUS_FILES_COOKIE_SECONDS };
}

/** The token the request's cookies hold for one demand's files, if any. */
export function statusFilesTokenFor(cookieHeader: string | null, demandId: string): string | null {
  if (!cookieHeader || !UUID.test(demandId)) return null;
  const name = `${COOKIE_PREFIX}${demandId}`;
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return null;
}

/** Whether the request carries any status-page file cookie (to tell "who are you?" from "not yours"). */
export function hasStatusFilesCookie(cookieHeader: string | null): boolean {
  return Boolean(cookieHeader?.split(';').some((pair) => pair.trim().startsWith(COOKIE_PREFIX)));
}
