import 'server-only';
import { eq } from 'drizzle-orm';
import { whatsappContactDemands, whatsappContacts, whatsappConversations, whatsappInboundMessages, whatsappOutboundMessages, type WhatsappContact } from '@/lib/db/schema';
import type { ChatPlatformPort, ChatTables } from '../chat-delivery/port';
import { CHAT_SURFACES } from '../chat/surface';
import { whatsappContactPort } from './contact-port';
import { conversationInputOf, inboundPreview } from './inbound-input';
import { asApiError, deliverContent } from './outbound';

export const WHATSAPP_TABLES = {
  inbound: whatsappInboundMessages,
  outbound: whatsappOutboundMessages,
  conversations: whatsappConversations,
  contactDemands: whatsappContactDemands,
} satisfies ChatTables;

/**
 * Long enough for a filing with five attachments downloaded from Meta. It is also how long a contact
 * whose process died mid-work (a killed instance) waits before the worker's upkeep takes it over:
 * WHATSAPP_CONTACT_LEASE_SECONDS shortens it where downloads are small (the chaos test uses 10).
 */
function leaseSeconds(): number {
  const configured = Number(process.env.WHATSAPP_CONTACT_LEASE_SECONDS);
  return Number.isFinite(configured) && configured >= 5 ? configured : 300;
}

/** WhatsApp's side of the shared chat pipeline (lib/channels/chat-delivery). */
export const whatsappPipeline: ChatPlatformPort<WhatsappContact> = {
  component: 'whatsapp',
  tables: WHATSAPP_TABLES,
  leaseSeconds,
  retakesLeftWork: true,
  keepsErrorCode: true,
  remoteTransport: 'cloud_api',
  findContact: async (db, contactId) => {
    const [contact] = await db.select().from(whatsappContacts).where(eq(whatsappContacts.id, contactId));
    return contact;
  },
  inputOf: conversationInputOf,
  inboundPreview,
  contactPort: whatsappContactPort,
  conversationContact: (contact) => ({ contact: { profileName: contact.profileName, phone: contact.phone }, surface: CHAT_SURFACES.whatsapp }),
  componentOf: () => 'whatsapp',
  deliver: deliverContent,
  asFailure: asApiError,
};
