import type { Executor } from '@/lib/db/client';
import type {
  messengerContactDemands,
  messengerConversations,
  messengerInboundMessages,
  messengerOutboundMessages,
  whatsappContactDemands,
  whatsappConversations,
  whatsappInboundMessages,
  whatsappOutboundMessages,
} from '@/lib/db/schema';
import type { ChatContactPort } from '../chat/actions';
import type { OutgoingContent } from '../chat/content';
import type { ConversationContext, ConversationInput } from '../chat/conversation';

/**
 * What a chat platform (WhatsApp; Messenger and Instagram) supplies to the shared delivery pipeline:
 * its tables, how a stored message becomes conversation input, who the contact is to the conversation,
 * and how a reply reaches Meta. Everything else — order, leases, retries, expiry, the thread — is the
 * pipeline's, once, in this folder.
 */

export type ChatTables = {
  inbound: typeof whatsappInboundMessages | typeof messengerInboundMessages;
  outbound: typeof whatsappOutboundMessages | typeof messengerOutboundMessages;
  conversations: typeof whatsappConversations | typeof messengerConversations;
  contactDemands: typeof whatsappContactDemands | typeof messengerContactDemands;
};

export type InboundRow = ChatTables['inbound']['$inferSelect'];
export type OutboundRow = ChatTables['outbound']['$inferSelect'];
export type ConversationRow = ChatTables['conversations']['$inferSelect'];

export type Reply = { content: OutgoingContent; demandId?: string | null; sensitive?: boolean };
export type Delivered = { providerMessageId: string; transport: NonNullable<OutboundRow['transport']> };
/** A failed send as the pipeline needs it: Meta's error code (when it gave one) and whether to retry. */
export type DeliveryFailure = { message: string; code?: number; retryable: boolean };

export type ChatPlatformPort<Contact extends { id: string }> = {
  /** The log component for the channel as a whole. */
  component: string;
  tables: ChatTables;
  /** How long one process keeps a contact; also how long a contact of a dead process waits. */
  leaseSeconds(): number;
  /**
   * WhatsApp's extra recovery: after the lease, fresh arrivals are worked at once, and the worker's
   * upkeep also resumes replies left pending. Messenger's wait for the contact's next message.
   */
  retakesLeftWork: boolean;
  /** Whether the outbound table keeps Meta's numeric error code (WhatsApp's does). */
  keepsErrorCode: boolean;
  /** The transport of a send that reached Meta (not the simulator): only those forget an access code. */
  remoteTransport: Delivered['transport'];
  findContact(db: Executor, contactId: string): Promise<Contact | undefined>;
  /** Null when the message carries nothing the conversation can use. */
  inputOf(payload: unknown): ConversationInput | null;
  inboundPreview(payload: unknown): string;
  contactPort(contact: Contact): ChatContactPort;
  conversationContact(contact: Contact): Pick<ConversationContext, 'contact' | 'surface'>;
  /** The log component for one contact (Messenger's contacts log as their own platform). */
  componentOf(contact: Contact): string;
  deliver(contact: Contact, content: OutgoingContent): Promise<Delivered>;
  asFailure(error: unknown): DeliveryFailure;
};
