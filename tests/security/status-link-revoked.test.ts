import { and, asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { idleState } from '@/lib/actions/form-state';
import { getDb } from '@/lib/db/client';
import { demandEvents, outbox } from '@/lib/db/schema';
import { requestInformation } from '@/lib/demands/staff-messages';
import { demandVersion } from '@/lib/demands/workflow';
import { openStatusLink, revokeStatusLinks } from '@/lib/demands/status-link';
import { publicTimeline } from '@/lib/demands/public-timeline';
import { renderEmail } from '@/lib/delivery/templates/render';
import { replyFromStatusLink } from '@/app/(public)/situacao/[token]/actions';
import { revokeStatusLinksAction } from '@/app/(staff)/painel/demandas/[protocolo]/actions';
import { createCast, expectOk, fileOuvidoria } from '../workspace-factories';

/**
 * Threat: an e-mailed status link that reached someone else (a forwarded e-mail, a shared computer) keeps
 * opening the demand and acting as its requester for months, and nobody can stop it. The ombudsman can
 * now revoke every link sent so far; the next e-mail carries a working one. Each e-mail's link also has
 * its own expiry: a newer e-mail brings a later one, older links keep theirs.
 */

// The staff action reads the session through Auth.js's `auth()`; it stands in with the session it would decode.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock('@/lib/auth/auth', () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
afterEach(() => {
  session.userId = null;
});

async function linksEmailedFor(demandId: string): Promise<{ token: string; sentAt: Date }[]> {
  const db = await getDb();
  const rows = await db.select().from(outbox).where(and(eq(outbox.demandId, demandId), eq(outbox.channel, 'email'))).orderBy(asc(outbox.createdAt));
  const links: { token: string; sentAt: Date }[] = [];
  for (const row of rows.filter((r) => r.recipient === 'rosa.link@exemplo.com.br')) {
    const email = await renderEmail(row);
    const token = /\/situacao\/([A-Za-z0-9._-]+)/.exec(email.text)?.[1];
    if (token) links.push({ token, sentAt: row.createdAt });
  }
  return links;
}

function replyForm(token: string): FormData {
  const data = new FormData();
  data.append('token', token);
  data.append('body', 'O endereço certo é Rua Curuzu, 120.');
  return data;
}

describe('status link revoked', () => {
  it('stops every link e-mailed so far, and the next e-mail brings one that works', async () => {
    const cast = await createCast();
    const demand = await fileOuvidoria({ email: 'rosa.link@exemplo.com.br' });
    const [receipt] = await linksEmailedFor(demand.id);
    if (!receipt) throw new Error('no receipt link');
    expect(await openStatusLink(receipt.token)).toMatchObject({ ok: true });

    expectOk(await revokeStatusLinks(cast.ombudsman, { demandId: demand.id, reason: 'O cidadão avisou que encaminhou o e-mail por engano.' }));

    expect(await openStatusLink(receipt.token)).toEqual({ ok: false, reason: 'revoked' });
    // Acting with it is refused too, before anything is written.
    expect(await replyFromStatusLink(idleState, replyForm(receipt.token))).toMatchObject({ status: 'error', message: expect.stringContaining('não é mais válido') });

    // The next e-mail (a request for information) carries a link of the new generation.
    expectOk(await requestInformation(cast.ombudsman, { demandId: demand.id, body: 'Informe o endereço exato, por favor.' }));
    const links = await linksEmailedFor(demand.id);
    const fresh = links.at(-1);
    if (!fresh || fresh.token === receipt.token) throw new Error('no new link');
    expect(await openStatusLink(fresh.token)).toMatchObject({ ok: true, demand: { id: demand.id } });
    expect(await openStatusLink(receipt.token)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('is recorded as an internal movement the citizen does not see', async () => {
    const cast = await createCast();
    const demand = await fileOuvidoria({ email: 'rosa.link@exemplo.com.br' });
    expectOk(await revokeStatusLinks(cast.ombudsman, { demandId: demand.id, reason: 'Link publicado por engano numa rede social.' }));
    const db = await getDb();
    const events = await db.select().from(demandEvents).where(and(eq(demandEvents.demandId, demand.id), eq(demandEvents.type, 'status_links_revoked')));
    expect(events).toEqual([expect.objectContaining({ visibility: 'internal', actorUserId: cast.ombudsman.userId, body: 'Link publicado por engano numa rede social.' })]);
    expect((await publicTimeline(db, demand.id)).map((event) => event.type)).not.toContain('status_links_revoked');
  });

  it('is the ombudsman’s alone: other staff and citizens cannot revoke, and nothing changes', async () => {
    const cast = await createCast();
    const demand = await fileOuvidoria({ email: 'rosa.link@exemplo.com.br' });
    const [receipt] = await linksEmailedFor(demand.id);
    if (!receipt) throw new Error('no receipt link');
    for (const actor of [null, cast.attendant, cast.saude, cast.infraestrutura, cast.controle, cast.manager, cast.admin, cast.citizenA]) {
      const result = await revokeStatusLinks(actor, { demandId: demand.id, reason: 'Tentativa de quem não pode.' });
      expect(result.ok, `revoked by ${actor?.role ?? 'a visitor'}`).toBe(false);
    }
    expect(await openStatusLink(receipt.token)).toMatchObject({ ok: true });
  });

  it('the demand page’s POST checks who posts it: only the ombudsman’s revokes', async () => {
    const cast = await createCast();
    const demand = await fileOuvidoria({ email: 'rosa.link@exemplo.com.br' });
    const [receipt] = await linksEmailedFor(demand.id);
    if (!receipt) throw new Error('no receipt link');
    // The version the demand page puts in its forms (a form without one is refused as out of date).
    const version = String(await demandVersion(await getDb(), demand.id));
    const post = () => {
      const data = new FormData();
      data.append('demandId', demand.id);
      data.append('protocol', demand.protocol);
      data.append('seenVersion', version);
      data.append('reason', 'O e-mail foi encaminhado a outra pessoa.');
      return revokeStatusLinksAction({ status: 'idle' }, data);
    };
    for (const user of [null, cast.attendant, cast.infraestrutura, cast.citizenA]) {
      session.userId = user?.userId ?? null;
      expect(await post()).toMatchObject({ status: 'error' });
      expect(await openStatusLink(receipt.token)).toMatchObject({ ok: true });
    }
    session.userId = cast.ombudsman.userId;
    await expect(post()).rejects.toMatchObject({ digest: expect.stringContaining(`/painel/demandas/${demand.protocol}?feito=links-revogados`) });
    expect(await openStatusLink(receipt.token)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('each e-mail’s link expires on its own: a newer e-mail renews, an older link keeps its date', async () => {
    const cast = await createCast();
    const filedAt = new Date(Date.now() - 80 * 86_400_000);
    const demand = await fileOuvidoria({ email: 'rosa.link@exemplo.com.br' }, {}, filedAt);
    expectOk(await requestInformation(cast.ombudsman, { demandId: demand.id, body: 'Informe o endereço exato, por favor.' }));
    const [old, recent] = await linksEmailedFor(demand.id);
    if (!old || !recent) throw new Error('expected two links');
    const in20Days = new Date(Date.now() + 20 * 86_400_000);
    expect(await openStatusLink(old.token, in20Days)).toEqual({ ok: false, reason: 'expired' });
    expect(await openStatusLink(recent.token, in20Days)).toMatchObject({ ok: true });
  });
});
