import 'server-only';
import type { StaffDemandView } from '@/lib/db/queries/demand-page';
import { canReadWhatsappThread } from '@/lib/domain/permissions';
import { CHAT_PLATFORMS, type ChatPlatform } from '@/lib/domain/vocabulary';
import { listMessengerThreadForDemand } from '../messenger/thread';
import { listWhatsappThreadForDemand } from '../whatsapp/thread';
import { toChatMessages, type ChatMessage } from './chat-view';
import { CHAT_SURFACES } from './surface';
import type { ThreadMessage } from './thread-message';

/**
 * A demand's chat conversations (WhatsApp, Messenger, Instagram) as its staff page shows them. It takes
 * the view `getDemandForStaff` returned, so only someone who may open the demand gets here; each
 * conversation follows the identity (`canReadWhatsappThread`, the rule for every chat platform): the
 * citizen's words there often carry their name, address or number. A platform shows when it holds
 * messages about the demand, or when the demand came that way.
 */
export type StaffChatThread = { platform: ChatPlatform; name: string } & (
  | { readable: true; messages: ChatMessage[]; anonymous: boolean }
  | { readable: false; unlockedByReveal: boolean }
);

const LOADERS: Record<ChatPlatform, (demandId: string) => Promise<ThreadMessage[]>> = {
  whatsapp: listWhatsappThreadForDemand,
  messenger: (demandId) => listMessengerThreadForDemand(demandId, 'messenger'),
  instagram: (demandId) => listMessengerThreadForDemand(demandId, 'instagram'),
};

export async function chatThreadsForStaff(
  demand: Pick<StaffDemandView, 'id' | 'channel' | 'identity' | 'identityVisibility' | 'requester'>,
): Promise<StaffChatThread[]> {
  const readable = canReadWhatsappThread(demand.identityVisibility, demand.requester.kind === 'identity');
  const threads: StaffChatThread[] = [];
  for (const platform of CHAT_PLATFORMS) {
    const { name } = CHAT_SURFACES[platform];
    if (!readable) {
      if (demand.channel === platform) threads.push({ platform, name, readable: false, unlockedByReveal: demand.identityVisibility === 'identity_on_request' });
      continue;
    }
    const messages = toChatMessages(await LOADERS[platform](demand.id), { platformName: name });
    if (messages.length || demand.channel === platform) threads.push({ platform, name, readable: true, messages, anonymous: demand.identity === 'anonymous' });
  }
  return threads;
}
