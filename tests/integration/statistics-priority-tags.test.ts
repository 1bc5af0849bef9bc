import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/guards';
import { createTag } from '@/lib/admin/tags';
import { getDb } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/migrate';
import { setDemandPriority, setDemandTags } from '@/lib/demands/organisation';
import { sendFinalAnswer } from '@/lib/demands/resolution';
import { forwardDemand } from '@/lib/demands/triage';
import { statsScopeFor } from '@/lib/stats/access';
import { ALL_DEPARTMENTS, parseStatsFilter, type StatsFilter, type StatsScope } from '@/lib/stats/filters';
import { refreshStatsRollups } from '@/lib/stats/rollup';
import { buildTables, tableToCsvRows, type TableId } from '@/lib/stats/tables';
import { createCast, department, expectOk, fileOuvidoria, type Cast } from '../workspace-factories';

/**
 * Priority and etiquetas as statistics dimensions, as a user reads them in /painel/estatisticas/tabelas and
 * its CSV: three complaints received in February, two of them of a person over 60 (a legal priority), one
 * tagged "Imprensa" and "Obras na via", another "Imprensa" only. The numbers must be right the moment a
 * priority or an etiqueta changes, before and after the monthly rollups are refreshed.
 */

const NOW = new Date('2026-06-15T15:00:00Z');
const FEBRUARY: StatsFilter = { from: '2026-02-01', to: '2026-02-28' };
const day = (date: string) => new Date(`${date}T13:00:00Z`);

let cast: Cast;
let demandIds: string[];
let tagIds: { press: string; roadworks: string; clinic: string };

async function plain<T>(text: string): Promise<T[]> {
  return rowsOf<T>(await (await getDb()).execute(sql.raw(text)));
}

/** The departments a staff member's statistics count (lib/stats/access.ts). */
const scopeOf = (actor: { role: Actor['role']; departmentIds: readonly string[] }) => statsScopeFor({ role: actor.role, departmentIds: [...actor.departmentIds] });

async function newTag(name: string, departmentId: string | null = null) {
  const created = await createTag(cast.admin as Actor, { name, departmentId: departmentId ?? '' });
  if (!created.ok) throw new Error(JSON.stringify(created));
  return created.value.id;
}

/** Each row as the user reads it: the label and the displayed cells of the named columns. */
async function read(id: TableId, columns: string[], options: { filter?: StatsFilter; scope?: StatsScope } = {}) {
  const tables = await buildTables([id], { query: { filter: options.filter ?? FEBRUARY, scope: options.scope ?? ALL_DEPARTMENTS }, granularity: 'month', linked: true, now: NOW });
  const table = tables[id];
  if (!table) throw new Error(`no table ${id}`);
  const indexes = columns.map((label) => table.columns.findIndex((column) => column.label === label));
  expect(indexes).not.toContain(-1);
  return { table, rows: table.rows.map((row) => indexes.map((index) => row[index]?.display)) };
}

beforeAll(async () => {
  cast = await createCast();
  const infra = await department('infraestrutura');
  const saude = await department('saude');
  tagIds = { press: await newTag('Imprensa'), roadworks: await newTag('Obras na via', infra.id), clinic: await newTag('UBS', saude.id) };
  demandIds = [];
  for (const [index, date] of ['2026-02-03', '2026-02-10', '2026-02-17'].entries()) {
    const demand = await fileOuvidoria({ description: `Calçada quebrada na rua ${index + 1}, a cadeira de rodas não passa.` }, {}, day(date));
    expectOk(await forwardDemand(cast.ombudsman, { demandId: demand.id, departmentId: infra.id, supportingDepartmentIds: [] }, { now: day(date) }));
    demandIds.push(demand.id);
  }
  const [first = '', second = ''] = demandIds;
  expectOk(await setDemandPriority(cast.ombudsman, { demandId: first, priority: 'elderly' }, { now: day('2026-02-18') }));
  expectOk(await setDemandPriority(cast.infraestrutura, { demandId: second, priority: 'elderly' }, { now: day('2026-02-18') }));
  expectOk(await setDemandTags(cast.infraestrutura, { demandId: first, tagIds: [tagIds.press, tagIds.roadworks] }, { now: day('2026-02-18') }));
  expectOk(await setDemandTags(cast.ombudsman, { demandId: second, tagIds: [tagIds.press] }, { now: day('2026-02-18') }));
  // Answered 16 days after it came in, within the 30-day deadline.
  expectOk(await sendFinalAnswer(cast.ombudsman, { demandId: first, body: 'A calçada foi refeita pela equipe de obras nesta semana.' }, { now: day('2026-02-19') }));
}, 60_000);

