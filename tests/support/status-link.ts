import { statusFilesCookieFor } from '@/lib/http/status-link-cookie';

/**
 * A request as the browser sends it after opening `/situacao/<token>`: the page's files carry no token,
 * and the cookie the proxy set on opening the page goes along (none for a token that does not verify).
 */
export function requestAfterOpeningStatusLink(url: string, token: string): Request {
  const cookie = statusFilesCookieFor(token);
  return new Request(url, { headers: cookie ? { cookie: `${cookie.name}=${cookie.value}` } : {} });
}
