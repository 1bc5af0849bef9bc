import { publicSiteUrl } from './config';

/**
 * INTEGRATION SEAM — the link a citizen follows a demand by. The public tracking page takes the
 * protocol; when the delivery branch's signed status links (`/situacao/[token]`) are merged, identified
 * demands can get a token link here instead (one function to change).
 */
export function statusLinkFor(demand: { protocol: string }): string {
  return `${publicSiteUrl()}/acompanhar?protocolo=${encodeURIComponent(demand.protocol)}`;
}
