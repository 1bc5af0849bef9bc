import { appUrl } from '@/lib/delivery/config';
import { statusPageUrl } from '@/lib/delivery/links';

/**
 * The link a citizen follows a demand by, from a chat conversation: the public tracking page with
 * the protocol filled in, where the access code (or, for an ordinary demand, the e-mail or mobile given
 * when filing) opens it. It must work for an anonymous filer too, who left no number to bind a link to.
 */
export function statusLinkFor(demand: { protocol: string }): string {
  return `${appUrl()}/acompanhar?protocolo=${encodeURIComponent(demand.protocol)}`;
}

/**
 * The link in a notification about a movement: it goes only to the requester's own number (an outbox row
 * of the demand), so it is the signed status link bound to that number, which opens the demand with no
 * further proof — as the e-mailed one does — for a denúncia or a confidential demand too. Dated from the
 * row, so a retry renders the same text.
 */
export function notificationLinkFor(
  message: { demandId: string | null; recipient: string; createdAt: Date },
  // The generation the row was written with (lib/demands/notifications.ts): a revoked link is not sent again.
  demand: { protocol: string; statusLinkGeneration?: number },
): string {
  if (!message.demandId) return statusLinkFor(demand);
  return statusPageUrl({ demandId: message.demandId, recipient: message.recipient, generation: demand.statusLinkGeneration ?? 0, issuedAt: message.createdAt });
}
