import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/migrate';
import { seedLargeDataset } from '@/lib/db/seed-large';
import { fileDemand } from '@/lib/demands/intake';
import { ALL_DEPARTMENTS, type StatsFilter, type StatsQuery, type StatsScope } from '@/lib/stats/filters';
import {
  answerTimes,
  answerTimesBy,
  backlogByDepartment,
  recurringSubjects,
  summarize,
  summarizeBy,
  volumeOverTime,
} from '@/lib/stats/indicators';
import { refreshStatsRollups } from '@/lib/stats/rollup';
import { summarizeByTag } from '@/lib/stats/tag-indicators';
import { ouvidoriaInput } from '../factories';

/**
 * Every indicator the app computes (from demand_facts and the monthly rollups) must equal the same figure
 * computed by plain SQL over demands, demand_events and satisfaction_ratings, for several filters:
 * whole months (rollups), partial months and dirty months (facts), a department's scope, and filters
 * that no rollup grain keeps (facts only).
 */

const NOW = new Date('2026-06-15T15:00:00Z');
const SP = `'America/Sao_Paulo'`;

async function plain<T>(text: string): Promise<T[]> {
  return rowsOf<T>(await (await getDb()).execute(sql.raw(text)));
}

/** The WHERE clause of a filter over demands `d` (and its received date in São Paulo). */
function where(filter: StatsFilter, scope: StatsScope = ALL_DEPARTMENTS): string {
  const parts = [`(d.created_at at time zone ${SP})::date between '${filter.from}' and '${filter.to}'`];
  if (filter.service) parts.push(`d.service = '${filter.service}'`);
  if (filter.kind) parts.push(`d.kind = '${filter.kind}'`);
  if (filter.categoryId) parts.push(`d.category_id = '${filter.categoryId}'`);
  if (filter.departmentId) parts.push(`d.department_id = '${filter.departmentId}'`);
  if (filter.channel) parts.push(`d.channel = '${filter.channel}'`);
  if (filter.neighbourhoodId) parts.push(`d.neighbourhood_id = '${filter.neighbourhoodId}'`);
  if (filter.priority) parts.push(`d.priority = '${filter.priority}'`);
  if (scope.departmentIds !== 'all') parts.push(`d.department_id in (${scope.departmentIds.map((id) => `'${id}'`).join(', ') || 'null'})`);
  return parts.join(' and ');
}

const ANSWERED_ON = `(d.answered_at at time zone ${SP})::date`;
const RECEIVED_ON = `(d.created_at at time zone ${SP})::date`;

async function plainTotals(filter: StatsFilter, scope?: StatsScope) {
  const [row] = await plain<Record<string, string | number | null>>(`
    select count(*) as received,
      count(*) filter (where d.state in ('received', 'forwarded', 'in_progress', 'awaiting_citizen')) as open,
      count(d.answered_at) as answered,
      count(*) filter (where ${ANSWERED_ON} <= d.due_on) as on_time,
      count(*) filter (where d.extension_used) as extended,
      count(*) filter (where exists (select 1 from demand_events e where e.demand_id = d.id and e.type = 'info_requested')) as info_requested,
      (select count(*) from demand_events e join demands d on d.id = e.demand_id where e.type = 'info_requested' and ${where(filter, scope)}) as info_requests,
      count(*) filter (where d.reopen_count > 0) as reopened,
      count(r.demand_id) as rated,
      avg(r.rating) as rating_average,
      count(*) filter (where r.resolved) as resolved,
      count(*) filter (where d.state = 'closed') as closed,
      count(*) filter (where d.state = 'archived') as archived,
      count(*) filter (where d.state = 'awaiting_citizen') as awaiting
    from demands d left join satisfaction_ratings r on r.demand_id = d.id
    where ${where(filter, scope)}`);
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, v === null ? null : Number(v)]));
}

