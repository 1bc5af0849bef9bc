import 'server-only';
import { processContacts } from '../chat-delivery/inbound';
import { messengerPipeline } from './pipeline';

/** Works Messenger/Instagram contacts' stored messages through the shared pipeline (lib/channels/chat-delivery/inbound.ts). */
export async function processMessengerContacts(contactIds: Iterable<string>): Promise<void> {
  await processContacts(messengerPipeline, contactIds);
}
