import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/lib/db/client';
import { departments, users, type NewOutboxMessage } from '@/lib/db/schema';
import type { CitizenNotificationPayload, CitizenTemplate, StaffDemandPayload } from '@/lib/domain/notifications';
import type { Channel, Service } from '@/lib/domain/vocabulary';

type Recipient = {
  id: string;
  requesterEmail: string | null;
  requesterPhone: string | null;
  notifyByWhatsapp: boolean;
  notifyByPush?: boolean;
  statusLinkGeneration?: number;
  channel?: Channel;
  requesterChatId?: string | null;
};

/**
 * The outbox rows that tell the citizen about one movement: by e-mail when there is one, and by WhatsApp
 * when the demand came that way or the citizen opted in, and by Web Push to the browsers the citizen
 * subscribed on its status page (one row for all of them: lib/delivery/push.ts). A demand filed on Messenger or Instagram hears
 * back there; its sender falls back to e-mail when Meta's window is closed (lib/channels/messenger/send.ts),
 * so no e-mail row is written beside it. `eventKey` makes the idempotency key unique per movement
 * (usually the demand_event id), so a retried use case never notifies twice.
 */
export function citizenNotifications(
  demand: Recipient,
  template: CitizenTemplate,
  payload: CitizenNotificationPayload,
  eventKey: string | number,
  now = new Date(),
): NewOutboxMessage[] {
  const messages: NewOutboxMessage[] = [];
  // The e-mail's status link is made when the row is sent, of the generation current now (absent: 0).
  const generation = demand.statusLinkGeneration ? { statusLinkGeneration: demand.statusLinkGeneration } : {};
  const base = { demandId: demand.id, template, payload: { ...payload, ...generation }, nextAttemptAt: now, createdAt: now };
  const chat = demand.channel === 'messenger' || demand.channel === 'instagram' ? demand.channel : null;
  if (chat && demand.requesterChatId) {
    messages.push({ ...base, channel: chat, recipient: demand.requesterChatId, idempotencyKey: `${template}:${eventKey}:${chat}` });
  } else if (demand.requesterEmail) {
    messages.push({ ...base, channel: 'email', recipient: demand.requesterEmail, idempotencyKey: `${template}:${eventKey}:email` });
  }
  if (demand.requesterPhone && demand.notifyByWhatsapp) {
    messages.push({ ...base, channel: 'whatsapp', recipient: demand.requesterPhone, idempotencyKey: `${template}:${eventKey}:whatsapp` });
  }
  if (demand.notifyByPush) {
    messages.push({ ...base, channel: 'push', recipient: demand.id, idempotencyKey: `${template}:${eventKey}:push` });
  }
  return messages;
}

/**
 * Who hears that a new demand entered a queue: for a Balcão request, the department that owns its
 * service; for an Ouvidoria manifestação, the ombudsmen, who triage it. Read before the intake
 * statement, which stays short; named statements, as every filing asks.
 */
export async function staffQueueRecipients(
  db: Executor,
  input: { service: Service; departmentId: string | null },
): Promise<{ emails: string[]; departmentName?: string }> {
  if (input.service === 'balcao' && input.departmentId) {
    const [department] = await db
      .select({ name: departments.name, email: departments.email })
      .from(departments)
      .where(and(eq(departments.id, input.departmentId), eq(departments.active, true)))
      .prepare('staff_queue_department')
      .execute();
    return { emails: department?.email ? [department.email] : [], departmentName: department?.name };
  }
  const ombudsmen = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.role, 'ombudsman'), eq(users.active, true)))
    .prepare('staff_queue_ombudsmen')
    .execute();
  return { emails: ombudsmen.map((row) => row.email) };
}

/** "New demand in your queue" rows; the payload names the demand, never the requester. */
export function staffQueueNotifications(
  recipients: { emails: string[]; departmentName?: string },
  input: { demandId: string; payload: Omit<StaffDemandPayload, 'departmentName'>; now: Date },
): NewOutboxMessage[] {
  const payload: StaffDemandPayload = { ...input.payload, departmentName: recipients.departmentName };
  return [...new Set(recipients.emails)].map((recipient) => ({
    demandId: input.demandId,
    channel: 'email',
    template: 'staff_new_demand',
    recipient,
    payload,
    idempotencyKey: `staff_new_demand:${input.demandId}:${recipient}`,
    nextAttemptAt: input.now,
    createdAt: input.now,
  }));
}