async function expectIndicatorsMatch(query: StatsQuery) {
  const { filter, scope } = query;
  const [totals, expected] = await Promise.all([summarize(query), plainTotals(filter, scope)]);
  expect(totals.received).toBe(expected.received);
  expect(totals.open).toBe(expected.open);
  expect(totals.answered).toBe(expected.answered);
  expect(totals.answeredOnTime).toBe(expected.on_time);
  expect(totals.onTimeRate).toBeCloseTo((expected.on_time ?? 0) / (expected.answered || 1), 10);
  expect(totals.extended).toBe(expected.extended);
  expect(totals.infoRequested).toBe(expected.info_requested);
  expect(totals.infoRequests).toBe(expected.info_requests);
  expect(totals.reopened).toBe(expected.reopened);
  expect(totals.rated).toBe(expected.rated);
  if (expected.rating_average === null) expect(totals.ratingAverage).toBeNull();
  else expect(totals.ratingAverage).toBeCloseTo(expected.rating_average ?? 0, 10);
  expect(totals.resolved).toBe(expected.resolved);
  expect(totals.byState.closed).toBe(expected.closed);
  expect(totals.byState.archived).toBe(expected.archived);
  expect(totals.byState.awaiting_citizen).toBe(expected.awaiting);

  const times = await answerTimes(query);
  const [percentiles] = await plain<{ median: number | null; p90: number | null; answered: string }>(`
    select percentile_disc(0.5) within group (order by ${ANSWERED_ON} - ${RECEIVED_ON}) as median,
      percentile_disc(0.9) within group (order by ${ANSWERED_ON} - ${RECEIVED_ON}) as p90, count(d.answered_at) as answered
    from demands d where d.answered_at is not null and ${where(filter, scope)}`);
  expect(times).toEqual({ answered: Number(percentiles?.answered), medianDays: percentiles?.median ?? null, p90Days: percentiles?.p90 ?? null });

  for (const [key, column] of [
    ['department', 'd.department_id'],
    ['channel', 'd.channel'],
    ['bairro', 'd.neighbourhood_id'],
    ['category', 'd.category_id'],
    ['kind', 'd.kind'],
    ['priority', 'd.priority'],
    ['month', `date_trunc('month', ${RECEIVED_ON})::date`],
  ] as const) {
    const groups = await summarizeBy(query, key);
    const expectedGroups = await plain<{ key: string | null; received: string; on_time: string; answered: string }>(`
      select ${column}::text as key, count(*) as received, count(d.answered_at) as answered, count(*) filter (where ${ANSWERED_ON} <= d.due_on) as on_time
      from demands d where ${where(filter, scope)} group by 1`);
    const byKey = (rows: { key: string | null; received: number; answered: number; onTime: number }[]) =>
      Object.fromEntries(rows.map((r) => [String(r.key), [r.received, r.answered, r.onTime]]));
    expect(byKey(groups.map((g) => ({ key: g.key, received: g.totals.received, answered: g.totals.answered, onTime: g.totals.answeredOnTime })))).toEqual(
      byKey(expectedGroups.map((g) => ({ key: g.key, received: Number(g.received), answered: Number(g.answered), onTime: Number(g.on_time) }))),
    );
  }

  const tagGroups = await summarizeByTag(query);
  expect(tagGroups.length).toBeGreaterThan(0);
  const expectedTags = await plain<{ key: string; received: string; answered: string; on_time: string; open: string; median: number | null }>(`
    select dt.tag_id::text as key, count(*) as received, count(d.answered_at) as answered, count(*) filter (where ${ANSWERED_ON} <= d.due_on) as on_time,
      count(*) filter (where d.state in ('received', 'forwarded', 'in_progress', 'awaiting_citizen')) as open,
      percentile_disc(0.5) within group (order by ${ANSWERED_ON} - ${RECEIVED_ON}) as median
    from demands d join demand_tags dt on dt.demand_id = d.id where ${where(filter, scope)} group by 1`);
  expect(Object.fromEntries(tagGroups.map((g) => [g.tagId, [g.totals.received, g.totals.answered, g.totals.answeredOnTime, g.totals.open, g.times.medianDays]]))).toEqual(
    Object.fromEntries(expectedTags.map((g) => [g.key, [Number(g.received), Number(g.answered), Number(g.on_time), Number(g.open), g.median]])),
  );

  for (const [key, column] of [
    ['department', 'd.department_id'],
    ['priority', 'd.priority'],
  ] as const) {
    const times = await answerTimesBy(query, key);
    const expectedTimes = await plain<{ key: string | null; median: number; p90: number }>(`
      select ${column}::text as key, percentile_disc(0.5) within group (order by ${ANSWERED_ON} - ${RECEIVED_ON}) as median,
        percentile_disc(0.9) within group (order by ${ANSWERED_ON} - ${RECEIVED_ON}) as p90
      from demands d where d.answered_at is not null and ${where(filter, scope)} group by 1`);
    for (const row of expectedTimes) expect(times.get(row.key)).toMatchObject({ medianDays: row.median, p90Days: row.p90 });
  }

  const volume = await volumeOverTime(query, 'month');
  const expectedVolume = await plain<{ period: string; received: string }>(`
    select date_trunc('month', ${RECEIVED_ON})::date::text as period, count(*) as received from demands d where ${where(filter, scope)} group by 1 order by 1`);
  expect(volume).toEqual(expectedVolume.map((v) => ({ period: v.period, received: Number(v.received) })));

  const recurring = await recurringSubjects(query, 5);
  const expectedRecurring = await plain<{ categoryId: string | null; neighbourhoodId: string | null; received: string; months: string }>(`
    select d.category_id as "categoryId", d.neighbourhood_id as "neighbourhoodId", count(*) as received,
      count(distinct date_trunc('month', ${RECEIVED_ON})) as months
    from demands d where ${where(filter, scope)} group by 1, 2 order by 3 desc, 4 desc, 1, 2 limit 5`);
  expect(recurring).toEqual(expectedRecurring.map((r) => ({ ...r, received: Number(r.received), months: Number(r.months) })));
}

