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

export function staffQueueUrl(): string {
  return `${appUrl()}/painel`;
}
