import { appUrl } from '@/lib/delivery/config';

/**
 * The link a citizen follows a demand by, from WhatsApp: the public tracking page with the protocol
 * filled in, where the access code, or the e-mail or mobile given when filing, opens it. (The e-mailed
 * `/situacao/<token>` links are bound to an e-mail address; this one works for every requester.)
 */
export function statusLinkFor(demand: { protocol: string }): string {
  return `${appUrl()}/acompanhar?protocolo=${encodeURIComponent(demand.protocol)}`;
}