describe('statistics by priority', () => {
  it('shows a table and a chart per priority, legal priorities named, with the same figures in the CSV', async () => {
    const { table, rows } = await read('prioridades', ['Prioridade', 'Recebidas', 'Respondidas', 'No prazo', 'Mediana até a resposta']);
    expect(rows).toEqual([
      ['Normal', '1', '0', '0', '—'],
      ['Pessoa idosa', '2', '1', '1', '16 dias'],
    ]);
    expect(table.description).toContain('Lei 10.741/2003');
    expect(tableToCsvRows(table).rows.map((row) => row.slice(0, 3))).toEqual([
      ['Normal', 1, 0],
      ['Pessoa idosa', 2, 1],
    ]);
    const chart = await read('prioridades-volume', ['Prioridade', 'Recebidas', '% do total']);
    expect(chart.table.title).toBe('Manifestações por prioridade');
    expect(chart.rows).toEqual([
      ['Normal', '1', '33,3%'],
      ['Pessoa idosa', '2', '66,7%'],
    ]);
  });

  it('filters every table by priority, from the query string as the filter form sends it', async () => {
    const { filter } = parseStatsFilter({ from: FEBRUARY.from, to: FEBRUARY.to, priority: 'elderly' }, NOW);
    expect(filter.priority).toBe('elderly');
    expect(parseStatsFilter({ priority: 'urgentissima' }, NOW).filter.priority).toBeUndefined();
    const { rows } = await read('indicadores', ['Indicador', 'Valor'], { filter });
    expect(rows).toContainEqual(['Manifestações recebidas', '2']);
    expect(rows).toContainEqual(['Respondidas (resposta conclusiva)', '1']);
  });

  it('follows a priority changed after intake, before and after the rollups are refreshed', async () => {
    await refreshStatsRollups({ all: true, now: NOW });
    const received = async () => (await read('prioridades', ['Prioridade', 'Recebidas'])).rows;
    expect(await received()).toEqual([
      ['Normal', '1'],
      ['Pessoa idosa', '2'],
    ]);
    // February is now read from the rollup (grain with priority); the change marks it dirty and is counted at once.
    expectOk(await setDemandPriority(cast.infraestrutura, { demandId: demandIds[2] ?? '', priority: 'legal' }, { now: NOW }));
    expect(await plain(`select month::text from stats_dirty_months where month = '2026-02-01'`)).toHaveLength(1);
    const expected = [
      ['Pessoa idosa', '2'],
      ['Prioridade legal (Lei 10.048)', '1'],
    ];
    expect(await received()).toEqual(expected);
    await refreshStatsRollups({ now: NOW });
    expect(await plain(`select month from stats_dirty_months where month = '2026-02-01'`)).toEqual([]);
    expect(await received()).toEqual(expected);
    expectOk(await setDemandPriority(cast.infraestrutura, { demandId: demandIds[2] ?? '', priority: 'normal' }, { now: NOW }));
  });
});

