import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/migrate';
import { seedLargeDataset } from '@/lib/db/seed-large';
import { linkDuplicate } from '@/lib/demands/duplicates';
import { buildDashboard, changeOf, previousPeriodOf, type Dashboard } from '@/lib/stats/dashboard';
import { loadStatsDimensions } from '@/lib/stats/dimensions';
import { ALL_DEPARTMENTS, type StatsFilter } from '@/lib/stats/filters';
import { openDataPage } from '@/lib/stats/open-data';
import { refreshStatsRollups } from '@/lib/stats/rollup';
import { buildTables } from '@/lib/stats/tables';
import { listDemands } from '@/lib/db/queries/demand-queues';
import type { PermissionActor } from '@/lib/domain/permissions';
import { filtersFromSearch, queueFromSlug, QueueSearchSchema } from '@/lib/domain/queues';
import { balcaoCategory } from '../factories';
import { createCast, expectOk, fileBalcao, type Cast } from '../workspace-factories';

/**
 * The dashboard's first screen against plain SQL over the demands: the key figures and their change
 * against the previous period of the same length, problems against demands once duplicates are linked,
 * and per secretaria the share answered on time and the demand most overdue today (linked only for a
 * viewer who may open it).
 */

const NOW = new Date('2026-06-15T15:00:00Z');
const TODAY = '2026-06-15';
const SP = `'America/Sao_Paulo'`;
const RECEIVED_ON = `(d.created_at at time zone ${SP})::date`;
const FILTER: StatsFilter = { from: '2026-01-01', to: '2026-03-31' };

async function plain<T>(text: string): Promise<T[]> {
  return rowsOf<T>(await (await getDb()).execute(sql.raw(text)));
}

async function plainPeriod(from: string, to: string) {
  const [row] = await plain<{ received: string; problems: string; answered: string; on_time: string }>(`
    select count(*) as received, count(*) filter (where d.duplicate_of_id is null) as problems, count(d.answered_at) as answered,
      count(*) filter (where (d.answered_at at time zone ${SP})::date <= d.due_on) as on_time
    from demands d where ${RECEIVED_ON} between '${from}' and '${to}'`);
  return { received: Number(row?.received), problems: Number(row?.problems), answered: Number(row?.answered), onTime: Number(row?.on_time) };
}

const figure = (dashboard: Dashboard, id: string) => dashboard.figures.find((f) => f.id === id);

/** How many demands the workspace queue lists at a statistics link, page by page as a person would read them. */
async function queueTotal(href: string, actor: PermissionActor): Promise<number> {
  const url = new URL(href, 'http://ouvidoria.test');
  expect(url.pathname).toBe('/painel');
  const search = QueueSearchSchema.parse(Object.fromEntries(url.searchParams));
  // Every parameter of the link is one the queue reads (a misspelt one would be dropped silently).
  for (const [key, value] of url.searchParams) expect(String(search[key as keyof typeof search]), `${href}: ${key}`).toBe(value);
  let total = 0;
  for (let page = 1; ; page++) {
    const result = await listDemands({ actor, queue: queueFromSlug(search.fila, actor.role), filters: filtersFromSearch(search), page, now: NOW });
    total += result.rows.length;
    if (!result.hasNextPage) return total;
  }
}

let cast: Cast;
let linked: { main: string; duplicates: string[] };

beforeAll(async () => {
  const db = await getDb();
  await seedLargeDataset(db, { demands: 1500, years: 1, now: NOW, randomSeed: 0.13 });
  cast = await createCast();
  // Three neighbours report the same pothole in February: one problem, three demands.
  const february = new Date('2026-02-10T13:00:00Z');
  const main = await fileBalcao({ description: 'Buraco enorme na Rua Curuzu, em frente ao número 450.' }, {}, february);
  const second = await fileBalcao({ description: 'O mesmo buraco da Rua Curuzu, 450, já estourou um pneu.' }, {}, february);
  const third = await fileBalcao({ description: 'Buraco na Rua Curuzu perto do 450, perigoso para motos.' }, {}, february);
  const note = 'Já existe um pedido para este mesmo buraco; você receberá a resposta dele.';
  expectOk(await linkDuplicate(cast.attendant, { demandId: second.id, mainProtocol: main.protocol, note }));
  expectOk(await linkDuplicate(cast.attendant, { demandId: third.id, mainProtocol: main.protocol, note }));
  linked = { main: main.protocol, duplicates: [second.protocol, third.protocol] };
  // Whole months from the rollups, so the new measure is read from both the rollups and the facts.
  await refreshStatsRollups({ all: true, now: NOW });
}, 120_000);

