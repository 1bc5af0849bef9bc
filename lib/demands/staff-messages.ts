import 'server-only';
import { NoteSchema, PublicReplySchema, RequestInfoSchema } from '@/lib/domain/workspace-schemas';
import { withEventFiles, type MessageOptions } from './event-files';
import { invalid, notifyCitizen, recordEvent, runStaffStep, updateDemand, type StaffActor, type UseCaseOptions, type UseCaseResult } from './workflow';

/**
 * A note only staff read: instructions to a department, what an inspection found. Its files are internal
 * too: they belong to the internal event, and downloads follow the event's visibility.
 */
export async function addInternalNote(actor: StaffActor | null, input: unknown, options: MessageOptions = {}): Promise<UseCaseResult> {
  return withEventFiles(actor, NoteSchema, input, options.files, (data, attach) =>
    runStaffStep(actor, data.demandId, 'note', options, async ({ tx, demand, now, actorLabel }) => {
      await updateDemand(tx, demand.id, {}, now);
      const eventId = await recordEvent(tx, {
        demandId: demand.id,
        type: 'note',
        stateBefore: demand.state,
        stateAfter: demand.state,
        actorUserId: actor?.userId ?? null,
        actorLabel,
        visibility: 'internal',
        body: data.body,
        now,
      });
      await attach(tx, { demandId: demand.id, eventId, now });
      return { ok: true };
    }),
  );
}

/**
 * Asks the citizen for what is missing (complementação). The deadline stops from now until the reply
 * (`replyToInformationRequest`), and the demand is archived after 20 days without one.
 */
export async function requestInformation(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult> {
  const parsed = RequestInfoSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return runStaffStep(actor, parsed.data.demandId, 'request_info', options, async ({ tx, demand, next, now, actorLabel }) => {
    if (next === 'previous') throw new Error('An information request never returns to a previous state');
    await updateDemand(tx, demand.id, { state: next, suspendedAt: now }, now);
    const eventId = await recordEvent(tx, {
      demandId: demand.id,
      type: 'info_requested',
      stateBefore: demand.state,
      stateAfter: next,
      actorUserId: actor?.userId ?? null,
      actorLabel,
      visibility: 'public',
      body: parsed.data.body,
      now,
    });
    await notifyCitizen(tx, demand, 'info_requested', { body: parsed.data.body }, eventId, now);
    return { ok: true };
  });
}

/** A reply the citizen reads that is not yet the final answer ("a vistoria foi marcada para…"), with its files. */
export async function postPublicReply(actor: StaffActor | null, input: unknown, options: MessageOptions = {}): Promise<UseCaseResult> {
  return withEventFiles(actor, PublicReplySchema, input, options.files, (data, attach) =>
    runStaffStep(actor, data.demandId, 'public_reply', options, async ({ tx, demand, next, now, actorLabel }) => {
      if (next === 'previous') throw new Error('A reply never returns to a previous state');
      await updateDemand(tx, demand.id, { state: next }, now);
      const eventId = await recordEvent(tx, {
        demandId: demand.id,
        type: 'public_reply',
        stateBefore: demand.state,
        stateAfter: next,
        actorUserId: actor?.userId ?? null,
        actorLabel,
        visibility: 'public',
        body: data.body,
        now,
      });
      const attached = await attach(tx, { demandId: demand.id, eventId, now });
      await notifyCitizen(tx, demand, 'public_reply', { body: data.body, ...attached }, eventId, now);
      return { ok: true };
    }),
  );
}
