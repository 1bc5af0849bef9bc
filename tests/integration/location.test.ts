import { and, asc, count, eq, sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/migrate';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { categories, demandEvents, demands } from '@/lib/db/schema';
import { mapDemands } from '@/lib/db/queries/demand-map';
import { fileDemand } from '@/lib/demands/intake';
import { listPublicMapItems } from '@/lib/demands/public-map';
import { setDescriptionPublication } from '@/lib/demands/publication';
import { getRequest } from '@/lib/open311/georeport';
import { PublishDescriptionSchema } from '@/lib/domain/workspace-schemas';
import { aNeighbourhood, balcaoInput, ouvidoriaInput } from '../factories';
import { createUser, demandRow, expectOk, fileBalcao } from '../workspace-factories';

const PRACA_CORONEL_MOURA = { latitude: '-22.88581', longitude: '-48.44512' };
const LAVAPES = { latitude: '-22.8921', longitude: '-48.4312' };
const RURAL_ROAD = { latitude: '-22.95', longitude: '-48.35' };
const RUBIAO_JUNIOR = { latitude: '-22.889', longitude: '-48.5' };
const SAO_PAULO = { latitude: '-23.5505', longitude: '-46.6333' };

async function ouvidoriaSubject(slug: string) {
  const db = await getDb();
  const [row] = await db.select().from(categories).where(eq(categories.slug, slug));
  if (!row) throw new Error(`No seeded subject ${slug}`);
  return row;
}

async function demandCount() {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(demands);
  return row?.n ?? 0;
}

describe('location on the Balcão intake', () => {
  it('derives the bairro from the point, whatever bairro was chosen on the list', async () => {
    const lavapes = await aNeighbourhood('Lavapés');
    const centro = await aNeighbourhood('Centro');
    const filed = await fileBalcao({ ...PRACA_CORONEL_MOURA, neighbourhoodId: lavapes.id });
    const row = await demandRow(filed.id);
    expect(row).toMatchObject({ neighbourhoodId: centro.id, latitude: -22.88581, longitude: -48.44512 });
  });

  it('takes a point without a bairro from the list, and files it in the bairro the point is in', async () => {
    const filed = await fileBalcao({ ...LAVAPES, neighbourhoodId: '' });
    expect((await demandRow(filed.id)).neighbourhoodId).toBe((await aNeighbourhood('Lavapés')).id);
  });

  it('keeps the chosen bairro for a point in a part of the município with no drawn bairro', async () => {
    const vitoriana = await aNeighbourhood('Mina');
    const filed = await fileBalcao({ ...RURAL_ROAD, neighbourhoodId: vitoriana.id });
    expect(await demandRow(filed.id)).toMatchObject({ neighbourhoodId: vitoriana.id, latitude: -22.95 });
  });

  it('asks for the bairro when the point falls in no drawn bairro and none was chosen', async () => {
    const result = await fileDemand(await balcaoInput({ ...RURAL_ROAD, neighbourhoodId: '' }), { channel: 'web' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.neighbourhoodId).toEqual(['Não encontramos o bairro deste ponto no mapa: escolha o bairro na lista.']);
  });

  it('refuses a point outside the município in Portuguese and writes nothing', async () => {
    const before = await demandCount();
    const result = await fileDemand(await balcaoInput(SAO_PAULO), { channel: 'web' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.latitude).toEqual([expect.stringContaining('Este local fica fora do município de Botucatu')]);
    expect(await demandCount()).toBe(before);
  });

  it('asks for the bairro when there is neither a bairro nor a point, and for the whole point when half came', async () => {
    const none = await fileDemand(await balcaoInput({ neighbourhoodId: '' }), { channel: 'web' });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.fieldErrors.neighbourhoodId).toEqual(['Escolha o bairro.']);
    const half = await fileDemand(await balcaoInput({ latitude: '-22.88', longitude: '' }), { channel: 'web' });
    expect(half.ok).toBe(false);
    if (!half.ok) expect(half.fieldErrors.latitude).toEqual(['Marque o local no mapa de novo: faltou a latitude ou a longitude.']);
    const garbage = await fileDemand(await balcaoInput({ latitude: 'abc', longitude: '-48.4' }), { channel: 'web' });
    expect(garbage.ok).toBe(false);
  });
});

describe('location on the Ouvidoria intake', () => {
  it('keeps a point for a subject the município asks a place for, and drops it for others', async () => {
    const works = await ouvidoriaSubject('obras');
    const health = await ouvidoriaSubject('atendimento-saude');
    const placed = await fileDemand(ouvidoriaInput({ categoryId: works.id, ...PRACA_CORONEL_MOURA }), { channel: 'web' });
    expectOk(placed);
    expect(await demandRow(placed.demand.id)).toMatchObject({ latitude: -22.88581, longitude: -48.44512, neighbourhoodId: null });
    const unplaced = await fileDemand(ouvidoriaInput({ categoryId: health.id, ...PRACA_CORONEL_MOURA }), { channel: 'web' });
    expectOk(unplaced);
    expect(await demandRow(unplaced.demand.id)).toMatchObject({ latitude: null, longitude: null });
  });

  it('refuses a point outside the município on a subject that takes one', async () => {
    const works = await ouvidoriaSubject('obras');
    const result = await fileDemand(ouvidoriaInput({ categoryId: works.id, ...SAO_PAULO }), { channel: 'web' });
    expect(result.ok).toBe(false);
  });
});

describe('the public map', () => {
  it('shows open Balcão requests with a coarse point, and never an Ouvidoria demand, a confidential request, a name or free text', async () => {
    const secretDescription = 'Buraco enorme na frente da casa da senhora Iracema Prudente, número 77.';
    await fileBalcao({ ...PRACA_CORONEL_MOURA, name: 'Iracema Prudente', description: secretDescription });
    await fileBalcao({ ...RUBIAO_JUNIOR, neighbourhoodId: '', identity: 'confidential', name: 'Sigiloso da Silva', email: 'sigiloso@exemplo.com.br' });
    await fileBalcao({ neighbourhoodId: (await aNeighbourhood('Centro')).id });
    const works = await ouvidoriaSubject('obras');
    expectOk(await fileDemand(ouvidoriaInput({ categoryId: works.id, ...PRACA_CORONEL_MOURA, name: 'Ouvidoria Pessoa' }), { channel: 'web' }));
    expectOk(await fileDemand(ouvidoriaInput({ kind: 'denunciation', categoryId: works.id, ...LAVAPES }), { channel: 'web' }));

    const map = await listPublicMapItems({});
    const seen = JSON.stringify(map);
    expect(map.items.length).toBeGreaterThanOrEqual(1);
    for (const item of map.items) {
      expect(Object.keys(item).sort()).toEqual(['createdAt', 'description', 'neighbourhoodName', 'open', 'point', 'serviceName', 'stateLabel']);
      expect(item.description).toBeNull();
    }
    expect(map.items.some((item) => item.serviceName === 'Tapa-buraco' && item.neighbourhoodName === 'Centro')).toBe(true);
    expect(seen).not.toMatch(/Iracema|Sigiloso|Ouvidoria Pessoa|Maria da Silva|exemplo\.com|Buraco enorme|Demora no atendimento/);
    expect(seen).not.toContain('-22.88581');
    expect(map.items.every((item) => item.neighbourhoodName !== 'Rubião Júnior')).toBe(true);

    const db = await getDb();
    const publicCount = map.items.length;
    const [balcaoWithPoint] = await db.select({ n: count() }).from(demands).where(eq(demands.identity, 'identified'));
    expect(publicCount).toBeLessThanOrEqual(balcaoWithPoint?.n ?? 0);
  });

  it('filters by service and by bairro', async () => {
    await fileBalcao({ ...PRACA_CORONEL_MOURA });
    const centro = await aNeighbourhood('Centro');
    const lavapes = await aNeighbourhood('Lavapés');
    expect((await listPublicMapItems({ servico: 'tapa-buraco', bairro: centro.id })).items.length).toBeGreaterThanOrEqual(1);
    expect((await listPublicMapItems({ servico: 'poda-de-arvore' })).items.every((item) => item.serviceName === 'Poda de árvore')).toBe(true);
    expect((await listPublicMapItems({ bairro: lavapes.id })).items.every((item) => item.neighbourhoodName === 'Lavapés')).toBe(true);
  });
});

describe('a description staff mark publishable', () => {
  it('shows on the public map and in Open311 only while marked; the change is an internal movement', async () => {
    const [attendant, saude, ombudsman] = [await createUser('attendant'), await createUser('department', { departments: ['saude'] }), await createUser('ombudsman')];
    const text = 'Buraco na faixa de pedestres em frente ao ponto de ônibus da praça.';
    const demand = await fileBalcao({ ...LAVAPES, description: text });
    const onMap = async () => (await listPublicMapItems({ bairro: (await aNeighbourhood('Lavapés')).id })).items.filter((item) => item.description === text).length;
    const inOpen311 = async () => JSON.stringify(await getRequest(demand.protocol)).includes(text);
    expect(await onMap()).toBe(0);
    expect(await inOpen311()).toBe(false);

    // Who may not: a secretaria that does not hold it, the ombudsman (no Balcão desk), a bad value.
    expect(await setDescriptionPublication(saude, { demandId: demand.id, publishable: 'sim' })).toMatchObject({ ok: false, status: 404 });
    expect(await setDescriptionPublication(ombudsman, { demandId: demand.id, publishable: 'sim' })).toMatchObject({ ok: false, status: 403 });
    expect(await setDescriptionPublication(null, { demandId: demand.id, publishable: 'sim' })).toMatchObject({ ok: false, status: 401 });
    expect(await setDescriptionPublication(attendant, { demandId: demand.id, publishable: 'talvez' })).toMatchObject({ ok: false, status: 400 });
    expect(await onMap()).toBe(0);

    // As the demand page's form posts it: the action parses the form, the use case parses that again.
    expectOk(await setDescriptionPublication(attendant, PublishDescriptionSchema.parse({ demandId: demand.id, protocol: demand.protocol, publishable: 'sim' })));
    expect(await onMap()).toBe(1);
    expect(await inOpen311()).toBe(true);

    expectOk(await setDescriptionPublication(attendant, { demandId: demand.id, publishable: 'nao' }));
    expect(await onMap()).toBe(0);
    expect(await inOpen311()).toBe(false);

    const db = await getDb();
    const events = await db.select().from(demandEvents).where(and(eq(demandEvents.demandId, demand.id), eq(demandEvents.type, 'publication_changed'))).orderBy(asc(demandEvents.id));
    expect(events.map((e) => [e.visibility, e.actorUserId, (e.data as { publishable: boolean }).publishable])).toEqual([
      ['internal', attendant.userId, true],
      ['internal', attendant.userId, false],
    ]);
  });

  it('is refused for a confidential request, which never reaches the map', async () => {
    const attendant = await createUser('attendant');
    const demand = await fileBalcao({ ...LAVAPES, identity: 'confidential', name: 'Pessoa Sigilosa', email: 'sigilosa@exemplo.com.br' });
    expect(await setDescriptionPublication(attendant, { demandId: demand.id, publishable: 'sim' })).toMatchObject({ ok: false, status: 409 });
    expect((await demandRow(demand.id)).descriptionPublishable).toBe(false);
  });
});

describe('the staff map of a queue', () => {
  it('groups the demands a desk may see into markers that name their protocols, with the queue’s filters', async () => {
    const attendant = await createUser('attendant');
    const health = await createUser('department', { departments: ['saude'] });
    const a = await fileBalcao({ ...PRACA_CORONEL_MOURA });
    const b = await fileBalcao({ latitude: '-22.88575', longitude: '-48.44505' });
    const c = await fileBalcao({ ...LAVAPES });
    const works = await ouvidoriaSubject('obras');
    const ouvidoria = await fileDemand(ouvidoriaInput({ categoryId: works.id, ...PRACA_CORONEL_MOURA }), { channel: 'web' });
    expectOk(ouvidoria);

    const map = await mapDemands({ actor: attendant, queue: 'triage' });
    const protocols = map.clusters.flatMap((cluster) => cluster.protocols);
    expect(protocols).toEqual(expect.arrayContaining([a.protocol, b.protocol, c.protocol]));
    expect(protocols).not.toContain(ouvidoria.demand.protocol);
    const together = map.clusters.find((cluster) => cluster.protocols.includes(a.protocol));
    expect(together?.protocols).toContain(b.protocol);
    expect(together?.count).toBeGreaterThanOrEqual(2);

    const inLavapes = await mapDemands({ actor: attendant, queue: 'triage', filters: { neighbourhoodId: (await aNeighbourhood('Lavapés')).id } });
    const lavapesProtocols = inLavapes.clusters.flatMap((cluster) => cluster.protocols);
    expect(lavapesProtocols).toContain(c.protocol);
    expect(lavapesProtocols).not.toContain(a.protocol);

    // A department sees on the map only what it may see in the list: nothing forwarded to it here.
    const forHealth = await mapDemands({ actor: health, queue: 'department' });
    expect(forHealth.clusters).toEqual([]);
    expect(await mapDemands({ actor: null, queue: 'all' })).toMatchObject({ clusters: [], located: 0, truncated: false });
  });

  it('asks only for the visible area, and past a few demands counts them per cell with a way to a closer view', async () => {
    const attendant = await createUser('attendant');
    const a = await fileBalcao({ ...PRACA_CORONEL_MOURA });
    const b = await fileBalcao({ latitude: '-22.88575', longitude: '-48.44505' });
    const c = await fileBalcao({ ...LAVAPES });
    const centro = { south: -22.892, west: -48.452, north: -22.878, east: -48.438 };

    const inCentro = (protocol: string) => mapDemands({ actor: attendant, queue: 'triage', area: centro, filters: { protocol } });
    expect((await inCentro(a.protocol)).clusters.flatMap((cluster) => cluster.protocols)).toEqual([a.protocol]);
    expect((await inCentro(b.protocol)).clusters.flatMap((cluster) => cluster.protocols)).toEqual([b.protocol]);
    expect((await inCentro(c.protocol)).clusters).toEqual([]);
    expect((await inCentro(a.protocol)).cellDegrees).toBeLessThan(0.002);

    // The whole município, with the reading limit below what is there: cells with counts, no protocols.
    const everywhere = await mapDemands({ actor: attendant, queue: 'triage', demandLimit: 1 });
    expect(everywhere.located).toBeGreaterThanOrEqual(3);
    expect(everywhere.clusters.every((cluster) => cluster.protocols.length === 0)).toBe(true);
    const around = everywhere.clusters.find((cluster) => cluster.area.south <= -22.88581 && cluster.area.north > -22.88581 && cluster.area.west <= -48.44512 && cluster.area.east > -48.44512);
    expect(around?.count).toBeGreaterThanOrEqual(2);
    // The closer view of that cell names the demands again.
    const closer = await mapDemands({ actor: attendant, queue: 'triage', area: around?.area ?? centro });
    expect(closer.located).toBe(around?.count);
    const closerToA = await mapDemands({ actor: attendant, queue: 'triage', area: around?.area ?? centro, filters: { protocol: a.protocol } });
    expect(closerToA.clusters.flatMap((cluster) => cluster.protocols)).toEqual([a.protocol]);
  });
});

describe('the map counts kept by the database', () => {
  it('keep demand_map_cells equal to the located demands through filing, state and point changes, and the ombudsman’s map counts from them', async () => {
    const db = await getDb();
    const ombudsman = await createUser('ombudsman');
    const a = await fileBalcao({ ...PRACA_CORONEL_MOURA });
    const b = await fileBalcao({ ...LAVAPES });
    await db.update(demands).set({ state: 'in_progress' }).where(eq(demands.id, a.id));
    await db.update(demands).set({ latitude: -22.95, longitude: -48.35 }).where(eq(demands.id, b.id));
    await db.update(demands).set({ subject: 'Sem efeito no mapa' }).where(eq(demands.id, b.id));
    const kept = await db.execute(sql`select cell_y, cell_x, service::text, state::text, demands from demand_map_cells where demands <> 0 order by 1, 2, 3, 4`);
    const counted = await db.execute(
      sql`select floor(latitude * 1024)::int as cell_y, floor(longitude * 1024)::int as cell_x, service::text, state::text, count(*)::int as demands
          from demands where latitude is not null and longitude is not null group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
    );
    expect(rowsOf(kept)).toEqual(rowsOf(counted));

    const [located] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from demands where latitude is not null and longitude is not null`));
    const counts = await mapDemands({ actor: ombudsman, queue: 'all', demandLimit: 0 });
    expect(counts.located).toBe(located?.n);
    expect(counts.clusters.every((cluster) => cluster.protocols.length === 0)).toBe(true);
    const inProgress = await mapDemands({ actor: ombudsman, queue: 'all', filters: { states: ['in_progress'], protocol: undefined } });
    expect(inProgress.clusters.flatMap((cluster) => cluster.protocols)).toContain(a.protocol);
  });
});

describe('the statistics maps', () => {
  it('colours the bairros by the demands they received and grids the located Balcão requests of a service', async () => {
    const { buildStatsMaps } = await import('@/lib/stats/maps');
    const { loadStatsDimensions } = await import('@/lib/stats/dimensions');
    const { refreshStatsRollups } = await import('@/lib/stats/rollup');
    const now = new Date();
    await fileBalcao({ ...PRACA_CORONEL_MOURA }, {}, now);
    await fileBalcao({ latitude: '-22.8851', longitude: '-48.4449' }, {}, now);
    await refreshStatsRollups({ all: true });
    const today = now.toISOString().slice(0, 10);
    const dimensions = await loadStatsDimensions();
    const pothole = dimensions.categories.find((c) => c.name === 'Tapa-buraco');
    const maps = await buildStatsMaps({ filter: { from: '2020-01-01', to: today, categoryId: pothole?.id }, scope: { departmentIds: 'all' } }, dimensions);
    if (!maps) throw new Error('Botucatu has drawn bairros: the maps must be built');
    const centro = maps.areas.find((area) => area.name === 'Centro');
    expect(centro?.received).toBeGreaterThanOrEqual(2);
    expect(centro?.path).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(maps.heat.serviceName).toBe('Tapa-buraco');
    expect(maps.heat.located).toBeGreaterThanOrEqual(2);
    expect(maps.heat.cells.length).toBeGreaterThan(0);
    const health = await createUser('department', { departments: ['saude'] });
    const scoped = await buildStatsMaps({ filter: { from: '2020-01-01', to: today }, scope: { departmentIds: health.departmentIds } }, dimensions);
    expect(scoped?.heat.located).toBe(0);
  });
});
