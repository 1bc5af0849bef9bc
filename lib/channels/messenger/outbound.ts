import 'server-only';
import { randomUUID } from 'node:crypto';
import type { MessengerContact } from '@/lib/db/schema';
import type { OutgoingContent } from '../chat/content';
import { isMessengerSimulated } from './config';
import { postSendApi, type SendOptions } from './graph';
import { toSendApiMessage } from './render';

export type Delivered = { providerMessageId: string; transport: 'send_api' | 'simulator' };

/** Sends through the Send API, or — without credentials — keeps it for the simulator page. */
export async function deliverToMessenger(
  contact: Pick<MessengerContact, 'platform' | 'scopedId'>,
  content: OutgoingContent,
  options: SendOptions = { messagingType: 'RESPONSE' },
): Promise<Delivered> {
  if (isMessengerSimulated(contact.platform)) return { providerMessageId: `sim.${randomUUID()}`, transport: 'simulator' };
  const providerMessageId = await postSendApi(contact.platform, contact.scopedId, toSendApiMessage(contact.platform, content), options);
  return { providerMessageId, transport: 'send_api' };
}
