import 'server-only';
import type { NewOutboxMessage } from '@/lib/db/schema';
import type { CitizenNotificationPayload, CitizenTemplate } from '@/lib/domain/notifications';

type Recipient = { id: string; requesterEmail: string | null; requesterPhone: string | null; notifyByWhatsapp: boolean };

/**
 * The outbox rows that tell the citizen about one movement: by e-mail when there is one, and by WhatsApp
 * when the demand came that way or the citizen opted in. `eventKey` makes the idempotency key unique per
 * movement (usually the demand_event id), so a retried use case never notifies twice.
 */
export function citizenNotifications(
  demand: Recipient,
  template: CitizenTemplate,
  payload: CitizenNotificationPayload,
  eventKey: string | number,
  now = new Date(),
): NewOutboxMessage[] {
  const messages: NewOutboxMessage[] = [];
  const base = { demandId: demand.id, template, payload, nextAttemptAt: now, createdAt: now };
  if (demand.requesterEmail) {
    messages.push({ ...base, channel: 'email', recipient: demand.requesterEmail, idempotencyKey: `${template}:${eventKey}:email` });
  }
  if (demand.requesterPhone && demand.notifyByWhatsapp) {
    messages.push({ ...base, channel: 'whatsapp', recipient: demand.requesterPhone, idempotencyKey: `${template}:${eventKey}:whatsapp` });
  }
  return messages;
}
