/**
 * `npm run bench:queues`: p50/p95 of the workspace's main queries (queue counts, the first page of each
 * queue, a free-text search, the demand page, the map view of a queue) against the configured database, for the demo staff
 * accounts. Meant for a database seeded with `npm run db:seed:large` (1,000,000 demands).
 * `--explain` prints each query's plan once (PostgreSQL only, through auto_explain).
 * `BENCH_ONLY=<regular expression>` times only the cases it names.
 * The deadline-risk order ("Risco de prazo") of every queue, and saved views: listing them for the
 * navigation, opening one (its page of the queue) — each actor saves a personal view for the run and
 * deletes it at the end.
 * Bulk actions (assign, forward, etiqueta, duplicates) on a page of 25 rows, each inside a transaction
 * that is rolled back, so every iteration acts on the same rows (the time includes the rollback).
 * The Avisos list and unread count, over alerts written for the run as intake and forwarding would have
 * written them (one per demand to its triage desk, one per forwarded demand to its secretaria; the seed
 * writes none), deleted at the end.
 * Also times "Já pediram isto aqui perto" (suggestDuplicates): open requests of a service near a point
 * and with a similar description, at points of seeded Balcão requests (target p95 ≤ 50 ms at 1M).
 */
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '@/lib/db/schema';
import { setDatabase, type Database } from '@/lib/db/client';
import { withScriptDatabase } from '@/lib/db/script';
import { countQueues, listDemands } from '@/lib/db/queries/demand-queues';
import { getSavedView, listSavedViews } from '@/lib/db/queries/saved-views';
import { deleteView, saveView } from '@/lib/demands/saved-views';
import { suggestDuplicates } from '@/lib/demands/duplicates';
import { applyBulkAction } from '@/lib/demands/bulk';
import { countUnreadStaffAlerts, listStaffAlerts } from '@/lib/demands/staff-alerts';
import { getDemandForStaff } from '@/lib/db/queries/demand-page';
import { mapDemands } from '@/lib/db/queries/demand-map';
import { departmentMembers, users } from '@/lib/db/schema';
import type { PermissionActor } from '@/lib/domain/permissions';
import { filtersFromSearch, queueFromSlug, QueueSearchSchema, queuesFor } from '@/lib/domain/queues';
import { queryRecord } from '@/lib/domain/saved-views';
import { rowsOf } from '@/lib/db/migrate';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
const explain = process.argv.includes('--explain');
/** `BENCH_ONLY=mapa` (a regular expression): time only the cases whose name matches. */
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : null;
const STAFF = ['ouvidor@demo.example.org', 'atendente@demo.example.org', 'infraestrutura@demo.example.org', 'controle@demo.example.org', 'gestor@demo.example.org'];

type Result = { name: string; p50: number; p95: number; max: number };

async function measure(name: string, run: () => Promise<unknown>): Promise<Result> {
  if (only && !only.test(name)) return { name, p50: Number.NaN, p95: Number.NaN, max: Number.NaN };
  await run();
  const times: number[] = [];
  for (let i = 0; i < (explain ? 1 : ITERATIONS); i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { name, p50: at(0.5), p95: at(0.95), max: times[times.length - 1] ?? 0 };
}

async function loadActors(db: Database): Promise<(PermissionActor & { name: string; email: string })[]> {
  const actors = [];
  for (const email of STAFF) {
    const [user] = await db.select().from(users).where(eq(users.email, email));
    if (!user) throw new Error(`No demo account ${email}: seed the database with demo accounts first.`);
    const memberships = await db.select().from(departmentMembers).where(eq(departmentMembers.userId, user.id));
    actors.push({ userId: user.id, name: user.name, role: user.role, departmentIds: memberships.map((m) => m.departmentId), email });
  }
  return actors;
}

class Rollback extends Error {}

/** Runs the work in a transaction and undoes it: a write timed as often as a read, on the same rows. */
async function rolledBack(db: Database, work: (tx: Database) => Promise<void>): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await work(tx as unknown as Database);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
}