let departmentIds: Record<string, string>;
let centro: string;

beforeAll(async () => {
  const db = await getDb();
  await seedLargeDataset(db, { demands: 2500, years: 2, now: NOW, randomSeed: 0.42 });
  // Staff set priorities and etiquetas after intake (the large seed writes neither): some of each, a demand
  // with two etiquetas, and one etiqueta of a secretaria.
  await plain(`update demands set priority = (array['high', 'elderly', 'elderly_80', 'legal'])[1 + protocol_sequence % 4]::demand_priority where protocol_sequence % 5 = 0`);
  await plain(`insert into tags (name, department_id) values ('Imprensa', null), ('Reincidente', null), ('Obras na via', (select id from departments where slug = 'infraestrutura'))`);
  await plain(`insert into demand_tags (demand_id, tag_id) select d.id, t.id from demands d join tags t on
    (t.name = 'Imprensa' and d.protocol_sequence % 7 = 0) or (t.name = 'Reincidente' and d.protocol_sequence % 3 = 0)
    or (t.name = 'Obras na via' and d.protocol_sequence % 4 = 0)`);
  await refreshStatsRollups({ all: true, now: NOW });
  departmentIds = Object.fromEntries((await plain<{ slug: string; id: string }>(`select slug, id from departments`)).map((d) => [d.slug, d.id]));
  centro = (await plain<{ id: string }>(`select id from neighbourhoods where name = 'Centro'`))[0]?.id ?? '';
}, 120_000);

