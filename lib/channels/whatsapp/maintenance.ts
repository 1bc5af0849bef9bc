import 'server-only';
import { expireIdleConversations as expireIdle, runChatMaintenance } from '../chat-delivery/maintenance';
import { WHATSAPP_TABLES, whatsappPipeline } from './pipeline';

/** The WhatsApp channel's share of the delivery worker's loop (lib/channels/chat-delivery/maintenance.ts). */
export async function runWhatsappMaintenance(now = new Date()): Promise<{ contacts: number; expired: number }> {
  return runChatMaintenance(whatsappPipeline, now);
}

/** Resets conversations idle past their expiry; returns the contacts that were told, for their reply to go out. */
export async function expireIdleConversations(now = new Date(), limit = 100): Promise<string[]> {
  return expireIdle(WHATSAPP_TABLES, now, limit);
}
