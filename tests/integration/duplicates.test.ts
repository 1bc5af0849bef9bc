import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { demandEvents, outbox } from '@/lib/db/schema';
import { fileFollowingDemand, linkDuplicate, suggestDuplicates, unlinkDuplicate } from '@/lib/demands/duplicates';
import { sendFinalAnswer } from '@/lib/demands/resolution';
import { postPublicReply } from '@/lib/demands/staff-messages';
import { balcaoCategory, balcaoInput } from '../factories';
import { createCast, demandRow, expectOk, fileBalcao, type Cast } from '../workspace-factories';

// A point in the centre of Botucatu, and one ~30 m north and one ~400 m north of it.
const HERE = { latitude: -22.8858, longitude: -48.445 };
const NEAR = { latitude: HERE.latitude + 0.00027, longitude: HERE.longitude };
const FAR = { latitude: HERE.latitude + 0.0036, longitude: HERE.longitude };

async function eventsOf(demandId: string) {
  return (await getDb()).select().from(demandEvents).where(eq(demandEvents.demandId, demandId)).orderBy(asc(demandEvents.id));
}

async function outboxOf(demandId: string, template: string) {
  return (await getDb()).select().from(outbox).where(and(eq(outbox.demandId, demandId), eq(outbox.template, template)));
}

let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

describe('"Já pediram isto aqui perto"', () => {
  it('finds open requests of the same service nearby or with a similar description, not far ones or other services', async () => {
    const pothole = await balcaoCategory('tapa-buraco');
    const lamp = await balcaoCategory('iluminacao-publica');
    const near = await fileBalcao({ ...NEAR, description: 'Cratera enorme na pista perto do ponto de ônibus da escola.' });
    const far = await fileBalcao({ ...FAR, description: 'Asfalto afundado na esquina do mercado, bem no meio da rua.' });
    const otherService = await fileBalcao({ ...NEAR, categoryId: lamp.id, details: { problem: 'Lâmpada apagada' }, description: 'Poste apagado há uma semana na frente da escola.' });
    const similar = await fileBalcao({ description: 'Buraco enorme na Rua Curuzu em frente ao número 450, perigoso para motos.' });

    const byPoint = await suggestDuplicates({ categoryId: pothole.id, ...HERE, description: '' });
    expect(byPoint.map((s) => s.protocol)).toContain(near.protocol);
    expect(byPoint.map((s) => s.protocol)).not.toContain(far.protocol);
    expect(byPoint.map((s) => s.protocol)).not.toContain(otherService.protocol);
    const nearOne = byPoint.find((s) => s.protocol === near.protocol);
    expect(nearOne?.distanceMeters).toBeGreaterThan(20);
    expect(nearOne?.distanceMeters).toBeLessThan(50);
    // Only what a stranger may see.
    expect(Object.keys(nearOne ?? {}).sort()).toEqual(['createdAt', 'distanceMeters', 'followers', 'id', 'neighbourhoodName', 'protocol', 'similarity', 'state']);

    const byText = await suggestDuplicates({ categoryId: pothole.id, description: 'Buraco enorme na Rua Curuzu em frente ao 450' });
    expect(byText.map((s) => s.protocol)).toContain(similar.protocol);
    expect(byText.map((s) => s.protocol)).not.toContain(far.protocol);
    expect(await suggestDuplicates({ categoryId: lamp.id, description: 'Buraco enorme na Rua Curuzu em frente ao 450' })).toEqual([]);
  });

  it('follows the service radius: a wider radius finds the far one too', async () => {
    const pothole = await balcaoCategory('tapa-buraco');
    const db = await getDb();
    const far = await fileBalcao({ ...FAR, description: 'Outro buraco distante, depois da praça central.' });
    const { categories } = await import('@/lib/db/schema');
    const { catalogueChanged } = await import('@/lib/db/queries/catalogue-cache');
    await db.update(categories).set({ duplicateRadiusMeters: 1000 }).where(eq(categories.id, pothole.id));
    await catalogueChanged(db);
    try {
      expect((await suggestDuplicates({ categoryId: pothole.id, ...HERE })).map((s) => s.protocol)).toContain(far.protocol);
    } finally {
      await db.update(categories).set({ duplicateRadiusMeters: 50 }).where(eq(categories.id, pothole.id));
      await catalogueChanged(db);
    }
  });
});