describe('statistics indicators', () => {
  it('seed a dataset that looks like real demands, personal data included', async () => {
    const [counts] = await plain<Record<string, string>>(`
      select count(*) as demands, count(requester_name) as names, count(requester_email) as emails, count(requester_phone) as phones,
        count(requester_cpf) as cpfs, count(address_line) as addresses, count(distinct state) as states, count(distinct channel) as channels,
        count(*) filter (where extension_used) as extended, count(*) filter (where reopen_count > 0) as reopened,
        (select count(*) from satisfaction_ratings) as ratings, (select count(distinct type) from demand_events) as event_types
      from demands`);
    expect(Number(counts?.demands)).toBe(2500);
    for (const field of ['names', 'emails', 'phones', 'cpfs', 'addresses', 'extended', 'reopened', 'ratings']) expect(Number(counts?.[field])).toBeGreaterThan(0);
    expect(Number(counts?.states)).toBeGreaterThanOrEqual(6);
    expect(Number(counts?.event_types)).toBeGreaterThanOrEqual(10);
    const protocols = await plain<{ year: number; sequences: string; last: number }>(
      `select protocol_year as year, count(*) as sequences, max(protocol_sequence) as last from demands group by 1`,
    );
    for (const year of protocols) expect(Number(year.sequences)).toBe(year.last);
  });

  it('match plain SQL over whole months (read from the rollups)', async () => {
    await expectIndicatorsMatch({ filter: { from: '2025-01-01', to: '2026-05-31' }, scope: ALL_DEPARTMENTS });
  });

  it('match plain SQL over partial months and the month in progress (read from the facts)', async () => {
    await expectIndicatorsMatch({ filter: { from: '2025-03-17', to: '2026-06-15' }, scope: ALL_DEPARTMENTS });
  });

  it('match plain SQL within a department user’s scope and with filters', async () => {
    const scope = { departmentIds: [departmentIds['infraestrutura'] ?? '', departmentIds['meio-ambiente'] ?? ''] };
    await expectIndicatorsMatch({ filter: { from: '2024-07-01', to: '2026-06-15' }, scope });
    await expectIndicatorsMatch({ filter: { from: '2025-01-01', to: '2025-12-31', kind: 'complaint' }, scope: ALL_DEPARTMENTS });
    await expectIndicatorsMatch({ filter: { from: '2025-01-01', to: '2026-06-15', service: 'balcao', neighbourhoodId: centro }, scope: ALL_DEPARTMENTS });
  });

  it('match plain SQL when no rollup keeps every filtered dimension (channel and bairro)', async () => {
    await expectIndicatorsMatch({ filter: { from: '2024-07-01', to: '2026-06-15', channel: 'whatsapp', neighbourhoodId: centro }, scope: ALL_DEPARTMENTS });
  });

  it('match plain SQL filtered by priority, alone, within a scope (rollups) and with a bairro (facts)', async () => {
    const scope = { departmentIds: [departmentIds['infraestrutura'] ?? ''] };
    await expectIndicatorsMatch({ filter: { from: '2025-01-01', to: '2026-05-31', priority: 'elderly' }, scope: ALL_DEPARTMENTS });
    await expectIndicatorsMatch({ filter: { from: '2025-01-01', to: '2026-05-31', priority: 'normal' }, scope });
    await expectIndicatorsMatch({ filter: { from: '2024-07-01', to: '2026-06-15', priority: 'legal', neighbourhoodId: centro }, scope: ALL_DEPARTMENTS });
  });

  it('count the backlog and the overdue demands of today by department as plain SQL does', async () => {
    const rows = await backlogByDepartment({ filter: { from: '2026-01-01', to: '2026-06-15' }, scope: ALL_DEPARTMENTS }, NOW);
    const expected = await plain<{ departmentId: string | null; open: string; overdue: string }>(`
      select d.department_id::text as "departmentId", count(*) as open,
        count(*) filter (where d.state in ('received', 'forwarded', 'in_progress') and d.due_on < '2026-06-15') as overdue
      from demands d where d.state in ('received', 'forwarded', 'in_progress', 'awaiting_citizen') group by 1`);
    expect(Object.fromEntries(rows.map((r) => [String(r.departmentId), [r.open, r.overdue]]))).toEqual(
      Object.fromEntries(expected.map((r) => [String(r.departmentId), [Number(r.open), Number(r.overdue)]])),
    );
    expect(rows.reduce((sum, r) => sum + r.overdue, 0)).toBeGreaterThan(0);
  });

  it('count weeks as plain SQL does', async () => {
    const filter = { from: '2026-01-05', to: '2026-06-14' };
    const weeks = await volumeOverTime({ filter, scope: ALL_DEPARTMENTS }, 'week');
    const expected = await plain<{ period: string; received: string }>(`
      select date_trunc('week', ${RECEIVED_ON})::date::text as period, count(*) as received from demands d where ${where(filter)} group by 1 order by 1`);
    expect(weeks).toEqual(expected.map((w) => ({ period: w.period, received: Number(w.received) })));
  });

  it('stay exact the moment a demand changes, before and after the rollups are refreshed', async () => {
    const filter = { from: '2025-01-01', to: '2026-05-31' };
    const query = { filter, scope: ALL_DEPARTMENTS };
    const [target] = await plain<{ id: string }>(`
      select d.id from demands d where d.state = 'closed' and d.created_at between '2025-03-05' and '2025-03-25'
        and not exists (select 1 from satisfaction_ratings r where r.demand_id = d.id) order by d.protocol limit 1`);
    const before = await summarize(query);
    // As the workspace's use cases would: reopen, request information, answer again, rate.
    await plain(`update demands set state = 'in_progress', reopen_count = reopen_count + 1, answered_at = null where id = '${target?.id}'`);
    await plain(`insert into demand_events (demand_id, type, state_before, state_after, actor_label, visibility, created_at)
      values ('${target?.id}', 'info_requested', 'in_progress', 'awaiting_citizen', 'Ouvidoria', 'public', '2025-04-20T12:00:00Z')`);
    await plain(`insert into satisfaction_ratings (demand_id, rating, resolved) values ('${target?.id}', 2, false)`);
    const dirty = await plain<{ month: string }>(`select month::text as month from stats_dirty_months`);
    expect(dirty.map((d) => d.month)).toContain('2025-03-01');

    const after = await summarize(query);
    expect(after.answered).toBe(before.answered - 1);
    expect(after.rated).toBe(before.rated + 1);
    await expectIndicatorsMatch(query);

    const refreshed = await refreshStatsRollups({ now: NOW });
    expect(refreshed.months).toContain('2025-03-01');
    expect(await plain(`select month from stats_dirty_months where month <> '2026-06-01'`)).toEqual([]);
    expect(await summarize(query)).toEqual(after);
    await expectIndicatorsMatch(query);
  });

  it('count a demand filed through intake at once', async () => {
    const now = new Date('2026-06-15T14:00:00Z');
    const query = { filter: { from: '2026-06-15', to: '2026-06-15' }, scope: ALL_DEPARTMENTS };
    const before = await summarize(query);
    const filed = await fileDemand(ouvidoriaInput(), { channel: 'web' }, { now });
    expect(filed.ok).toBe(true);
    const after = await summarize(query);
    expect(after.received).toBe(before.received + 1);
    expect(after.byState.received).toBe(before.byState.received + 1);
  });

  it('keep every rollup grain equal to the same grouping of the raw demands', async () => {
    await refreshStatsRollups({ all: true, now: NOW });
    const mismatches = await plain<{ grain: number }>(`
      with raw as (
        select date_trunc('month', ${RECEIVED_ON})::date as month, d.service, d.kind, d.category_id, d.department_id, d.channel, d.neighbourhood_id, d.priority,
          count(*) as received, count(d.answered_at) as answered, count(*) filter (where ${ANSWERED_ON} <= d.due_on) as on_time, count(r.demand_id) as rated,
          coalesce(sum(r.rating), 0) as rating_sum
        from demands d left join satisfaction_ratings r on r.demand_id = d.id group by 1, 2, 3, 4, 5, 6, 7, 8
      ),
      expected as (
        select 4 as grain, month, service, kind, category_id, department_id, null::channel as channel, neighbourhood_id, null::demand_priority as priority,
          sum(received) received, sum(answered) answered, sum(on_time) on_time, sum(rated) rated, sum(rating_sum) rating_sum
        from raw group by month, service, kind, category_id, department_id, neighbourhood_id
        union all
        select 3, month, service, kind, category_id, department_id, channel, null::uuid, null, sum(received), sum(answered), sum(on_time), sum(rated), sum(rating_sum)
        from raw group by month, service, kind, category_id, department_id, channel
        union all
        select 1, month, service, kind, null::uuid, null::uuid, null::channel, null::uuid, null, sum(received), sum(answered), sum(on_time), sum(rated), sum(rating_sum)
        from raw group by month, service, kind
        union all
        select 10, month, service, kind, category_id, department_id, null::channel, null::uuid, priority, sum(received), sum(answered), sum(on_time), sum(rated), sum(rating_sum)
        from raw group by month, service, kind, category_id, department_id, priority
      ),
      actual as (
        select grain, month, service, kind, category_id, department_id, channel, neighbourhood_id, priority,
          received::numeric, answered::numeric, answered_on_time::numeric, rated::numeric, rating_sum::numeric
        from demand_stats_rollup where grain in (1, 3, 4, 10)
      )
      select grain from ((select * from expected except select * from actual) union all (select * from actual except select * from expected)) x`);
    expect(mismatches).toEqual([]);
  });

  it('keep the etiqueta grain equal to the raw demands counted once under each of their etiquetas', async () => {
    await refreshStatsRollups({ all: true, now: NOW });
    const mismatches = await plain<{ month: string }>(`
      with expected as (
        select date_trunc('month', ${RECEIVED_ON})::date as month, dt.tag_id, d.service, d.kind, d.category_id, d.department_id, d.priority,
          count(*)::int as received, count(d.answered_at)::int as answered
        from demands d join demand_tags dt on dt.demand_id = d.id group by 1, 2, 3, 4, 5, 6, 7
      ),
      actual as (select month, tag_id, service, kind, category_id, department_id, priority, received, answered from demand_stats_rollup where grain = 13)
      (select * from expected except select * from actual) union all (select * from actual except select * from expected)`);
    expect(mismatches).toEqual([]);
    expect(await plain(`select 1 from demand_stats_rollup where grain = 13 limit 1`)).toHaveLength(1);
  });
});
