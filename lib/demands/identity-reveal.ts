import 'server-only';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { identityAccessLog } from '@/lib/db/schema';
import { canViewDemand, identityVisibility } from '@/lib/domain/permissions';
import { FORBIDDEN, invalid, lockDemand, NOT_FOUND, SIGN_IN_REQUIRED, type StaffActor, type UseCaseOptions, type UseCaseResult } from './workflow';

/**
 * The ombudsman's logged reveal of a protected requester's identity (Lei 13.460 art. 10 §7). Revealing
 * is a POST with the reason, written to the identity access log; the demand page then shows the identity
 * to that ombudsman for `IDENTITY_REVEAL_MINUTES`. Opening the page (a GET, which browsers, proxies and link
 * previews repeat at will) writes nothing and reveals nothing by itself.
 */

export const RevealIdentitySchema = z.object({
  demandId: z.uuid({ error: 'Manifestação inválida.' }),
  reason: z
    .string({ error: 'Informe o motivo do acesso à identidade.' })
    .trim()
    .min(10, { error: 'Informe o motivo do acesso à identidade (ao menos 10 caracteres): ele fica registrado.' })
    .max(500, { error: 'O motivo pode ter até 500 caracteres.' }),
});

export async function revealIdentity(actor: StaffActor | null, input: unknown, options: UseCaseOptions = {}): Promise<UseCaseResult> {
  if (!actor) return SIGN_IN_REQUIRED;
  const parsed = RevealIdentitySchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const now = options.now ?? new Date();
  const db = options.db ?? (await getDb());
  return db.transaction(async (tx) => {
    const demand = await lockDemand(tx, parsed.data.demandId);
    if (!demand || !canViewDemand(actor, demand.facts)) return NOT_FOUND;
    // Only where the identity is the ombudsman's to ask for: a protected demand, not an anonymous one.
    if (identityVisibility(actor, demand) !== 'identity_on_request') return FORBIDDEN;
    await tx.insert(identityAccessLog).values({ demandId: demand.id, userId: actor.userId, accessedAt: now, reason: parsed.data.reason });
    return { ok: true };
  });
}
