import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { identityAccessLog } from '@/lib/db/schema';
import { getDemandForStaff } from '@/lib/db/queries/demand-page';
import { revealIdentity } from '@/lib/demands/identity-reveal';
import { IDENTITY_REVEAL_MINUTES } from '@/lib/domain/permissions';
import { createCast, expectOk, fileOuvidoria, type Cast } from '../workspace-factories';

/**
 * Threat: the identity of a denunciante opened on a GET (`?identidade=mostrar`), a request that
 * browsers prefetch, link previews and proxies repeat, and a link anyone can be tricked into following:
 * the access was logged with no reason, or made without the ombudsman meaning to. Revealing must be a
 * POST with a reason, stored in the identity access log; reading the page writes and reveals nothing.
 */

let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

async function logOf(demandId: string) {
  return (await getDb()).select().from(identityAccessLog).where(eq(identityAccessLog.demandId, demandId));
}

describe('revealing a protected identity', () => {
  it('is not done by opening the page, whatever its address says', async () => {
    const filed = await fileOuvidoria({ kind: 'denunciation', identity: 'confidential', name: 'Rita Denunciante', email: 'rita@exemplo.com.br' });
    for (let visit = 0; visit < 3; visit++) {
      const page = await getDemandForStaff({ actor: cast.ombudsman, protocol: filed.protocol, ...{ revealIdentity: true } });
      expect(page?.requester.kind).toBe('hidden');
      expect(JSON.stringify(page)).not.toContain('Rita Denunciante');
    }
    expect(await logOf(filed.id)).toEqual([]);
  });

  it('takes a reason, refuses without one, logs who, when and why, and shows the identity to that ombudsman for a while', async () => {
    const filed = await fileOuvidoria({ kind: 'denunciation', identity: 'confidential', name: 'Rita Denunciante', email: 'rita@exemplo.com.br' });
    expect(await revealIdentity(cast.ombudsman, { demandId: filed.id, reason: '' })).toMatchObject({ ok: false, status: 400, fieldErrors: { reason: [expect.stringContaining('motivo')] } });
    expect(await logOf(filed.id)).toEqual([]);

    const at = new Date();
    expectOk(await revealIdentity(cast.ombudsman, { demandId: filed.id, reason: 'Ouvir a denunciante sobre as provas enviadas.' }, { now: at }));
    expect(await logOf(filed.id)).toEqual([expect.objectContaining({ userId: cast.ombudsman.userId, reason: 'Ouvir a denunciante sobre as provas enviadas.', accessedAt: at })]);
    const page = await getDemandForStaff({ actor: cast.ombudsman, protocol: filed.protocol, now: new Date(at.getTime() + 60_000) });
    expect(page?.requester).toMatchObject({ kind: 'identity', name: 'Rita Denunciante', email: 'rita@exemplo.com.br' });
    const later = await getDemandForStaff({ actor: cast.ombudsman, protocol: filed.protocol, now: new Date(at.getTime() + (IDENTITY_REVEAL_MINUTES + 1) * 60_000) });
    expect(later?.requester.kind).toBe('hidden');
    expect(await logOf(filed.id)).toHaveLength(1);
  });

  it('is refused to everyone but the ombudsman, and logs nothing for them', async () => {
    const filed = await fileOuvidoria({ kind: 'denunciation', identity: 'confidential', name: 'Rita Denunciante' });
    for (const someone of [cast.controle, cast.manager, cast.attendant, cast.saude, cast.admin, cast.citizenA]) {
      expect((await revealIdentity(someone, { demandId: filed.id, reason: 'Curiosidade sobre quem denunciou.' })).ok).toBe(false);
    }
    expect(await logOf(filed.id)).toEqual([]);
  });
});
