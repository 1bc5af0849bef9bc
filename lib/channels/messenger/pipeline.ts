import 'server-only';
import { eq } from 'drizzle-orm';
import {
  messengerContactDemands,
  messengerContacts,
  messengerConversations,
  messengerInboundMessages,
  messengerOutboundMessages,
  type MessengerContact,
} from '@/lib/db/schema';
import type { ChatPlatformPort, ChatTables } from '../chat-delivery/port';
import { CHAT_SURFACES } from '../chat/surface';
import { messengerContactPort } from './contact-port';
import { asMessengerError } from './graph';
import { messengerInboundPreview, messengerInputOf } from './inbound-input';
import { deliverToMessenger } from './outbound';

export const MESSENGER_TABLES = {
  inbound: messengerInboundMessages,
  outbound: messengerOutboundMessages,
  conversations: messengerConversations,
  contactDemands: messengerContactDemands,
} satisfies ChatTables;

/** Messenger's and Instagram's side of the shared chat pipeline (lib/channels/chat-delivery). */
export const messengerPipeline: ChatPlatformPort<MessengerContact> = {
  component: 'messenger',
  tables: MESSENGER_TABLES,
  leaseSeconds: () => 300,
  retakesLeftWork: false,
  keepsErrorCode: false,
  remoteTransport: 'send_api',
  findContact: async (db, contactId) => {
    const [contact] = await db.select().from(messengerContacts).where(eq(messengerContacts.id, contactId));
    return contact;
  },
  inputOf: messengerInputOf,
  inboundPreview: messengerInboundPreview,
  contactPort: messengerContactPort,
  // Neither platform shares a phone; the profile name would need another Graph call and permission.
  conversationContact: (contact) => ({ contact: { profileName: contact.profileName, phone: null }, surface: CHAT_SURFACES[contact.platform] }),
  componentOf: (contact) => contact.platform,
  // Replies answer the citizen's own message: `RESPONSE`, inside the 24-hour window.
  deliver: (contact, content) => deliverToMessenger(contact, content),
  asFailure: asMessengerError,
};
