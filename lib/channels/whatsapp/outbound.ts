import 'server-only';
import { randomUUID } from 'node:crypto';
import type { WhatsappContact, WhatsappOutboundMessage } from '@/lib/db/schema';
import { isSimulated } from './config';
import { addressOf } from './contacts';
import { postGraphMessage, WhatsappApiError } from './graph';
import { OutgoingContentSchema, toGraphMessage, type OutgoingContent } from './messages';

export type Delivered = { providerMessageId: string; transport: 'cloud_api' | 'simulator' };

/** Sends through the Cloud API, or — without credentials — keeps it for the simulator page. */
export async function deliverContent(contact: Pick<WhatsappContact, 'waId' | 'userId'>, content: OutgoingContent): Promise<Delivered> {
  if (isSimulated()) return { providerMessageId: `sim.${randomUUID()}`, transport: 'simulator' };
  const providerMessageId = await postGraphMessage(toGraphMessage(addressOf(contact), content));
  return { providerMessageId, transport: 'cloud_api' };
}

export function contentOf(row: Pick<WhatsappOutboundMessage, 'content'>): OutgoingContent {
  return OutgoingContentSchema.parse(row.content);
}

export function asApiError(error: unknown): WhatsappApiError {
  if (error instanceof WhatsappApiError) return error;
  return new WhatsappApiError(error instanceof Error ? error.message : String(error), 0, undefined, false);
}