function never(): never {
  throw new Error('no demo staff account');
}

async function bench(db: Database) {
  const [{ total } = { total: 0 }] = rowsOf<{ total: number }>(await db.execute(sql`select count(*)::int as total from demands`));
  console.log(`Demandas no banco: ${total.toLocaleString('pt-BR')}; ${explain ? 'planos (EXPLAIN ANALYZE)' : `${ITERATIONS} execuções por consulta`}\n`);
  const actors = await loadActors(db);
  const results: Result[] = [];
  for (const actor of actors) {
    results.push(await measure(`${actor.email}: contagem das filas`, () => countQueues({ actor })));
    for (const queue of queuesFor(actor.role)) {
      results.push(await measure(`${actor.email}: fila ${queue}, página 1`, () => listDemands({ actor, queue })));
    }
  }
  // "Risco de prazo": every queue's first page in deadline-risk order, and a later page of "all".
  for (const actor of actors) {
    for (const queue of queuesFor(actor.role)) {
      results.push(await measure(`${actor.email}: fila ${queue}, risco de prazo, página 1`, () => listDemands({ actor, queue, sort: 'risk' })));
    }
  }
  // Saved views: the navigation's list, and opening one (the check, then its page of the queue).
  for (const actor of actors) {
    const [queue] = queuesFor(actor.role);
    if (!queue || (only && !only.test(`${actor.email}: visões salvas`))) continue;
    const saved = await saveView(actor, { name: 'Bench: atrasadas por risco', query: `fila=atrasadas&ordem=risk`, share: '' });
    if (!saved.ok) throw new Error(`Saving a view as ${actor.email} failed: ${saved.error}`);
    try {
      results.push(await measure(`${actor.email}: visões salvas, lista do menu`, () => listSavedViews({ actor })));
      results.push(
        await measure(`${actor.email}: visões salvas, abrir uma`, async () => {
          const view = await getSavedView({ actor, id: saved.viewId });
          if (!view) throw new Error('The saved view did not open for its owner.');
          const search = QueueSearchSchema.parse(queryRecord(view.query));
          return listDemands({ actor, queue: queueFromSlug(search.fila, actor.role), filters: filtersFromSearch(search), sort: search.ordem });
        }),
      );
    } finally {
      await deleteView(actor, { viewId: saved.viewId });
    }
  }
  // Etiquetas and priority as queue filters: for the run, one global etiqueta on 1 in 100 demands and a legal
  // priority on another 1 in 100 (the seed sets neither); both are taken off at the end.
  if (!only || only.test('etiqueta') || only.test('prioridade')) {
    const [tag] = await db.insert(schema.tags).values({ name: `Bench ${Date.now()}` }).returning();
    if (!tag) throw new Error('no tag');
    try {
      await db.execute(sql`insert into demand_tags (demand_id, tag_id) select id, ${tag.id} from demands where abs(hashtext(id::text)) % 100 = 7`);
      await db.execute(sql`update demands set priority = 'elderly' where abs(hashtext(id::text)) % 100 = 11`);
      await db.execute(sql`analyze demands`);
      await db.execute(sql`analyze demand_tags`);
      for (const actor of actors) {
        const [queue] = queuesFor(actor.role);
        if (!queue) continue;
        results.push(await measure(`${actor.email}: fila ${queue}, filtro etiqueta`, () => listDemands({ actor, queue, filters: { tagId: tag.id } })));
        results.push(await measure(`${actor.email}: fila ${queue}, filtro prioridade legal (idoso)`, () => listDemands({ actor, queue, filters: { priority: 'elderly' } })));
      }
      results.push(await measure('ouvidor: todas, filtro etiqueta, risco de prazo', () => listDemands({ actor: actors[0] ?? never(), queue: 'all', filters: { tagId: tag.id }, sort: 'risk' })));
    } finally {
      await db.execute(sql`update demands set priority = 'normal' where priority = 'elderly'`);
      await db.delete(schema.tags).where(eq(schema.tags.id, tag.id));
      // Two updates of 10,000 demands leave as many dead rows (and their index entries) behind, which a
      // server's autovacuum clears within a minute; a machine with it off would time the next cases on them.
      await db.execute(sql`vacuum (analyze) demands, demand_facts, demand_tags`);
    }
  }
  // Bulk actions on one page (25 rows) of a queue, each run rolled back so that every iteration acts on the
  // same rows: the ombudsman's triage (assign, forward, etiqueta, duplicates of the oldest) and a
  // secretaria's own queue (assign to a colleague, etiqueta).
  if (!only || only.test('em lote')) {
    const [tag] = await db.insert(schema.tags).values({ name: `Bench lote ${Date.now()}` }).returning();
    if (!tag) throw new Error('no tag');
    try {
      const [ombudsman, , department] = actors;
      const [target] = rowsOf<{ id: string }>(await db.execute(sql`select id from departments where not is_internal_control order by name limit 1`));
      const desks = [
        { actor: ombudsman, queue: 'triage' as const, operations: ['assign', 'forward', 'tag', 'duplicate'] as const },
        { actor: department, queue: 'department' as const, operations: ['assign', 'tag'] as const },
      ];
      for (const { actor, queue, operations } of desks) {
        if (!actor) continue;
        // Complaints: a denúncia against a public servant goes to the Controle Interno only, so forwarding a
        // page with one to a secretaria is (rightly) refused as a whole.
        const page = await listDemands({ actor, queue, filters: { kind: 'complaint' } });
        const demandIds = page.rows.map((row) => row.id);
        if (demandIds.length < 2) throw new Error(`The ${queue} queue of ${actor.email} has ${demandIds.length} rows: seed the database first.`);
        for (const operation of operations) {
          const input = {
            demandIds,
            operation,
            assigneeId: actor.userId,
            departmentId: target?.id,
            tagId: tag.id,
            note: 'Já recebemos este mesmo pedido: a resposta virá pela manifestação principal.',
          };
          results.push(
            await measure(`${actor.email}: ${operation} em lote (${demandIds.length} da fila ${queue})`, () =>
              rolledBack(db, async (tx) => {
                const result = await applyBulkAction(actor, input, { db: tx });
                if (!result.ok) throw new Error(`Bulk ${operation} as ${actor.email} was refused: ${result.error}`);
              }),
            ),
          );
        }
      }
    } finally {
      await db.delete(schema.tags).where(eq(schema.tags.id, tag.id));
    }
  }
  // Avisos: as intake and forwarding write them, one per demand to its triage desk and one per forwarded
  // demand to its secretaria; the list and the unread count of the shell, for every desk.
  if (!only || only.test('avisos')) {
    const started = performance.now();
    await db.execute(sql`
      insert into staff_alerts (demand_id, kind, audience_role, dedupe_key, created_at)
      select id, 'new_demand', case when service = 'ouvidoria' then 'ombudsman' else 'attendant' end::role, 'bench:new:' || id, created_at from demands`);
    await db.execute(sql`
      insert into staff_alerts (demand_id, kind, audience_department_id, dedupe_key, created_at)
      select id, 'forwarded', department_id, 'bench:fwd:' || id, created_at + interval '1 day' from demands where department_id is not null`);
    await db.execute(sql`analyze staff_alerts`);
    const [{ alerts } = { alerts: 0 }] = rowsOf<{ alerts: number }>(await db.execute(sql`select count(*)::int as alerts from staff_alerts`));
    console.log(`Avisos escritos para a medição: ${alerts.toLocaleString('pt-BR')} em ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    try {
      for (const actor of actors) {
        results.push(await measure(`${actor.email}: avisos, lista`, () => listStaffAlerts(actor)));
        results.push(await measure(`${actor.email}: avisos, não lidos (cabeçalho)`, () => countUnreadStaffAlerts(actor)));
      }
    } finally {
      await db.execute(sql`delete from staff_alerts where dedupe_key like 'bench:%'`);
    }
  }
  // The map view of a queue (/painel/mapa): each desk's first queue, and every located demand of a bairro.
  for (const actor of actors) {
    const [queue] = queuesFor(actor.role);
    if (queue) results.push(await measure(`${actor.email}: mapa da fila ${queue}`, () => mapDemands({ actor, queue })));
    if (queue) results.push(await measure(`${actor.email}: mapa da fila ${queue}, Centro à vista`, () => mapDemands({ actor, queue, area: { south: -22.892, west: -48.452, north: -22.878, east: -48.438 } })));
  }
  const [ombudsman, , department] = actors;
  if (ombudsman) {
    const [bairro] = rowsOf<{ id: string }>(await db.execute(sql`select id from neighbourhoods where name = 'Centro'`));
    // The ombudsman's every demand: the whole município in view (the page's first answer), the Centro
    // bairro's box in view (what the map asks after zooming in), and the Centro filter on the whole município.
    results.push(await measure('ouvidor: mapa de todas, município inteiro à vista', () => mapDemands({ actor: ombudsman, queue: 'all' })));
    const city = { south: -22.92, west: -48.48, north: -22.85, east: -48.41 };
    results.push(await measure('ouvidor: mapa de todas, área da cidade à vista', () => mapDemands({ actor: ombudsman, queue: 'all', area: city })));
    const centro = { south: -22.892, west: -48.452, north: -22.878, east: -48.438 };
    results.push(await measure('ouvidor: mapa de todas, bairro Centro à vista', () => mapDemands({ actor: ombudsman, queue: 'all', area: centro })));
    if (bairro) results.push(await measure('ouvidor: mapa de todas, filtro bairro Centro', () => mapDemands({ actor: ombudsman, queue: 'all', filters: { neighbourhoodId: bairro.id } })));
    results.push(await measure('ouvidor: busca de texto em todas', () => listDemands({ actor: ombudsman, queue: 'all', filters: { text: 'atendimento 42' } })));
    results.push(await measure('ouvidor: todas, página 40', () => listDemands({ actor: ombudsman, queue: 'all', page: 40 })));
    // A protocol that exists: a wrong check digit (as '2026-000123-7' had) short-circuits to `false` and times nothing.
    const [known] = rowsOf<{ protocol: string }>(
      await db.execute(sql`select protocol from demands where protocol_sequence = 123 order by protocol_year desc limit 1`),
    );
    if (!known) throw new Error('No demand with sequence 123: seed the database with npm run db:seed:large first.');
    const found = await listDemands({ actor: ombudsman, queue: 'all', filters: { protocol: known.protocol } });
    if (found.rows.length !== 1) throw new Error(`Looking up ${known.protocol} found ${found.rows.length} demands, not 1.`);
    results.push(await measure(`ouvidor: por protocolo (${known.protocol})`, () => listDemands({ actor: ombudsman, queue: 'all', filters: { protocol: known.protocol } })));
  }
  // Free text: common words (81,093 and 111,485 of the million seeded demands match 'buraco' and
  // 'atendimento'), a word of a few thousand matches, and one that names a single demand (a phone number
  // in its description), in the queues that order by date and by deadline.
  const [rare] = rowsOf<{ word: string }>(
    await db.execute(sql`select substring(description from 'ligar no [(]14[)] (9[0-9]{8})') as word from demands where description like '%ligar no (14) 9%' order by protocol limit 1`),
  );
  // The demo seed has no such demand: with BENCH_ONLY naming other cases, the searches are skipped.
  if (!rare && !only) throw new Error('No demand with a phone number in its description: seed the database with npm run db:seed:large first.');
  const rareWord = rare ? [rare.word] : [];
  const searches = [
    { actor: ombudsman, queue: 'all', words: ['buraco', 'atendimento', 'imóvel', ...rareWord] },
    { actor: ombudsman, queue: 'triage', words: ['buraco', 'atendimento', ...rareWord] },
    { actor: department, queue: 'department', words: ['buraco', 'atendimento', ...rareWord] },
  ] as const;
  for (const { actor, queue, words } of searches) {
    if (!actor) continue;
    for (const text of words) {
      results.push(await measure(`${actor.email}: busca "${text}" na fila ${queue}`, () => listDemands({ actor, queue, filters: { text } })));
    }
  }
  // Demand pages: a spread of protocols the actor may see.
  for (const actor of [ombudsman, department]) {
    if (!actor) continue;
    const sample = rowsOf<{ protocol: string }>(
      await db.execute(
        actor.role === 'department'
          ? sql`select protocol from demands where department_id = ${actor.departmentIds[0] ?? null} order by id limit 50`
          : sql`select protocol from demands order by id limit 50`,
      ),
    );
    let index = 0;
    results.push(
      await measure(`${actor.email}: página da demanda`, () => getDemandForStaff({ actor, protocol: sample[index++ % Math.max(1, sample.length)]?.protocol ?? '' })),
    );
  }

  // "Já pediram isto aqui perto": what the Balcão form asks as the citizen types, at the points and with
  // the words of seeded open requests (a spread of services and places).
  const places = rowsOf<{ category_id: string; latitude: number; longitude: number; description: string }>(
    await db.execute(
      sql`select category_id, latitude, longitude, description from demands
          where service = 'balcao' and latitude is not null and state in ('received', 'forwarded', 'in_progress', 'awaiting_citizen')
          order by id limit 50`,
    ),
  );
  if (places.length) {
    let index = 0;
    const next = () => places[index++ % places.length];
    results.push(
      await measure('balcão: sugestões por ponto (raio do serviço)', () => {
        const place = next();
        return suggestDuplicates({ categoryId: place?.category_id, latitude: place?.latitude, longitude: place?.longitude });
      }),
    );
    results.push(
      await measure('balcão: sugestões por descrição parecida', () => {
        const place = next();
        return suggestDuplicates({ categoryId: place?.category_id, description: place?.description.slice(0, 80) });
      }),
    );
    results.push(
      await measure('balcão: sugestões por ponto e descrição', () => {
        const place = next();
        return suggestDuplicates({ categoryId: place?.category_id, latitude: place?.latitude, longitude: place?.longitude, description: place?.description.slice(0, 80) });
      }),
    );
  }

  results.splice(0, results.length, ...results.filter((r) => !Number.isNaN(r.p50)));
  const width = Math.max(...results.map((r) => r.name.length));
  console.log(`${'consulta'.padEnd(width)}   p50 ms   p95 ms   máx ms`);
  for (const r of results) {
    console.log(`${r.name.padEnd(width)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)}`);
  }
  const worst = results.reduce((a, b) => (b.p95 > a.p95 ? b : a));
  console.log(`\nPior p95: ${worst.p95.toFixed(1)} ms (${worst.name})`);
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (explain) {
    if (!url) throw new Error('--explain needs DATABASE_URL (auto_explain is a PostgreSQL module).');
    const client = postgres(url, {
      max: 1,
      onnotice: (notice) => console.log(String(notice.message)),
    });
    await client.unsafe("load 'auto_explain'");
    await client.unsafe("set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; set auto_explain.log_level = 'notice'; set client_min_messages = 'notice'");
    const db = drizzle(client, { schema }) as unknown as Database;
    setDatabase(db, () => client.end());
    try {
      await bench(db);
    } finally {
      await client.end();
    }
    return;
  }
  await withScriptDatabase(bench);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