describe('a citizen joins an open request', () => {
  it('files their own demand linked to the main one, with their own protocol and deadline, and hears of its movements', async () => {
    const main = await fileBalcao({ ...HERE, description: 'Buraco na rua em frente à escola estadual.' });
    const joined = await fileFollowingDemand(await balcaoInput({ ...NEAR, name: 'Ana Vizinha', email: 'ana.vizinha@exemplo.com.br', phone: '' }), { channel: 'web' }, main.id);
    expectOk(joined);
    expect(joined.demand.protocol).not.toBe(main.protocol);
    const row = await demandRow(joined.demand.id);
    expect(row.duplicateOfId).toBe(main.id);
    expect(row.dueOn).toBe(joined.demand.dueOn);
    expect((await eventsOf(joined.demand.id)).map((e) => e.type)).toEqual(['received', 'duplicate_linked']);
    expect((await eventsOf(main.id)).map((e) => [e.type, e.visibility])).toContainEqual(['duplicate_linked', 'internal']);

    expectOk(await postPublicReply(cast.attendant, { demandId: main.id, body: 'Equipe agendada para quinta-feira.' }));
    const followerNotice = await outboxOf(joined.demand.id, 'public_reply');
    expect(followerNotice).toEqual([
      expect.objectContaining({ recipient: 'ana.vizinha@exemplo.com.br', payload: expect.objectContaining({ protocol: joined.demand.protocol, body: 'Equipe agendada para quinta-feira.' }) }),
    ]);
  });

  it('refuses to join a request that is already answered', async () => {
    const main = await fileBalcao();
    expectOk(await sendFinalAnswer(cast.attendant, { demandId: main.id, body: 'Buraco tapado pela equipe de manutenção.' }));
    const joined = await fileFollowingDemand(await balcaoInput(), { channel: 'web' }, main.id);
    expect(joined.ok).toBe(false);
  });
});

describe('staff link duplicates', () => {
  it('links with a public note, answers every linked demand once and notifies each requester on their own channel', async () => {
    const main = await fileBalcao({ email: 'primeiro@exemplo.com.br' });
    const second = await fileBalcao({ name: 'Segunda Pessoa', email: 'segunda@exemplo.com.br', phone: '' });
    const third = await fileBalcao({ name: 'Terceira Pessoa', phone: '(14) 99777-1234', email: '' });

    const note = 'Já existe um pedido para este mesmo buraco; você receberá a resposta dele.';
    expectOk(await linkDuplicate(cast.attendant, { demandId: second.id, mainProtocol: main.protocol, note }));
    expectOk(await linkDuplicate(cast.attendant, { demandId: third.id, mainProtocol: main.protocol.replaceAll('-', ''), note }));

    const secondEvents = await eventsOf(second.id);
    expect(secondEvents.at(-1)).toMatchObject({ type: 'duplicate_linked', visibility: 'public', body: note });
    expect((await eventsOf(main.id)).filter((e) => e.type === 'duplicate_linked')).toHaveLength(2);
    expect(await outboxOf(second.id, 'public_reply')).toEqual([expect.objectContaining({ recipient: 'segunda@exemplo.com.br', payload: expect.objectContaining({ body: note }) })]);

    // A duplicate of a duplicate is refused: links stay one level deep.
    const fourth = await fileBalcao();
    const chained = await linkDuplicate(cast.attendant, { demandId: fourth.id, mainProtocol: second.protocol, note });
    expect(chained).toMatchObject({ ok: false, status: 400, fieldErrors: { mainProtocol: [expect.stringContaining('principal')] } });
    // A department user may not link.
    expect(await linkDuplicate(cast.infraestrutura, { demandId: fourth.id, mainProtocol: main.protocol, note })).toMatchObject({ ok: false });

    const answer = 'O buraco foi tapado pela equipe de manutenção nesta manhã.';
    expectOk(await sendFinalAnswer(cast.attendant, { demandId: main.id, body: answer }));
    for (const demand of [main, second, third]) {
      const row = await demandRow(demand.id);
      expect(row.state).toBe('answered');
      expect((await eventsOf(demand.id)).filter((e) => e.type === 'answered')).toEqual([expect.objectContaining({ body: answer, visibility: 'public' })]);
    }
    expect(await outboxOf(main.id, 'final_answer')).toEqual(expect.arrayContaining([expect.objectContaining({ channel: 'email', recipient: 'primeiro@exemplo.com.br' })]));
    expect(await outboxOf(second.id, 'final_answer')).toEqual([expect.objectContaining({ channel: 'email', recipient: 'segunda@exemplo.com.br', payload: expect.objectContaining({ protocol: second.protocol }) })]);
    expect(await outboxOf(third.id, 'final_answer')).toEqual([expect.objectContaining({ channel: 'whatsapp', recipient: '+5514997771234', payload: expect.objectContaining({ protocol: third.protocol }) })]);
  });

  it('un-links with a reason logged on both demands; the main answer then leaves it alone', async () => {
    const main = await fileBalcao();
    const other = await fileBalcao();
    expectOk(await linkDuplicate(cast.attendant, { demandId: other.id, mainProtocol: main.protocol, note: 'Mesmo poste, mesmo endereço informado.' }));
    expectOk(await unlinkDuplicate(cast.attendant, { demandId: other.id, reason: 'Na verdade são dois postes diferentes na mesma rua.' }));
    expect((await demandRow(other.id)).duplicateOfId).toBeNull();
    expect((await eventsOf(other.id)).at(-1)).toMatchObject({ type: 'duplicate_unlinked', visibility: 'public', actorUserId: cast.attendant.userId });
    expect((await eventsOf(main.id)).at(-1)).toMatchObject({ type: 'duplicate_unlinked', visibility: 'internal' });
    expect(await unlinkDuplicate(cast.attendant, { demandId: other.id, reason: 'De novo, por engano de clique.' })).toMatchObject({ ok: false, status: 409 });

    expectOk(await sendFinalAnswer(cast.attendant, { demandId: main.id, body: 'Lâmpada trocada pela equipe de iluminação.' }));
    expect((await demandRow(other.id)).state).toBe('received');
  });
});
