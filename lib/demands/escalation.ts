import 'server-only';
import { eq } from 'drizzle-orm';
import type { Transaction } from '@/lib/db/client';
import { demands } from '@/lib/db/schema';
import { escalationRefusal } from '@/lib/domain/transitions';
import type { Channel } from '@/lib/domain/vocabulary';
import { EscalateSchema } from '@/lib/domain/workspace-schemas';
import { fileDemand } from './intake';
import { conflict, invalid, recordEvent, runStaffStep, type LockedDemand, type StaffActor, type UseCaseOptions, type UseCaseResult } from './workflow';

export type Escalation = { complaint: { id: string; protocol: string; accessCode?: string } };

/**
 * A Balcão request that is late, or whose answer did not satisfy, becomes an Ouvidoria complaint linked
 * to it. The complaint is filed by the one intake function, in the same transaction as the event on the
 * request, so there is never one without the other.
 */
export async function escalateToOuvidoria(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult<Escalation>> {
  const parsed = EscalateSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return runStaffStep(actor, parsed.data.demandId, 'escalate', options, ({ tx, demand, now, actorLabel }) =>
    fileLinkedComplaint(tx, demand, {
      reason: parsed.data.reason,
      // The citizen asked the counter in the same way they reach it; the request's channel is the best guess.
      channel: demand.channel,
      enteredByUserId: actor?.userId ?? null,
      actorUserId: actor?.userId ?? null,
      actorLabel,
      now,
    }),
  );
}

export async function fileLinkedComplaint(
  tx: Transaction,
  demand: LockedDemand,
  context: { reason: string; channel: Channel; enteredByUserId: string | null; actorUserId: string | null; actorLabel: string; now: Date },
): Promise<UseCaseResult<Escalation>> {
  const [existing] = await tx.select({ id: demands.id }).from(demands).where(eq(demands.linkedDemandId, demand.id)).limit(1);
  const refusal = escalationRefusal({ service: demand.service, state: demand.state, dueOn: demand.dueOn, alreadyEscalated: Boolean(existing) }, context.now);
  if (refusal) return conflict(refusal);

  const subject = `Reclamação sobre a solicitação ${demand.protocol}`;
  const filed = await fileDemand(
    {
      service: 'ouvidoria',
      kind: 'complaint',
      subject,
      description: `${context.reason}\n\nSolicitação do Balcão da Cidadania ${demand.protocol} (${demand.subject}).`,
      identity: demand.identity,
      name: demand.requesterName ?? undefined,
      email: demand.requesterEmail ?? undefined,
      phone: demand.requesterPhone ?? undefined,
      cpf: demand.requesterCpf ?? undefined,
      notifyByWhatsapp: demand.notifyByWhatsapp,
    },
    {
      channel: context.channel,
      enteredByUserId: context.enteredByUserId ?? undefined,
      requesterUserId: demand.requesterUserId ?? undefined,
      linkedDemandId: demand.id,
    },
    { now: context.now, db: tx },
  );
  if (!filed.ok) throw new Error(`The linked complaint of ${demand.protocol} was refused: ${JSON.stringify(filed.fieldErrors)}`);

  await recordEvent(tx, {
    demandId: demand.id,
    type: 'escalated',
    stateBefore: demand.state,
    stateAfter: demand.state,
    actorUserId: context.actorUserId,
    actorLabel: context.actorLabel,
    visibility: 'public',
    body: `Levada à Ouvidoria como reclamação, protocolo ${filed.demand.protocol}.`,
    data: { complaintId: filed.demand.id, complaintProtocol: filed.demand.protocol },
    now: context.now,
  });
  return { ok: true, complaint: { id: filed.demand.id, protocol: filed.demand.protocol, accessCode: filed.demand.accessCode } };
}
