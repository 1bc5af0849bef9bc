/**
 * `fileDemand` alone — the intake use case with no HTTP in front — from BENCH_CONCURRENCY (50) callers
 * for BENCH_FILINGS (3000) filings on PostgreSQL, beside a bare one-row INSERT loop over the same pool
 * in the same run (what the server can do at all on this machine right now). The filings mix both
 * services, identified and anonymous requesters (BENCH_ANONYMOUS_SHARE, 0.1), e-mail and WhatsApp receipts, and carry a form's
 * idempotency key as the web forms do. While it runs, the sessions waiting on a lock are sampled.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:file-demand
 *
 * DATABASE_URL names a server it creates a scratch database on (dropped at the end). The last line of
 * stdout is one JSON object, `{"name":"fileDemand alone","concurrency":…,"requests":…,"rps":…,"p50":…,
 * "p99":…}`, which `bench:intake` reads.
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import postgres from 'postgres';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const FILINGS = Number(process.env.BENCH_FILINGS ?? 3000);
// Anonymous filings hash their access code with scrypt (tens of ms of CPU each, on the libuv pool):
// this share of them sets how much of the run is that hashing rather than the database path.
const ANONYMOUS_SHARE = Number(process.env.BENCH_ANONYMOUS_SHARE ?? 0.1);
const WARM_UP = Math.min(200, Math.ceil(FILINGS / 10));

type Run = { name: string; requests: number; seconds: number; rps: number; p50: number; p99: number; max: number; lockWaiters: number };

async function main() {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server: the benchmark creates a scratch database on it.');
  process.env.AUTH_SECRET ??= randomBytes(32).toString('base64url');
  const scratch = `ouvidoria_bench_file_demand_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${scratch}`);
  const url = new URL(adminUrl);
  url.pathname = `/${scratch}`;
  const { postgresDatabase, setDatabase, closeDb } = await import('@/lib/db/client');
  const sampler = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const { database, close } = postgresDatabase(url.toString());
    setDatabase(database, close);
    const { migrateDatabase } = await import('@/lib/db/migrate');
    const { seedDatabase } = await import('@/lib/db/seed');
    await migrateDatabase(database);
    await seedDatabase(database, { demo: false });
    const makeInput = await inputMaker();
    const { fileDemand } = await import('@/lib/demands/intake');
    const { issueSubmissionKey, readSubmissionKey } = await import('@/lib/demands/submission-key');

    const fileOne = async (i: number) => {
      const read = readSubmissionKey(issueSubmissionKey());
      if (read.status !== 'valid') throw new Error('a fresh submission key must be valid');
      const result = await fileDemand(makeInput(i), { channel: 'web' }, { submission: read.submission });
      if (!result.ok) throw new Error(`filing ${i} refused: ${JSON.stringify(result.fieldErrors)}`);
    };
    await database.execute(`create table bench_bare (id bigserial primary key, body text not null, created_at timestamptz not null default now())`);
    const client = (database as unknown as { $client: postgres.Sql }).$client;
    const bareInsert = (i: number) => client`insert into bench_bare (body) values (${`linha ${i}`})`;

    await run('warm-up', fileOne, WARM_UP, sampler);
    await run('warm-up', bareInsert, WARM_UP, sampler);
    const filing = await run('fileDemand alone', fileOne, FILINGS, sampler);
    const bare = await run('bare INSERT loop (same pool)', bareInsert, FILINGS, sampler);

    const load = (await import('node:os')).loadavg().map((n) => n.toFixed(2)).join(' ');
    console.log(`\n${CONCURRENCY} concurrent callers, ${FILINGS} calls each, PostgreSQL, load average ${load}`);
    console.log(`prepared statements: ${process.env.DATABASE_PREPARE === 'off' ? 'off' : 'on'}; anonymous share ${ANONYMOUS_SHARE}\n`);
    console.table([filing, bare].map(({ name, requests, seconds, rps, p50, p99, max, lockWaiters }) => ({
      name,
      requests,
      's': seconds,
      'req/s': rps,
      'p50 ms': p50,
      'p99 ms': p99,
      'max ms': max,
      'sessions waiting on a lock (avg)': lockWaiters,
    })));
    console.log(`fileDemand / bare INSERT: ${(filing.rps / bare.rps).toFixed(2)}`);
    console.log(JSON.stringify({ name: 'fileDemand alone', concurrency: CONCURRENCY, requests: filing.requests, rps: filing.rps, p50: filing.p50, p99: filing.p99 }));
  } finally {
    await closeDb();
    await sampler.end();
    await admin.unsafe(`drop database if exists ${scratch} with (force)`);
    await admin.end();
  }
}

/** Inputs over the seeded reference data: both services, each requester kind, each receipt channel. */
async function inputMaker(): Promise<(i: number) => Record<string, unknown>> {
  const { getDb } = await import('@/lib/db/client');
  const { categories, neighbourhoods } = await import('@/lib/db/schema');
  const db = await getDb();
  const services = await db.select().from(categories).where(and(eq(categories.service, 'balcao'), eq(categories.active, true)));
  const subjects = await db.select({ id: categories.id }).from(categories).where(and(eq(categories.service, 'ouvidoria'), eq(categories.active, true)));
  const bairros = await db.select({ id: neighbourhoods.id }).from(neighbourhoods);
  if (!services.length || !bairros.length) throw new Error('the seed wrote no Balcão services or bairros');
  const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
  return (i) => {
    const anonymous = ((i * 7919) % 1000) / 1000 < ANONYMOUS_SHARE;
    const requester = anonymous
      ? { identity: 'anonymous' }
      : i % 3 === 0
        ? { identity: 'identified', name: 'José Santos', phone: '(14) 99123-4567', notifyByWhatsapp: 'on' }
        : { identity: 'identified', name: 'Maria da Silva', email: `maria.${i % 97}@exemplo.com.br` };
    if (i % 2 === 0) {
      return {
        service: 'ouvidoria',
        kind: i % 4 === 0 ? 'request' : 'complaint',
        categoryId: subjects.length && i % 8 !== 0 ? pick(subjects, i).id : undefined,
        subject: 'Demora no atendimento',
        description: `Esperei quatro horas na unidade de saúde sem nenhuma informação da equipe (${i}).`,
        ...requester,
      };
    }
    const service = pick(services, i);
    const details: Record<string, string> = {};
    for (const field of service.fields) {
      if (field.required) details[field.name] = field.type === 'select' ? (field.options?.[0] ?? '—') : 'Em frente à padaria';
    }
    return {
      service: 'balcao',
      categoryId: service.id,
      description: `Buraco grande no asfalto, carros desviando pela contramão (${i}).`,
      addressLine: 'Rua Amando de Barros, 1200',
      neighbourhoodId: pick(bairros, i).id,
      details,
      ...requester,
    };
  };
}

/** `count` calls of `call` from CONCURRENCY callers; latency per call, and lock waiters sampled every 50 ms. */
async function run(name: string, call: (i: number) => Promise<unknown>, count: number, sampler: postgres.Sql): Promise<Run> {
  const latencies: number[] = [];
  const waiters: number[] = [];
  let next = 0;
  let done = false;
  const sampling = (async () => {
    while (!done) {
      const [row] = await sampler<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
      waiters.push(row?.n ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < count; i = next++) {
        const at = performance.now();
        await call(i);
        latencies.push(performance.now() - at);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  done = true;
  await sampling;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  const lockWaiters = waiters.length ? waiters.reduce((a, b) => a + b, 0) / waiters.length : 0;
  return { name, requests: count, seconds: round(seconds), rps: round(count / seconds), p50: at(0.5), p99: at(0.99), max: at(1), lockWaiters: round(lockWaiters) };
}

function round(n: number) {
  return Math.round(n * 10) / 10;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
