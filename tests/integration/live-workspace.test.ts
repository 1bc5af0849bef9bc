import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { idleState } from '@/lib/actions/form-state';
import { getDb } from '@/lib/db/client';
import { demandEvents, demandPresence } from '@/lib/db/schema';
import { forwardDemand } from '@/lib/demands/triage';
import { addInternalNote, postPublicReply } from '@/lib/demands/staff-messages';
import { pulseDemand } from '@/lib/demands/presence';
import { demandVersion } from '@/lib/demands/workflow';
import { recordNoticeSent } from '@/lib/demands/notice-delivery';
import { noteAction } from '@/app/(staff)/painel/demandas/[protocolo]/actions';
import { POST as pulseRoute } from '@/app/(staff)/painel/api/pulso/route';
import { GET as eventsRoute } from '@/app/(staff)/painel/api/pulso/eventos/route';
import { stopListeningForDemandChanges } from '@/lib/live/demand-changes';
import { createCast, createUser, department, expectOk, fileOuvidoria, type Cast } from '../workspace-factories';

/**
 * Two people on one demand: an action written on a page drawn before someone else acted is refused (409)
 * and keeps its text; the pulse tells who may see a demand its version and who else has it open, and
 * nobody else anything. The signed-in user comes from a stand-in for Auth.js's `auth()`.
 */
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock('@/lib/auth/auth', () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const STALE = /^Outra pessoa agiu nesta manifestação enquanto você escrevia: .+\. Confira a linha do tempo; o seu texto foi mantido\.$/;

let cast: Cast;
let ana: Awaited<ReturnType<typeof createUser>>;
let bia: Awaited<ReturnType<typeof createUser>>;
beforeAll(async () => {
  cast = await createCast();
  ana = await createUser('department', { departments: ['saude'], name: 'Ana Saúde' });
  bia = await createUser('ombudsman', { name: 'Bia Ouvidora' });
});
afterEach(() => {
  session.userId = null;
});
afterAll(() => stopListeningForDemandChanges());

async function versionOf(demandId: string): Promise<number> {
  return demandVersion(await getDb(), demandId);
}

async function eventTypes(demandId: string): Promise<string[]> {
  const rows = await (await getDb()).select({ type: demandEvents.type }).from(demandEvents).where(eq(demandEvents.demandId, demandId)).orderBy(demandEvents.id);
  return rows.map((row) => row.type);
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

async function pulseAs(userId: string | null, body: unknown): Promise<Response> {
  session.userId = userId;
  return pulseRoute(new Request('http://localhost/painel/api/pulso', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
}

describe('a stale action', () => {
  it('is refused when someone acted after the page was drawn, and goes through on the current version', async () => {
    const saude = await department('saude');
    const filed = await fileOuvidoria();
    const seen = await versionOf(filed.id);
    expect(seen).toBeGreaterThan(0);

    expectOk(await forwardDemand(cast.ombudsman, { demandId: filed.id, departmentId: saude.id }, { seenVersion: seen }));
    // Ana's page was drawn before the forward: her internal note is refused, naming who did what.
    const stale = await addInternalNote(ana, { demandId: filed.id, body: 'Nota escrita sobre a versão antiga.' }, { seenVersion: seen });
    expect(stale).toMatchObject({ ok: false, status: 409, error: expect.stringMatching(STALE) });
    expect(stale.ok ? '' : stale.error).toContain(`${cast.ombudsman.name} — Encaminhada`);
    expect(await eventTypes(filed.id)).toEqual(['received', 'forwarded']);

    // With the page drawn again she sees the forward and writes on the current version.
    expectOk(await postPublicReply(ana, { demandId: filed.id, body: 'A equipe da UBS vai verificar.' }, { seenVersion: await versionOf(filed.id) }));
    // Channels without a page (API, jobs) send no version and are not affected.
    expectOk(await addInternalNote(cast.ombudsman, { demandId: filed.id, body: 'Nota registrada por outro canal.' }));
    expect(await eventTypes(filed.id)).toEqual(['received', 'forwarded', 'public_reply', 'note']);
  });

  it('is not made stale by the worker noting that a notice went out: nobody acted', async () => {
    const filed = await fileOuvidoria();
    const seen = await versionOf(filed.id);
    await recordNoticeSent({ demandId: filed.id, template: 'demand_received', channel: 'messenger' }, 'entregue');
    // The version moves (open pages redraw to show the note), but a form drawn before it still goes through.
    expect(await versionOf(filed.id)).toBeGreaterThan(seen);
    expectOk(await addInternalNote(cast.ombudsman, { demandId: filed.id, body: 'Nota escrita antes do aviso sair.' }, { seenVersion: seen }));
    expect(await eventTypes(filed.id)).toEqual(['received', 'note', 'note']);
  });

  it('is refused by the demand page form with the text kept; a form without a version is refused too', async () => {
    const filed = await fileOuvidoria();
    const seen = String(await versionOf(filed.id));
    expectOk(await addInternalNote(bia, { demandId: filed.id, body: 'Nota de quem agiu primeiro.' }));
    session.userId = cast.ombudsman.userId;

    const typed = 'Texto longo que a ouvidora escreveu com cuidado.';
    const state = await noteAction(idleState, form({ demandId: filed.id, protocol: filed.protocol, seenVersion: seen, body: typed }));
    expect(state).toMatchObject({ status: 'error', message: expect.stringMatching(STALE), values: { body: typed } });

    const unversioned = await noteAction(idleState, form({ demandId: filed.id, protocol: filed.protocol, body: typed }));
    expect(unversioned).toMatchObject({ status: 'error', message: expect.stringContaining('o seu texto foi mantido'), values: { body: typed } });
    expect(await eventTypes(filed.id)).toEqual(['received', 'note']);
  });

  it('never names a denunciante: the citizen who moved the demand is shown as the timeline shows them', async () => {
    const filed = await fileOuvidoria({ kind: 'denunciation', identity: 'confidential' }, { requesterUserId: cast.citizenA.userId });
    const seen = await versionOf(filed.id);
    // Stands in for any citizen movement: an event whose actor is the requester's account.
    await (await getDb()).insert(demandEvents).values({
      demandId: filed.id,
      type: 'citizen_message',
      stateBefore: 'received',
      stateAfter: 'received',
      actorUserId: cast.citizenA.userId,
      actorLabel: 'Cidadão',
      visibility: 'public',
      body: 'Mais detalhes.',
    });
    const stale = await addInternalNote(cast.ombudsman, { demandId: filed.id, body: 'Nota sobre a versão antiga.' }, { seenVersion: seen });
    expect(stale).toMatchObject({ ok: false, status: 409 });
    expect(stale.ok ? '' : stale.error).toContain('Cidadão — Mensagem do cidadão');
    expect(stale.ok ? '' : stale.error).not.toContain(cast.citizenA.name);
  });
});

describe('the pulse', () => {
  it('answers the queue counts and the version, and shows who else has the demand open', async () => {
    const saude = await department('saude');
    const filed = await fileOuvidoria();
    expectOk(await forwardDemand(cast.ombudsman, { demandId: filed.id, departmentId: saude.id }));

    const first = await pulseAs(cast.ombudsman.userId, { demanda: filed.protocol, respondendo: false });
    expect(first.status).toBe(200);
    const firstBody = await first.json();
    expect(firstBody).toMatchObject({ demand: { version: await versionOf(filed.id), others: [] }, queues: expect.objectContaining({ triagem: expect.any(Number) }) });

    const fromAna = await (await pulseAs(ana.userId, { demanda: filed.protocol, respondendo: true })).json();
    expect(fromAna.demand.others).toEqual([{ name: cast.ombudsman.name, activity: 'viewing' }]);
    const fromOmbudsman = await (await pulseAs(cast.ombudsman.userId, { demanda: filed.protocol })).json();
    expect(fromOmbudsman.demand.others).toEqual([{ name: 'Ana Saúde', activity: 'replying' }]);

    // Without a demand: only the counts.
    const queuesOnly = await (await pulseAs(ana.userId, {})).json();
    expect(queuesOnly).toMatchObject({ demand: null, queues: expect.objectContaining({ secretaria: expect.any(Number) }) });
  });

  it('forgets heartbeats older than 15 s, and deletes the old ones', async () => {
    const filed = await fileOuvidoria();
    const start = new Date('2026-05-04T12:00:00Z');
    expectOk(await pulseDemand(bia, { protocol: filed.protocol, replying: true }, { now: start }));
    const soon = await pulseDemand(cast.ombudsman, { protocol: filed.protocol, replying: false }, { now: new Date(start.getTime() + 10_000) });
    expectOk(soon);
    expect(soon.others).toEqual([{ name: 'Bia Ouvidora', activity: 'replying' }]);
    const later = await pulseDemand(cast.ombudsman, { protocol: filed.protocol, replying: false }, { now: new Date(start.getTime() + 16_000) });
    expectOk(later);
    expect(later.others).toEqual([]);
    expectOk(await pulseDemand(cast.ombudsman, { protocol: filed.protocol, replying: false }, { now: new Date(start.getTime() + 61_000) }));
    const rows = await (await getDb()).select().from(demandPresence).where(and(eq(demandPresence.demandId, filed.id), eq(demandPresence.userId, bia.userId)));
    expect(rows).toEqual([]);
  });

  it('is refused to a department that does not hold the demand, to citizens and to the signed out', async () => {
    const saude = await department('saude');
    const filed = await fileOuvidoria();
    expectOk(await forwardDemand(cast.ombudsman, { demandId: filed.id, departmentId: saude.id }));

    expect((await pulseAs(cast.infraestrutura.userId, { demanda: filed.protocol })).status).toBe(404);
    expect((await pulseAs(cast.citizenA.userId, { demanda: filed.protocol })).status).toBe(403);
    expect((await pulseAs(null, { demanda: filed.protocol })).status).toBe(401);
    expect((await pulseAs(cast.ombudsman.userId, { demanda: filed.protocol, respondendo: 'sim' })).status).toBe(400);
    const rows = await (await getDb()).select({ userId: demandPresence.userId }).from(demandPresence).where(eq(demandPresence.demandId, filed.id));
    expect(rows).toEqual([]);
  });

  it("never shows a denúncia's requester, even with a heartbeat of theirs in the table", async () => {
    const filed = await fileOuvidoria({ kind: 'denunciation', identity: 'confidential' }, { requesterUserId: cast.citizenA.userId });
    await (await getDb()).insert(demandPresence).values({ demandId: filed.id, userId: cast.citizenA.userId, activity: 'replying', seenAt: new Date() });
    const answer = await (await pulseAs(cast.ombudsman.userId, { demanda: filed.protocol })).json();
    expect(answer.demand.others).toEqual([]);
    expect(JSON.stringify(answer)).not.toContain(cast.citizenA.name);
  });
});

describe('the event stream', () => {
  const open = (userId: string | null, abort = new AbortController()) => {
    session.userId = userId;
    return { response: eventsRoute(new Request('http://localhost/painel/api/pulso/eventos', { signal: abort.signal })), abort };
  };

  it('is refused to citizens and to the signed out, and carries no data: a staff page only learns that something changed', async () => {
    expect((await open(null).response).status).toBe(401);
    expect((await open(cast.citizenA.userId).response).status).toBe(403);

    const { response, abort } = open(cast.ombudsman.userId);
    const staff = await response;
    if (!process.env.DATABASE_URL) {
      // The embedded database does not push: 204 tells the browser not to reconnect, and the page polls.
      expect(staff.status).toBe(204);
      return;
    }
    expect(staff.status).toBe(200);
    expect(staff.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(staff.headers.get('cache-control')).toContain('no-transform');
    const reader = staff.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toBe('retry: 5000\n\n');
    abort.abort();
    await reader?.cancel();
  });
});
