import { appUrl } from './config';
import { createStatusToken, statusTokenExpiry } from './status-token';

/** Absolute links written into e-mails; the paths are the app's routes. */

export function statusPagePath(token: string): string {
  return `/situacao/${token}`;
}

/**
 * The citizen's status link for one e-mail or WhatsApp message: bound to the demand, its link generation
 * and the address or number it goes to (the status page accepts the requester's e-mail or phone).
 */
export function statusPageUrl(input: { demandId: string; recipient: string; generation: number; issuedAt: Date }): string {
  const token = createStatusToken({ demandId: input.demandId, recipient: input.recipient, generation: input.generation, expiresAt: statusTokenExpiry(input.issuedAt) });
  return `${appUrl()}${statusPagePath(token)}`;
}

/** Staff open the demand in the workspace, signed in; the page is addressed by protocol (`/painel/demandas/[protocolo]`). */
export function staffDemandUrl(protocol: string): string {
  return `${appUrl()}/painel/demandas/${encodeURIComponent(protocol)}`;
}

/** The privacy notice (LGPD art. 9) and the encarregado's queue. */
export function privacyNoticeUrl(): string {
  return `${appUrl()}/privacidade`;
}

export function dataProtectionQueueUrl(): string {
  return `${appUrl()}/painel/privacidade`;
}

export function staffQueueUrl(): string {
  return `${appUrl()}/painel`;
}

/**
 * A link another library built from the request's own address (Auth.js's sign-in link), moved onto
 * APP_URL when it is set: a forged Host or X-Forwarded-Host must not choose where an e-mailed link
 * points. The callback it carries, on the same address, moves with it.
 */
export function linkOnAppUrl(link: string): string {
  if (!process.env.APP_URL?.trim()) return link;
  const url = new URL(link);
  const base = appUrl();
  const callback = url.searchParams.get('callbackUrl');
  if (callback?.startsWith(`${url.origin}/`)) url.searchParams.set('callbackUrl', `${new URL(base).origin}${callback.slice(url.origin.length)}`);
  return `${base}${url.pathname}${url.search}`;
}
