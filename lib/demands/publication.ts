import 'server-only';
import { PublishDescriptionSchema } from '@/lib/domain/workspace-schemas';
import { conflict, invalid, recordEvent, runStaffStep, updateDemand, type StaffActor, type UseCaseOptions, type UseCaseResult } from './workflow';

/**
 * Whoever works a Balcão request decides whether its description may show on the public map (/mapa) and
 * in Open311 (by default it never does: a citizen may have written a name or a home there). Only a
 * service request that is not confidential may be marked; an Ouvidoria demand never can (the state table
 * gives it no performer). The change is an internal movement, so the timeline says who decided and when.
 */
export async function setDescriptionPublication(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult> {
  const parsed = PublishDescriptionSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const publishable = parsed.data.publishable;
  return runStaffStep(actor, parsed.data.demandId, 'publish_description', options, async ({ tx, demand, now, actorLabel }) => {
    if (demand.kind !== 'service_request' || demand.identity === 'confidential') {
      return conflict('A descrição de uma solicitação sigilosa nunca é publicada.');
    }
    if (demand.descriptionPublishable === publishable) {
      return conflict(publishable ? 'A descrição já aparece no mapa público.' : 'A descrição já não aparece no mapa público.');
    }
    await updateDemand(tx, demand.id, { descriptionPublishable: publishable }, now);
    await recordEvent(tx, {
      demandId: demand.id,
      type: 'publication_changed',
      stateBefore: demand.state,
      stateAfter: demand.state,
      actorUserId: actor?.userId ?? null,
      actorLabel,
      visibility: 'internal',
      body: publishable
        ? 'Descrição marcada como publicável: aparece no mapa público e no Open311.'
        : 'Descrição retirada do mapa público e do Open311.',
      data: { publishable },
      now,
    });
    return { ok: true };
  });
}