describe('statistics dashboard', () => {
  it('compares each key figure with the previous period of the same length, as plain SQL counts them', async () => {
    expect(previousPeriodOf(FILTER)).toEqual({ from: '2025-10-03', to: '2025-12-31' });
    const dashboard = await buildDashboard({ query: { filter: FILTER, scope: ALL_DEPARTMENTS }, actor: cast.ombudsman, dimensions: await loadStatsDimensions(), now: NOW });
    const [current, previous] = [await plainPeriod('2026-01-01', '2026-03-31'), await plainPeriod('2025-10-03', '2025-12-31')];
    expect(current.received).toBeGreaterThan(100);
    expect(previous.received).toBeGreaterThan(100);

    const received = figure(dashboard, 'received');
    expect([received?.value, received?.previous]).toEqual([current.received, previous.received]);
    expect(received?.change?.direction).toBe(current.received > previous.received ? 'up' : current.received < previous.received ? 'down' : 'same');

    const onTime = figure(dashboard, 'on-time');
    expect(onTime?.value).toBeCloseTo(current.onTime / current.answered, 10);
    expect(onTime?.previous).toBeCloseTo(previous.onTime / previous.answered, 10);
    const points = ((onTime?.value ?? 0) - (onTime?.previous ?? 0)) * 100;
    expect(onTime?.change?.display).toBe(`${points > 0 ? '+' : '−'}${Math.abs(points).toLocaleString('pt-BR', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} p.p.`);
    expect(onTime?.change?.better).toBe(points > 0);

    const [overdue] = await plain<{ n: string }>(`select count(*) as n from demands d where d.state in ('received', 'forwarded', 'in_progress') and d.due_on < '${TODAY}'`);
    expect(figure(dashboard, 'overdue')?.value).toBe(Number(overdue?.n));
    expect(figure(dashboard, 'overdue')?.href).toBe('/painel?fila=atrasadas');
  });

  it('opens, from each linked number, the queue listing exactly the demands it counts', async () => {
    const query = { filter: FILTER, scope: ALL_DEPARTMENTS };
    const dashboard = await buildDashboard({ query, actor: cast.ombudsman, dimensions: await loadStatsDimensions(), now: NOW });
    const tables = await buildTables(['indicadores', 'pendentes', 'situacao', 'volume', 'canais', 'tipos', 'prioridades'], { query, granularity: 'month', linked: true, now: NOW });
    const links: { what: string; href: string; value: number }[] = [];
    for (const id of ['received', 'overdue']) {
      const key = figure(dashboard, id);
      if (key?.href && typeof key.value === 'number') links.push({ what: key.label, href: key.href, value: key.value });
    }
    for (const table of Object.values(tables)) {
      // A few numbers of each table (paging through hundreds of rows per cell would only repeat the same links).
      const cells = (table?.rows ?? []).flatMap((row) => row.slice(1).map((cell) => ({ label: row[0]?.display ?? '', cell })));
      const linked = cells.filter(({ cell }) => cell.href && typeof cell.value === 'number' && cell.value > 0 && cell.value <= 450).slice(0, 6);
      for (const { label, cell } of linked) links.push({ what: `${table?.title}: ${label}`, href: cell.href ?? '', value: Number(cell.value) });
    }
    const hrefs = links.map((link) => link.href);
    // The kinds of link a person follows: open, answered, one situation, overdue today, a month, a channel.
    for (const part of ['situacao=abertas', 'situacao=respondidas', 'situacao=awaiting_citizen', 'fila=atrasadas', 'de=2026-02-01&ate=2026-02-28', 'canal=']) {
      expect(hrefs.some((href) => href.includes(part)), part).toBe(true);
    }
    for (const link of links) expect(await queueTotal(link.href, cast.ombudsman), `${link.what} → ${link.href}`).toBe(link.value);
  }, 120_000);

  it('says fewer days to answer is better and more is worse', () => {
    expect(changeOf(8, 10, 'days', false)).toEqual({ display: '−2 dias', direction: 'down', better: true });
    expect(changeOf(0.5, 0.4, 'points', true)).toEqual({ display: '+10,0 p.p.', direction: 'up', better: true });
    expect(changeOf(120, 100, 'relative', null)).toEqual({ display: '+20,0%', direction: 'up', better: null });
    expect(changeOf(5, null, 'relative', null)).toBeNull();
  });

  it('counts distinct problems and demands both: linked duplicates are one problem, in the figures, per service and in the open data', async () => {
    const dashboard = await buildDashboard({ query: { filter: FILTER, scope: ALL_DEPARTMENTS }, actor: cast.ombudsman, dimensions: await loadStatsDimensions(), now: NOW });
    const current = await plainPeriod('2026-01-01', '2026-03-31');
    expect(current.received - current.problems).toBe(2);
    expect(figure(dashboard, 'problems')).toMatchObject({ value: current.problems, note: '2 manifestações ligadas como duplicadas' });
    expect(figure(dashboard, 'received')?.value).toBe(current.received);

    const pothole = await balcaoCategory('tapa-buraco');
    const tables = await buildTables(['assuntos', 'meses'], { query: { filter: FILTER, scope: ALL_DEPARTMENTS }, granularity: 'month', linked: false, now: NOW });
    const [expected] = await plain<{ received: string; problems: string }>(`
      select count(*) as received, count(*) filter (where d.duplicate_of_id is null) as problems from demands d
      where d.category_id = '${pothole.id}' and ${RECEIVED_ON} between '2026-01-01' and '2026-03-31'`);
    const row = tables.assuntos?.rows.find((cells) => cells[0]?.display === pothole.name);
    expect(tables.assuntos?.columns.at(-1)?.label).toBe('Problemas distintos');
    expect([row?.[1]?.value, row?.[3]?.value]).toEqual([Number(expected?.received), Number(expected?.problems)]);
    const february = tables.meses?.rows.find((cells) => cells[0]?.display.startsWith('fevereiro'));
    const [feb] = await plain<{ received: string; problems: string }>(`
      select count(*) as received, count(*) filter (where d.duplicate_of_id is null) as problems from demands d where ${RECEIVED_ON} between '2026-02-01' and '2026-02-28'`);
    expect([february?.[1]?.value, february?.at(-1)?.value]).toEqual([Number(feb?.received), Number(feb?.problems)]);

    const page = await openDataPage({ limit: 5000, year: 2026 });
    const byProtocol = new Map(page.rows.map((r) => [r.protocolo, r.duplicada_de]));
    expect(byProtocol.get(linked.main)).toBeNull();
    for (const protocol of linked.duplicates) expect(byProtocol.get(protocol)).toBe(linked.main);
  });

  it('shows per secretaria the share answered on time, the demand most overdue today and a six-month trend', async () => {
    const dashboard = await buildDashboard({ query: { filter: FILTER, scope: ALL_DEPARTMENTS }, actor: cast.ombudsman, dimensions: await loadStatsDimensions(), now: NOW });
    const shares = await plain<{ id: string | null; answered: string; on_time: string }>(`
      select d.department_id::text as id, count(d.answered_at) as answered, count(*) filter (where (d.answered_at at time zone ${SP})::date <= d.due_on) as on_time
      from demands d where ${RECEIVED_ON} between '2026-01-01' and '2026-03-31' group by 1`);
    for (const share of shares) {
      const row = dashboard.departments.find((d) => d.departmentId === share.id);
      expect([row?.answered, row?.answeredOnTime]).toEqual([Number(share.answered), Number(share.on_time)]);
    }
    const worst = await plain<{ id: string | null; protocol: string; late: number }>(`
      select distinct on (d.department_id) d.department_id::text as id, d.protocol, ('${TODAY}'::date - d.due_on)::int as late
      from demands d where d.state in ('received', 'forwarded', 'in_progress') and d.due_on < '${TODAY}'
      order by d.department_id, d.due_on, d.protocol`);
    expect(worst.length).toBeGreaterThan(1);
    for (const expected of worst) {
      const row = dashboard.departments.find((d) => d.departmentId === expected.id);
      expect(row?.worstOverdue).toEqual({ protocol: expected.protocol, daysLate: Number(expected.late), href: `/painel/demandas/${expected.protocol}` });
    }
    const someone = dashboard.departments.find((d) => d.answered > 0);
    expect(someone?.trend.map((t) => t.month)).toEqual(['2025-10-01', '2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01']);
    expect(someone?.trend.some((t) => t.rate !== null)).toBe(true);
  });

  it('links the worst overdue demand only for a viewer who may open it, and counts only a department user’s own secretarias', async () => {
    const dimensions = await loadStatsDimensions();
    // An admin sees the statistics but reads no demand: the protocol without a link.
    const forAdmin = await buildDashboard({ query: { filter: FILTER, scope: ALL_DEPARTMENTS }, actor: cast.admin, dimensions, now: NOW });
    const withWorst = forAdmin.departments.filter((d) => d.worstOverdue);
    expect(withWorst.length).toBeGreaterThan(0);
    for (const row of withWorst) expect(row.worstOverdue?.href).toBeUndefined();

    const infra = cast.infraestrutura.departmentIds[0] ?? '';
    const forDepartment = await buildDashboard({
      query: { filter: FILTER, scope: { departmentIds: cast.infraestrutura.departmentIds } },
      actor: cast.infraestrutura,
      dimensions,
      now: NOW,
    });
    expect(forDepartment.departments.map((d) => d.departmentId)).toEqual([infra]);
    const [own] = await plain<{ n: string }>(`select count(*) as n from demands d where d.department_id = '${infra}' and ${RECEIVED_ON} between '2026-01-01' and '2026-03-31'`);
    expect(figure(forDepartment, 'received')?.value).toBe(Number(own?.n));
    const worst = forDepartment.departments[0]?.worstOverdue;
    if (worst) expect(worst.href).toBe(`/painel/demandas/${worst.protocol}`);
  });
});