describe('statistics by etiqueta', () => {
  it('counts a demand under each of its etiquetas and says so', async () => {
    const { table, rows } = await read('etiquetas', ['Etiqueta', 'Secretaria da etiqueta', 'Recebidas', 'Em aberto', 'Respondidas', 'No prazo', 'Com atraso']);
    expect(rows).toEqual([
      ['Imprensa', 'Todas (etiqueta geral)', '2', '1', '1', '1', '0'],
      ['Obras na via', 'Secretaria Municipal de Infraestrutura', '1', '0', '1', '1', '0'],
    ]);
    expect(table.description).toContain('Uma manifestação com duas etiquetas conta nas duas');
    expect(table.rows[0]?.[2]?.href).toContain(`etiqueta=${tagIds.press}`);
    expect(tableToCsvRows(table).header.slice(0, 4)).toEqual(['Etiqueta', 'Secretaria da etiqueta', 'Recebidas', 'Em aberto']);
  });

  it('follows etiquetas put on and taken off at once, and the filters of the period', async () => {
    await refreshStatsRollups({ all: true, now: NOW });
    expectOk(await setDemandTags(cast.infraestrutura, { demandId: demandIds[2] ?? '', tagIds: [tagIds.roadworks] }, { now: NOW }));
    const received = async (options?: { filter?: StatsFilter }) => (await read('etiquetas', ['Etiqueta', 'Recebidas'], options)).rows;
    expect(await received()).toEqual([
      ['Imprensa', '2'],
      ['Obras na via', '2'],
    ]);
    expect(await received({ filter: { ...FEBRUARY, priority: 'elderly' } })).toEqual([
      ['Imprensa', '2'],
      ['Obras na via', '1'],
    ]);
    expect(await received({ filter: { from: '2026-03-01', to: '2026-03-31' } })).toEqual([]);
    await refreshStatsRollups({ all: true, now: NOW });
    expect(await received()).toEqual([
      ['Imprensa', '2'],
      ['Obras na via', '2'],
    ]);
    // February is read from the etiqueta grain now; taking an etiqueta off marks it dirty and counts at once.
    expectOk(await setDemandTags(cast.infraestrutura, { demandId: demandIds[2] ?? '', tagIds: [] }, { now: NOW }));
    expect(await plain(`select month::text from stats_dirty_months where month = '2026-02-01'`)).toHaveLength(1);
    const expected = [
      ['Imprensa', '2'],
      ['Obras na via', '1'],
    ];
    expect(await received()).toEqual(expected);
    await refreshStatsRollups({ now: NOW });
    expect(await received()).toEqual(expected);
    // With a channel filter, from the etiqueta grain that keeps channel and bairro (15).
    expect(await received({ filter: { ...FEBRUARY, channel: 'web' } })).toEqual(expected);
    expect(await received({ filter: { ...FEBRUARY, channel: 'whatsapp' } })).toEqual([]);
    const times = await read('etiquetas', ['Etiqueta', 'Mediana até a resposta'], { filter: { ...FEBRUARY, channel: 'web' } });
    expect(times.rows).toEqual((await read('etiquetas', ['Etiqueta', 'Mediana até a resposta'])).rows);
  });

  it('shows a secretaria’s etiquetas only to staff who may see that secretaria’s statistics', async () => {
    // An etiqueta that the health secretaria put on before the demand moved to infrastructure stays on it.
    await plain(`insert into demand_tags (demand_id, tag_id) values ('${demandIds[1]}', '${tagIds.clinic}')`);
    const names = async (scope: StatsScope) => (await read('etiquetas', ['Etiqueta', 'Recebidas'], { scope })).rows;
    expect(await names(ALL_DEPARTMENTS)).toEqual([
      ['Imprensa', '2'],
      ['Obras na via', '1'],
      ['UBS', '1'],
    ]);
    expect(await names(scopeOf(cast.manager))).toEqual(await names(ALL_DEPARTMENTS));
    expect(await names(scopeOf(cast.infraestrutura))).toEqual([
      ['Imprensa', '2'],
      ['Obras na via', '1'],
    ]);
    // Health staff count only their secretaria's demands: none of these.
    expect(await names(scopeOf(cast.saude))).toEqual([]);
    const scoped = await read('etiquetas', ['Etiqueta'], { scope: scopeOf(cast.infraestrutura) });
    expect(scoped.table.description).toContain('as das suas secretarias');
  });
});
