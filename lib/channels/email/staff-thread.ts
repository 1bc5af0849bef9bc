import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { emailInboundMessages, outbox } from '@/lib/db/schema';
import type { StaffDemandView } from '@/lib/db/queries/demand-page';
import { CITIZEN_TEMPLATES, type CitizenNotificationPayload, type CitizenTemplate } from '@/lib/domain/notifications';
import { canReadWhatsappThread } from '@/lib/domain/permissions';
import { citizenCopy } from '@/lib/delivery/templates/citizen';

/**
 * A demand's e-mail conversation as its staff page shows it: what the citizen wrote (with the headers,
 * folded) and what we sent them, with what became of each. It takes the view `getDemandForStaff`
 * returned, so only someone who may open the demand gets here; the messages carry the citizen's
 * address, so they follow the same identity rule as the WhatsApp thread (a department never reads a
 * denunciante's). Null when there is nothing to show.
 */

export type EmailThreadMessage =
  | { direction: 'in'; id: string; at: Date; from: string; subject: string; body: string; headers: Record<string, string>; outcome: string | null }
  | { direction: 'out'; id: string; at: Date; to: string; subject: string; status: 'pending' | 'sent' | 'failed' | 'bounced'; detail: string | null; messageId: string | null };

export type StaffEmailThread = { readable: true; messages: EmailThreadMessage[] } | { readable: false; unlockedByReveal: boolean };

function isCitizenTemplate(template: string): template is CitizenTemplate {
  return (CITIZEN_TEMPLATES as readonly string[]).includes(template);
}

function subjectOf(template: string, payload: Record<string, unknown>): string {
  if (!isCitizenTemplate(template) || typeof payload.protocol !== 'string' || (payload.service !== 'ouvidoria' && payload.service !== 'balcao')) return template;
  return citizenCopy(template, payload as CitizenNotificationPayload).subject;
}

export async function listEmailThreadForDemand(demandId: string): Promise<EmailThreadMessage[]> {
  const db = await getDb();
  const [inbound, sent] = await Promise.all([
    db.select().from(emailInboundMessages).where(eq(emailInboundMessages.demandId, demandId)).orderBy(asc(emailInboundMessages.receivedAt)),
    db
      .select()
      .from(outbox)
      .where(and(eq(outbox.demandId, demandId), eq(outbox.channel, 'email'), inArray(outbox.template, [...CITIZEN_TEMPLATES])))
      .orderBy(asc(outbox.createdAt)),
  ]);
  const messages: EmailThreadMessage[] = [
    ...inbound.map((row) => ({
      direction: 'in' as const,
      id: row.id,
      at: row.sentAt ?? row.receivedAt,
      from: row.fromName ? `${row.fromName} <${row.fromAddress ?? ''}>` : (row.fromAddress ?? 'sem remetente'),
      subject: row.subject,
      body: row.body,
      headers: row.headers,
      outcome: row.outcome,
    })),
    ...sent.map((row) => ({
      direction: 'out' as const,
      id: row.id,
      at: row.sentAt ?? row.createdAt,
      to: row.recipient,
      subject: subjectOf(row.template, row.payload),
      status: row.bouncedAt ? ('bounced' as const) : row.status,
      detail: row.bounceDetail ?? row.lastError,
      messageId: row.emailMessageId,
    })),
  ];
  return messages.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export async function emailThreadForStaff(
  demand: Pick<StaffDemandView, 'id' | 'channel' | 'identityVisibility' | 'requester'>,
): Promise<StaffEmailThread | null> {
  if (canReadWhatsappThread(demand.identityVisibility, demand.requester.kind === 'identity')) {
    const messages = await listEmailThreadForDemand(demand.id);
    // Only when the citizen wrote by e-mail: every demand with an address gets e-mails, shown in the timeline.
    return demand.channel === 'email' || messages.some((message) => message.direction === 'in') ? { readable: true, messages } : null;
  }
  return demand.channel === 'email' ? { readable: false, unlockedByReveal: demand.identityVisibility === 'identity_on_request' } : null;
}
