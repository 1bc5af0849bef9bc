/**
 * p50/p95 of every dashboard and transparency query on the database DATABASE_URL names — meant for the
 * one `npm run db:seed:large` filled (a million demands). Each query runs under several filters (the
 * default last twelve months, three whole years, a department user's scope, one and two dimensions,
 * including the combinations that fall back to the facts), as the current month, always being written
 * to, is read from the facts.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/stats_large npm run bench:stats
 *
 * The seed writes no priority and no etiqueta: for the run, 1 in 20 demands gets the elderly priority, 1 in 50
 * "alta" and 1 in 100 the Lei 10.048 one, and three etiquetas go on 1 in 20, 1 in 25 and 1 in 100 demands
 * (some carry two); the rollups are refreshed after, and both are undone (and refreshed) at the end.
 *
 * With DATABASE_REPLICA_URL (a streaming replica of that server) the queries read from the replica, as
 * the app's do; the setup writes (the current month marked dirty) go to the primary and reach it by
 * replication.
 */
import { sql } from 'drizzle-orm';
import { closeDb, postgresDatabase, setDatabase } from '@/lib/db/client';
import { rowsOf } from '@/lib/db/migrate';
import { dateInSaoPaulo } from '@/lib/domain/deadlines';
import { ALL_DEPARTMENTS, defaultPeriod, type StatsFilter, type StatsQuery } from '@/lib/stats/filters';
import {
  answerTimes,
  answerTimesBy,
  backlogByDepartment,
  onTimeByDepartmentAndMonth,
  recurringSubjects,
  summarize,
  summarizeBy,
  volumeOverTime,
  worstOverdueByDepartment,
} from '@/lib/stats/indicators';
import { previousPeriodOf, trendMonths } from '@/lib/stats/dashboard';
import { openDataPage } from '@/lib/stats/open-data';
import { informationRequestYears } from '@/lib/stats/information-requests';
import { refreshStatsRollups } from '@/lib/stats/rollup';
import { summarizeByTag } from '@/lib/stats/tag-indicators';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to the database filled by npm run db:seed:large.');
  const { database, close } = postgresDatabase(url, { max: 4 });
  setDatabase(database, close);
  const db = database;
  const [{ demands }] = rowsOf<{ demands: number }>(await db.execute(sql`select count(*)::int as demands from demands`)) as [{ demands: number }];
  const pick = async (table: string, where: string) =>
    rowsOf<{ id: string }>(await db.execute(sql.raw(`select id from ${table} where ${where} limit 1`)))[0]?.id ?? '';
  const infraestrutura = await pick('departments', `slug = 'infraestrutura'`);
  const saude = await pick('departments', `slug = 'saude'`);
  const centro = await pick('neighbourhoods', `name = 'Centro'`);
  const tapaBuraco = await pick('categories', `slug = 'tapa-buraco'`);

  const organised = Date.now().toString(36);
  let since = performance.now();
  await db.execute(sql`update demands set priority = case abs(hashtext(id::text)) % 100 when 11 then 'legal' when 12 then 'high' when 13 then 'high' else 'elderly' end::demand_priority
    where abs(hashtext(id::text)) % 100 in (11, 12, 13) or abs(hashtext(id::text)) % 20 = 3`);
  await db.execute(sql`insert into tags (name, department_id) values (${`Bench imprensa ${organised}`}, null), (${`Bench reincidente ${organised}`}, null), (${`Bench obras ${organised}`}, ${infraestrutura})`);
  await db.execute(sql`insert into demand_tags (demand_id, tag_id) select d.id, t.id from demands d join tags t on t.name like ${`Bench % ${organised}`} and (
      (t.name like 'Bench imprensa%' and abs(hashtext(d.id::text)) % 20 = 5) or (t.name like 'Bench reincidente%' and abs(hashtext(d.id::text)) % 50 in (5, 6))
      or (t.name like 'Bench obras%' and abs(hashtext(d.id::text)) % 100 = 17))`);
  await refreshStatsRollups({ db });
  // The update and the refresh rewrote a tenth of the facts and every rollup row: measure on vacuumed tables,
  // as the app reads them once autovacuum has passed (not where it is off).
  await db.execute(sql`vacuum analyze demands, demand_facts, demand_tags, demand_stats_rollup, stats_dirty_months`);
  console.log(`Prioridades e etiquetas da execução, agregados refeitos: ${((performance.now() - since) / 1000).toFixed(1)} s`);

  // The month in progress is always being written to: the benchmark reads it from the facts, as the app does.
  const now = new Date();
  await db.execute(sql`insert into stats_dirty_months (month) values (${`${dateInSaoPaulo(now).slice(0, 7)}-01`}::date) on conflict do nothing`);

  const twelveMonths = defaultPeriod(now);
  const threeYears = { from: `${Number(twelveMonths.to.slice(0, 4)) - 3}${twelveMonths.to.slice(4)}`, to: twelveMonths.to };
  const lastYear = { from: `${Number(twelveMonths.to.slice(0, 4)) - 1}-01-01`, to: `${Number(twelveMonths.to.slice(0, 4)) - 1}-12-31` };
  const scenarios: { name: string; query: StatsQuery }[] = [
    { name: 'últimos 12 meses', query: { filter: twelveMonths, scope: ALL_DEPARTMENTS } },
    { name: '3 anos', query: { filter: threeYears, scope: ALL_DEPARTMENTS } },
    { name: 'ano anterior (transparência)', query: { filter: lastYear, scope: ALL_DEPARTMENTS } },
    { name: 'secretaria (escopo)', query: { filter: twelveMonths, scope: { departmentIds: [infraestrutura] } } },
    { name: 'saúde + reclamação', query: { filter: { ...twelveMonths, departmentId: saude, kind: 'complaint' }, scope: ALL_DEPARTMENTS } },
    { name: 'bairro Centro, 3 anos', query: { filter: { ...threeYears, neighbourhoodId: centro }, scope: ALL_DEPARTMENTS } },
    { name: 'canal WhatsApp, 3 anos', query: { filter: { ...threeYears, channel: 'whatsapp' }, scope: ALL_DEPARTMENTS } },
    { name: 'WhatsApp + Centro (fatos)', query: { filter: { ...threeYears, channel: 'whatsapp', neighbourhoodId: centro }, scope: ALL_DEPARTMENTS } },
    { name: 'prioridade pessoa idosa, 12 meses', query: { filter: { ...twelveMonths, priority: 'elderly' }, scope: ALL_DEPARTMENTS } },
    { name: 'tapa-buraco, datas quebradas', query: { filter: { from: `${twelveMonths.from.slice(0, 8)}15`, to: twelveMonths.to, categoryId: tapaBuraco } as StatsFilter, scope: ALL_DEPARTMENTS } },
  ];
  const sixMonths = (q: StatsQuery): StatsQuery => ({ ...q, filter: { ...q.filter, from: new Date(Date.parse(q.filter.to) - 180 * 86_400_000).toISOString().slice(0, 10) } });
  const complaints = (q: StatsQuery): StatsQuery => ({ ...q, filter: { ...q.filter, kind: 'complaint' } });

  const queries: { name: string; run: (q: StatsQuery) => Promise<unknown> }[] = [
    { name: 'totais (volume, situação, prazos, prorrogações, complementações, reabertura, satisfação)', run: (q) => summarize(q) },
    { name: 'volume por mês', run: (q) => volumeOverTime(q, 'month') },
    { name: 'volume por semana (6 meses)', run: (q) => volumeOverTime(sixMonths(q), 'week') },
    { name: 'mediana e p90 de dias até a resposta', run: (q) => answerTimes(q) },
    { name: 'pendentes e em atraso agora por secretaria', run: (q) => backlogByDepartment(q, now) },
    // The dashboard's first screen: the totals of the previous period of the same length, the worst overdue
    // demand per secretaria and the six-month on-time trend per secretaria (the rest are the cases above).
    { name: 'painel: totais do período anterior', run: (q) => summarize({ ...q, filter: { ...q.filter, ...previousPeriodOf(q.filter) } }) },
    { name: 'painel: maior atraso por secretaria', run: (q) => worstOverdueByDepartment(q, now) },
    { name: 'painel: no prazo por secretaria e mês (6 meses)', run: (q) => onTimeByDepartmentAndMonth({ ...q, filter: { ...q.filter, from: trendMonths(q.filter.to)[0] ?? q.filter.from } }) },
    { name: 'indicadores por secretaria', run: (q) => summarizeBy(q, 'department') },
    { name: 'mediana/p90 por secretaria', run: (q) => answerTimesBy(q, 'department') },
    { name: 'indicadores por mês', run: (q) => summarizeBy(q, 'month') },
    { name: 'mediana/p90 por mês', run: (q) => answerTimesBy(q, 'month') },
    { name: 'tipos', run: (q) => summarizeBy(q, 'kind') },
    { name: 'canais', run: (q) => summarizeBy(q, 'channel') },
    { name: 'assuntos', run: (q) => summarizeBy(q, 'category') },
    { name: 'bairros', run: (q) => summarizeBy(q, 'bairro') },
    { name: 'assuntos recorrentes (assunto × bairro)', run: (q) => recurringSubjects(q) },
    { name: 'indicadores por prioridade', run: (q) => summarizeBy(q, 'priority') },
    { name: 'mediana/p90 por prioridade', run: (q) => answerTimesBy(q, 'priority') },
    { name: 'indicadores por etiqueta', run: (q) => summarizeByTag(q) },
    { name: 'ranking de secretarias por reclamações', run: (q) => summarizeBy(complaints(q), 'department') },
    // The yearly LAI report (transparency page and its open data): the years of the scenario's period, and the page's five.
    { name: 'LAI: pedidos por ano (resultados, fundamentos, mediana, recursos)', run: (q) => informationRequestYears({ fromYear: Number(q.filter.from.slice(0, 4)), toYear: Number(q.filter.to.slice(0, 4)) }) },
    { name: 'LAI: 5 anos da página de transparência', run: () => informationRequestYears({ fromYear: Number(twelveMonths.to.slice(0, 4)) - 4, toYear: Number(twelveMonths.to.slice(0, 4)) }) },
    { name: 'dados abertos: página de 1.000 (cursor no meio)', run: () => openDataPage({ after: { year: Number(twelveMonths.to.slice(0, 4)) - 1, sequence: 150_000 }, limit: 1000 }) },
  ];

  const replica = process.env.DATABASE_REPLICA_URL;
  console.log(`\nConsultas lidas ${replica ? `da réplica ${new URL(replica).host}${new URL(replica).pathname}` : 'do primário (DATABASE_URL)'}`);
  console.log(`${demands.toLocaleString('pt-BR')} manifestações; ${scenarios.length} filtros × ${RUNS} execuções por consulta (após 1 de aquecimento)\n`);
  const rows = [];
  for (const query of queries) {
    const latencies: number[] = [];
    let worst = { scenario: '', ms: 0 };
    for (const scenario of scenarios) {
      await query.run(scenario.query);
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await query.run(scenario.query);
        const ms = performance.now() - started;
        latencies.push(ms);
        if (ms > worst.ms) worst = { scenario: scenario.name, ms };
      }
    }
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    rows.push({ consulta: query.name, 'p50 ms': Number(at(0.5).toFixed(1)), 'p95 ms': Number(at(0.95).toFixed(1)), 'pior filtro': worst.scenario });
  }
  console.table(rows);

  since = performance.now();
  await db.execute(sql`update demands set priority = 'normal' where priority <> 'normal'`);
  await db.execute(sql`delete from tags where name like ${`Bench % ${organised}`}`);
  await refreshStatsRollups({ db });
  console.log(`Prioridades e etiquetas desfeitas, agregados refeitos: ${((performance.now() - since) / 1000).toFixed(1)} s`);
  // The primary's pool and, with DATABASE_REPLICA_URL, the replica's.
  await closeDb();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
