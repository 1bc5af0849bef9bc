import { asc, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { demandEvents, demands, demandTags, departments, outbox } from '@/lib/db/schema';
import type { Actor } from '@/lib/auth/guards';
import { createTag } from '@/lib/admin/tags';
import { sendFinalAnswer } from '@/lib/demands/resolution';
import { listDemands } from '@/lib/db/queries/demand-queues';
import { getSavedView, listSavedViews } from '@/lib/db/queries/saved-views';
import { applyBulkAction } from '@/lib/demands/bulk';
import { deleteView, saveView } from '@/lib/demands/saved-views';
import { forwardDemand } from '@/lib/demands/triage';
import { createCast, createUser, demandRow, department, expectOk, fileBalcao, fileOuvidoria, type Cast } from '../workspace-factories';

const now = new Date('2026-06-15T15:00:00Z');

let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

async function eventCount(demandIds: string[]): Promise<number> {
  const db = await getDb();
  return (await db.select({ id: demandEvents.id }).from(demandEvents).where(inArray(demandEvents.demandId, demandIds))).length;
}

describe('the deadline-risk order', () => {
  it('puts overdue first (latest first), then the least share of the term left, paused after running, finished last', async () => {
    const db = await getDb();
    const [riskDepartment] = await db.insert(departments).values({ slug: `risco-${crypto.randomUUID().slice(0, 8)}`, name: 'Secretaria do Risco' }).returning();
    if (!riskDepartment) throw new Error('no department');
    const shapes = [
      { label: 'closed long ago', state: 'closed', dueOn: '2026-06-01', filedOn: '2026-05-02' },
      { label: 'paused and overdue', state: 'awaiting_citizen', dueOn: '2026-06-12', filedOn: '2026-05-13' },
      { label: '4 of 10 days left', state: 'in_progress', dueOn: '2026-06-19', filedOn: '2026-06-09' },
      { label: '5 of 30 days left', state: 'forwarded', dueOn: '2026-06-20', filedOn: '2026-05-21' },
      { label: '2 days late', state: 'in_progress', dueOn: '2026-06-13', filedOn: '2026-05-14' },
      { label: '5 days late', state: 'forwarded', dueOn: '2026-06-10', filedOn: '2026-05-11' },
    ] as const;
    const byId = new Map<string, string>();
    for (const shape of shapes) {
      const filed = await fileOuvidoria({}, {}, new Date(`${shape.filedOn}T15:00:00Z`));
      await db.update(demands).set({ state: shape.state, dueOn: shape.dueOn, departmentId: riskDepartment.id }).where(eq(demands.id, filed.id));
      byId.set(filed.id, shape.label);
    }
    const page = await listDemands({ actor: cast.ombudsman, queue: 'all', filters: { departmentId: riskDepartment.id }, sort: 'risk', now });
    expect(page.rows.map((row) => byId.get(row.id))).toEqual([
      '5 days late',
      '2 days late',
      '5 of 30 days left',
      '4 of 10 days left',
      'paused and overdue',
      'closed long ago',
    ]);
    // The overdue queue in risk order holds only the running late ones; a department outside sees none.
    const overdue = await listDemands({ actor: cast.ombudsman, queue: 'overdue', filters: { departmentId: riskDepartment.id }, sort: 'risk', now });
    expect(overdue.rows.map((row) => byId.get(row.id))).toEqual(['5 days late', '2 days late']);
    const outsider = await listDemands({ actor: cast.saude, queue: 'all', filters: { departmentId: riskDepartment.id }, sort: 'risk', now });
    expect(outsider.rows).toEqual([]);
  });
});

describe('saved views', () => {
  it('are listed and applied for their owner, and shared ones for the same secretaria only', async () => {
    const saudeColleague = await createUser('department', { departments: ['saude'] });
    const personal = await saveView(cast.saude, { name: 'Minhas atrasadas', query: 'fila=atrasadas&ordem=risk&pagina=3&demanda=2026-000001-1&lixo=1', share: '' });
    expectOk(personal);
    const shared = await saveView(cast.saude, { name: 'Saúde por risco', query: 'fila=secretaria&ordem=risk&servico=ouvidoria', share: 'on' });
    expectOk(shared);

    const own = await listSavedViews({ actor: cast.saude });
    expect(own.map((view) => [view.name, view.query, view.own, view.departmentName])).toEqual([
      ['Minhas atrasadas', 'fila=atrasadas&ordem=risk', true, null],
      ['Saúde por risco', 'fila=secretaria&servico=ouvidoria&ordem=risk', true, (await department('saude')).name],
    ]);
    expect((await listSavedViews({ actor: saudeColleague })).map((view) => [view.name, view.own])).toEqual([['Saúde por risco', false]]);
    expect(await listSavedViews({ actor: cast.infraestrutura })).toEqual([]);
    expect(await getSavedView({ actor: cast.infraestrutura, id: shared.viewId })).toBeNull();
    expect(await getSavedView({ actor: saudeColleague, id: personal.viewId })).toBeNull();
    expect(await getSavedView({ actor: saudeColleague, id: shared.viewId })).toMatchObject({ name: 'Saúde por risco' });

    // Only who saved it deletes it; someone with no secretaria cannot share.
    expect(await deleteView(saudeColleague, { viewId: shared.viewId })).toMatchObject({ ok: false, status: 404 });
    expect(await saveView(cast.ombudsman, { name: 'Triagem', query: 'fila=triagem', share: 'on' })).toMatchObject({ ok: false, status: 400, fieldErrors: { share: [expect.any(String)] } });
    expectOk(await deleteView(cast.saude, { viewId: shared.viewId }));
    expect(await listSavedViews({ actor: saudeColleague })).toEqual([]);
  });

  it('never opens a queue the role does not have', async () => {
    const saved = await saveView(cast.manager, { name: 'Triagem do gestor', query: 'fila=triagem&ordem=risk', share: '' });
    expectOk(saved);
    expect(await getSavedView({ actor: cast.manager, id: saved.viewId })).toMatchObject({ query: 'fila=aguardando&ordem=risk' });
  });
});

describe('bulk actions', () => {
  it('assign every chosen demand with its own event, or none when one is refused', async () => {
    const saude = await department('saude');
    const infra = await department('infraestrutura');
    const filed = [await fileOuvidoria(), await fileOuvidoria(), await fileOuvidoria()];
    const [first, second, third] = filed.map((demand) => demand.id) as [string, string, string];
    for (const [id, departmentId] of [
      [first, saude.id],
      [second, saude.id],
      [third, infra.id],
    ] as const) {
      expectOk(await forwardDemand(cast.ombudsman, { demandId: id, departmentId, supportingDepartmentIds: [] }));
    }
    const before = await eventCount([first, second, third]);

    // The third is not Saúde's: the Saúde person cannot take it, so the first two stay unassigned too.
    const refused = await applyBulkAction(cast.ombudsman, { demandIds: [first, second, third], operation: 'assign', assigneeId: cast.saude.userId });
    expect(refused).toMatchObject({ ok: false, status: 400 });
    if (refused.ok) throw new Error('unreachable');
    expect(refused.error).toContain(filed[2]?.protocol);
    expect(refused.error).toContain('Nenhuma manifestação foi alterada');
    for (const id of [first, second, third]) expect((await demandRow(id)).assignedUserId).toBeNull();
    expect(await eventCount([first, second, third])).toBe(before);

    // A demand the actor may not see is refused without naming it.
    const hidden = await applyBulkAction(cast.saude, { demandIds: [first, third], operation: 'assign', assigneeId: cast.saude.userId });
    expect(hidden).toMatchObject({ ok: false, status: 404 });
    if (hidden.ok) throw new Error('unreachable');
    expect(hidden.error).not.toContain(filed[2]?.protocol);
    expect((await demandRow(first)).assignedUserId).toBeNull();

    expectOk(await applyBulkAction(cast.ombudsman, { demandIds: [first, second], operation: 'assign', assigneeId: cast.saude.userId }));
    for (const id of [first, second]) expect((await demandRow(id)).assignedUserId).toBe(cast.saude.userId);
    expect(await eventCount([first, second, third])).toBe(before + 2);

    const forwarded = await applyBulkAction(cast.ombudsman, { demandIds: [first, second], operation: 'forward', departmentId: infra.id });
    expectOk(forwarded);
    expect(forwarded.changed).toBe(2);
    const db = await getDb();
    const events = await db.select().from(demandEvents).where(inArray(demandEvents.demandId, [first, second])).orderBy(asc(demandEvents.id));
    expect(events.filter((event) => event.type === 'forwarded' && event.body.includes(infra.name))).toHaveLength(2);
    for (const id of [first, second]) expect((await demandRow(id)).departmentId).toBe(infra.id);
  });

  it('refuses an empty selection and a missing target with field messages', async () => {
    expect(await applyBulkAction(cast.ombudsman, { operation: 'assign', assigneeId: cast.saude.userId })).toMatchObject({ ok: false, fieldErrors: { demandIds: [expect.any(String)] } });
    expect(await applyBulkAction(cast.ombudsman, { demandIds: [crypto.randomUUID()], operation: 'forward' })).toMatchObject({ ok: false, fieldErrors: { departmentId: [expect.any(String)] } });
  });

  it('put an etiqueta on every chosen demand, or on none when one of them may not carry it', async () => {
    const saude = await department('saude');
    const infra = await department('infraestrutura');
    const [first, second, third] = [await fileOuvidoria(), await fileOuvidoria(), await fileOuvidoria()];
    if (!first || !second || !third) throw new Error('no demands');
    for (const [id, departmentId] of [
      [first.id, saude.id],
      [second.id, saude.id],
      [third.id, infra.id],
    ] as const) {
      expectOk(await forwardDemand(cast.ombudsman, { demandId: id, departmentId, supportingDepartmentIds: [] }));
    }
    const suffix = crypto.randomUUID().slice(0, 6);
    const global = await createTag(cast.admin as Actor, { name: `Reincidente ${suffix}`, departmentId: '' });
    const saudeOnly = await createTag(cast.admin as Actor, { name: `Vigilância ${suffix}`, departmentId: saude.id });
    expectOk(global);
    expectOk(saudeOnly);
    const db = await getDb();
    const tagged = async (tagId: string) => (await db.select({ demandId: demandTags.demandId }).from(demandTags).where(eq(demandTags.tagId, tagId))).map((r) => r.demandId).sort();

    // Saúde's etiqueta cannot go on Infraestrutura's demand: none of the three gets it.
    const refused = await applyBulkAction(cast.ombudsman, { demandIds: [first.id, second.id, third.id], operation: 'tag', tagId: saudeOnly.value.id });
    expect(refused).toMatchObject({ ok: false, status: 409 });
    if (refused.ok) throw new Error('unreachable');
    expect(refused.error).toContain(third.protocol);
    expect(refused.error).toContain('Nenhuma manifestação foi alterada');
    expect(await tagged(saudeOnly.value.id)).toEqual([]);

    const before = await eventCount([first.id, second.id, third.id]);
    const done = await applyBulkAction(cast.ombudsman, { demandIds: [first.id, second.id, third.id], operation: 'tag', tagId: global.value.id });
    expectOk(done);
    expect(done.changed).toBe(3);
    expect(await tagged(global.value.id)).toEqual([first.id, second.id, third.id].sort());
    expect(await eventCount([first.id, second.id, third.id])).toBe(before + 3);

    // The Saúde desk tags its own two with its etiqueta; the form asks for one when none is chosen.
    expectOk(await applyBulkAction(cast.saude, { demandIds: [first.id, second.id], operation: 'tag', tagId: saudeOnly.value.id }));
    expect(await tagged(saudeOnly.value.id)).toEqual([first.id, second.id].sort());
    expect(await applyBulkAction(cast.saude, { demandIds: [first.id], operation: 'tag' })).toMatchObject({ ok: false, fieldErrors: { tagId: [expect.any(String)] } });
  });

  it('mark the chosen demands as duplicates of the oldest (or of the protocol typed), all or none, and its answer answers them', async () => {
    const oldest = await fileOuvidoria({}, {}, new Date('2026-06-10T12:00:00Z'));
    const middle = await fileOuvidoria({}, {}, new Date('2026-06-11T12:00:00Z'));
    const newest = await fileOuvidoria({}, {}, new Date('2026-06-12T12:00:00Z'));
    const note = 'Já recebemos este mesmo pedido: acompanhe pela manifestação principal.';
    const db = await getDb();
    const outboxOf = async (demandId: string) => (await db.select({ id: outbox.id }).from(outbox).where(eq(outbox.demandId, demandId))).length;
    const noticesBefore = await outboxOf(middle.id);

    // A department desk does not mark duplicates; one row alone needs the main protocol; a short note is refused.
    expect(await applyBulkAction(cast.saude, { demandIds: [oldest.id, middle.id], operation: 'duplicate', note })).toMatchObject({ ok: false });
    expect(await applyBulkAction(cast.ombudsman, { demandIds: [middle.id], operation: 'duplicate', note })).toMatchObject({ ok: false, fieldErrors: { mainProtocol: [expect.any(String)] } });
    expect(await applyBulkAction(cast.ombudsman, { demandIds: [oldest.id, middle.id], operation: 'duplicate', note: 'curta' })).toMatchObject({ ok: false, fieldErrors: { note: [expect.any(String)] } });
    for (const demand of [oldest, middle, newest]) expect((await demandRow(demand.id)).duplicateOfId).toBeNull();

    // One of them already follows another main demand: nothing is linked.
    const elsewhere = await fileOuvidoria();
    expectOk(await applyBulkAction(cast.ombudsman, { demandIds: [newest.id], operation: 'duplicate', mainProtocol: elsewhere.protocol, note }));
    const refused = await applyBulkAction(cast.ombudsman, { demandIds: [oldest.id, middle.id, newest.id], operation: 'duplicate', note });
    expect(refused).toMatchObject({ ok: false });
    if (refused.ok) throw new Error('unreachable');
    expect(refused.error).toContain(newest.protocol);
    expect((await demandRow(middle.id)).duplicateOfId).toBeNull();

    // Without a protocol, the oldest chosen is the main one; each duplicate's citizen is told.
    const linked = await applyBulkAction(cast.ombudsman, { demandIds: [middle.id, oldest.id], operation: 'duplicate', note });
    expectOk(linked);
    expect(linked).toMatchObject({ changed: 1, mainProtocol: oldest.protocol });
    expect((await demandRow(middle.id)).duplicateOfId).toBe(oldest.id);
    expect((await demandRow(oldest.id)).duplicateOfId).toBeNull();
    expect(await outboxOf(middle.id)).toBe(noticesBefore + 1);

    // The main one's final answer answers its duplicate.
    expectOk(await sendFinalAnswer(cast.ombudsman, { demandId: oldest.id, body: 'O problema foi resolvido pela equipe da Saúde nesta semana.' }));
    expect((await demandRow(middle.id)).state).toBe('answered');
  });

  it('never tells a desk the protocol of a main demand it may not see, whether chosen as the oldest row or typed', async () => {
    // A denúncia filed first (the Balcão desk may not see it), then two Balcão requests.
    const denuncia = await fileOuvidoria({ kind: 'denunciation' }, {}, new Date('2026-06-01T12:00:00Z'));
    const first = await fileBalcao({}, {}, new Date('2026-06-02T12:00:00Z'));
    const second = await fileBalcao({}, {}, new Date('2026-06-03T12:00:00Z'));
    const note = 'Já recebemos este mesmo pedido: acompanhe pela manifestação principal.';

    // A forged post with the denúncia among the rows: it would be the oldest, so the main one.
    const chosen = await applyBulkAction(cast.attendant, { demandIds: [denuncia.id, first.id, second.id], operation: 'duplicate', note });
    const typed = await applyBulkAction(cast.attendant, { demandIds: [first.id, second.id], operation: 'duplicate', mainProtocol: denuncia.protocol, note });
    for (const refused of [chosen, typed]) {
      expect(refused).toMatchObject({ ok: false });
      if (refused.ok) throw new Error('unreachable');
      expect(refused.error).toContain('Manifestação principal não encontrada.');
      expect(JSON.stringify(refused)).not.toContain(denuncia.protocol);
    }
    for (const demand of [denuncia, first, second]) expect((await demandRow(demand.id)).duplicateOfId).toBeNull();
  });
});
