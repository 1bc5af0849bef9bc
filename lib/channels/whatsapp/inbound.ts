import 'server-only';
import { processContacts } from '../chat-delivery/inbound';
import { whatsappPipeline } from './pipeline';

/** Called right after the webhook answers (Next's `after`) and by the worker for anything left behind. */
export async function processWhatsappContacts(contactIds: Iterable<string>): Promise<void> {
  await processContacts(whatsappPipeline, contactIds);
}
