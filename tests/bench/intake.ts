/**
 * Intake through the real HTTP path — the public Ouvidoria form's server action posted as a browser with
 * JavaScript off would post it — with 50 concurrent clients against `next start` + PostgreSQL, beside a
 * bare route handler doing a single INSERT, in the same run. Prints throughput and p50/p99 latency.
 *
 *   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:intake
 *
 * DATABASE_URL names a server it may create a scratch database on (dropped at the end).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const PORT = Number(process.env.BENCH_PORT ?? 3399);
const base = `http://localhost:${PORT}`;

async function main() {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server (the benchmark measures the PostgreSQL path).');
  const database = `ouvidoria_bench_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;

  const server = spawn('npx', ['next', 'start', '-p', String(PORT)], {
    env: { ...process.env, DATABASE_URL: url.toString(), BENCH_ROUTES: '1', WEB_INTAKE_LIMIT_PER_HOUR: '0', AUTH_SECRET: randomBytes(32).toString('base64url'), STATUS_LINK_SECRET: randomBytes(32).toString('base64url'), APP_URL: base, EMAIL_DELIVERY: 'off', AUTH_TRUST_HOST: 'true', DEMO_DATA: 'off' },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  try {
    await waitForServer();
    // The first request migrates; the seed gives the form its reference data.
    await seed(url.toString());
    const form = await readForm('/ouvidoria/nova');
    const cases = [
      { name: 'intake (server action, no-JS form post)', send: () => postForm(form) },
      { name: 'bare route handler, one INSERT', send: () => fetch(`${base}/api/bench/insert`, { method: 'POST' }).then(expectStatus(201)) },
    ];
    for (const c of cases) await run(c.name, c.send, Math.min(200, REQUESTS / 10)); // warm-up
    const rows = [];
    for (const c of cases) rows.push(await run(c.name, c.send, REQUESTS));
    console.log(`\n${CONCURRENCY} concurrent clients, ${REQUESTS} requests each, next start + PostgreSQL\n`);
    console.table(rows);
  } finally {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
}

async function seed(url: string) {
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const { seedDatabase } = await import('@/lib/db/seed');
  const { postgresDatabase } = await import('@/lib/db/client');
  const { database, close } = postgresDatabase(url, { max: 2 });
  await migrateDatabase(database);
  await seedDatabase(database, { demo: false });
  await close();
}

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    try {
      const response = await fetch(`${base}/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('next start did not answer in 60 s (did you run npm run build?)');
}

type Form = { path: string; hidden: [string, string][] };

/** The hidden fields React renders so that the form posts to its server action without JavaScript. */
async function readForm(path: string): Promise<Form> {
  const html = await (await fetch(`${base}${path}`)).text();
  const hidden: [string, string][] = [];
  for (const match of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(match[0])?.[1];
    const value = /value="([^"]*)"/.exec(match[0])?.[1] ?? '';
    if (name?.startsWith('$ACTION')) hidden.push([name, decodeHtml(value)]);
  }
  if (!hidden.length) throw new Error(`No server-action form found on ${path}`);
  return { path, hidden };
}

function decodeHtml(value: string) {
  return value.replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

async function postForm(form: Form) {
  const body = new FormData();
  for (const [name, value] of form.hidden) body.append(name, value);
  for (const [name, value] of Object.entries({
    service: 'ouvidoria',
    kind: 'complaint',
    subject: 'Demora no atendimento',
    description: 'Esperei quatro horas na unidade de saúde sem nenhuma informação da equipe.',
    identity: 'identified',
    name: 'Maria da Silva',
    email: 'maria@exemplo.com.br',
  })) {
    body.append(name, value);
  }
  // A browser sends its Origin with every form POST; without it Next.js logs a CSRF warning per request
  // (to the server's stdout, inside the measured path) and skips the origin check the real path runs.
  const response = await fetch(`${base}${form.path}`, { method: 'POST', body, headers: { origin: base } });
  const html = await response.text();
  if (!response.ok || !/\d{4}-\d{6}-\d/.test(html)) throw new Error(`Intake failed: HTTP ${response.status}`);
}

function expectStatus(status: number) {
  return async (response: Response) => {
    await response.arrayBuffer();
    if (response.status !== status) throw new Error(`HTTP ${response.status}`);
  };
}

async function run(name: string, send: () => Promise<unknown>, total: number) {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (issued < total) {
        issued++;
        const t0 = performance.now();
        try {
          await send();
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0 : 0);
  return {
    path: name,
    ok: latencies.length,
    errors,
    'req/s': Number((latencies.length / seconds).toFixed(1)),
    'p50 ms': Number(at(0.5).toFixed(1)),
    'p99 ms': Number(at(0.99).toFixed(1)),
  };
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
