import 'server-only';
import { runChatMaintenance } from '../chat-delivery/maintenance';
import { messengerPipeline } from './pipeline';

/** Messenger's and Instagram's share of the worker's loop (lib/channels/chat-delivery/maintenance.ts). */
export async function runMessengerMaintenance(now = new Date()): Promise<{ contacts: number; expired: number }> {
  return runChatMaintenance(messengerPipeline, now);
}
