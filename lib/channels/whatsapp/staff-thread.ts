import 'server-only';
import type { StaffDemandView } from '@/lib/db/queries/demand-page';
import { canReadWhatsappThread } from '@/lib/domain/permissions';
import { toChatMessages, type ChatMessage } from './chat-view';
import { listWhatsappThreadForDemand } from './thread';

/**
 * A demand's WhatsApp conversation as its staff page shows it. It takes the view `getDemandForStaff`
 * returned, so only someone who may open the demand gets here; the conversation itself follows the
 * identity (`canReadWhatsappThread`). Null when there is nothing to show: no message, and not a WhatsApp
 * demand.
 */
export type StaffWhatsappThread =
  | { readable: true; messages: ChatMessage[]; anonymous: boolean }
  | { readable: false; unlockedByReveal: boolean };

export async function whatsappThreadForStaff(
  demand: Pick<StaffDemandView, 'id' | 'channel' | 'identity' | 'identityVisibility' | 'requester'>,
): Promise<StaffWhatsappThread | null> {
  if (canReadWhatsappThread(demand.identityVisibility, demand.requester.kind === 'identity')) {
    const messages = toChatMessages(await listWhatsappThreadForDemand(demand.id));
    return messages.length || demand.channel === 'whatsapp' ? { readable: true, messages, anonymous: demand.identity === 'anonymous' } : null;
  }
  return demand.channel === 'whatsapp' ? { readable: false, unlockedByReveal: demand.identityVisibility === 'identity_on_request' } : null;
}
