/**
 * The public tracking lookup through the real HTTP path, as a citizen's browser with JavaScript does it:
 * the tracking form's server action posted with its `Next-Action` header (protocol + e-mail as proof),
 * and the page itself (GET /acompanhar), each by 20 concurrent connections against `next start` +
 * PostgreSQL. The load comes from autocannon in a separate process, so the generator does not share the
 * server's CPU accounting with the numbers it reports. Prints req/s and p50/p95/p99 latency.
 *
 *   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:track
 *
 * DATABASE_URL names a server it may create a scratch database on (dropped at the end). BENCH_APP_DIR runs
 * `next start` in another checkout's build (to measure a before/after pair with one script).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import type { Result } from 'autocannon';
import postgres from 'postgres';
import { builtServerCommand } from './server-command';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PORT = Number(process.env.BENCH_PORT ?? 3420);
const base = `http://localhost:${PORT}`;
const PROOF_EMAIL = 'maria.bench@exemplo.com.br';

type LoadCase = { name: string; method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string };
type LoadFigures = { requests: number; errors: number; non2xx: number; reqPerSecond: number; p50: number; p95: number; p99: number };

async function main() {
  if (process.argv[2] === '--load') return printLoad(JSON.parse(process.argv[3] ?? '{}') as LoadCase);
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server (the benchmark measures the PostgreSQL path).');
  const database = `ouvidoria_bench_track_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;

  const protocol = await seed(url.toString());
  const serverCommand = builtServerCommand(process.env.BENCH_APP_DIR ?? process.cwd(), PORT);
  const server = spawn(serverCommand.command, serverCommand.args, {
    cwd: process.env.BENCH_APP_DIR ?? process.cwd(),
    env: {
      ...process.env,
      ...serverCommand.env,
      DATABASE_URL: url.toString(),
      NODE_ENV: 'production',
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      STATUS_LINK_SECRET: randomBytes(32).toString('base64url'),
      APP_URL: base,
      EMAIL_DELIVERY: 'off',
      AUTH_TRUST_HOST: 'true',
      DEMO_DATA: 'off',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  try {
    await waitForServer();
    const actionId = await readTrackingActionId();
    const lookup = trackingLookup(actionId, protocol);
    await expectFound(lookup, protocol);
    const cases: LoadCase[] = [
      lookup,
      // Answered before any counter, query or hash: what the action path costs around the lookup itself.
      { ...trackingLookup(actionId, mistyped(protocol)), name: 'lookup, mistyped check digit (JS post)' },
      { name: 'tracking page (GET /acompanhar)', method: 'GET', path: '/acompanhar', headers: {} },
    ];
    for (const c of cases) await runLoad(c, 3); // warm-up: compiled code paths, pools filled
    const rows = [];
    for (const c of cases) {
      const before = loadavg()[0] ?? 0;
      const figures = await runLoad(c, SECONDS);
      rows.push({ path: c.name, ...figures, 'load avg (1 min) before': Number(before.toFixed(2)) });
    }
    console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each, the built server (standalone, or next start in an older checkout) + PostgreSQL, ${availableParallelism()} cores\n`);
    console.table(rows);
  } finally {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
}

/** Migrates, seeds the reference data and files one identified demand to look up; returns its protocol. */
async function seed(url: string): Promise<string> {
  const { migrateDatabase } = await import('@/lib/db/migrate');
  const { seedDatabase } = await import('@/lib/db/seed');
  const { postgresDatabase } = await import('@/lib/db/client');
  const { fileDemand } = await import('@/lib/demands/intake');
  const { database, close } = postgresDatabase(url, { max: 2 });
  try {
    await migrateDatabase(database);
    await seedDatabase(database, { demo: false });
    const filed = await fileDemand(
      {
        service: 'ouvidoria',
        kind: 'complaint',
        subject: 'Demora no atendimento',
        description: 'Esperei quatro horas na unidade de saúde sem nenhuma informação da equipe.',
        identity: 'identified',
        name: 'Maria da Silva',
        email: PROOF_EMAIL,
      },
      { channel: 'web' },
      { db: database, notify: false },
    );
    if (!filed.ok) throw new Error(`Could not file the demand to track: ${JSON.stringify(filed.fieldErrors)}`);
    return filed.demand.protocol;
  } finally {
    await close();
  }
}

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    try {
      const response = await fetch(`${base}/acompanhar`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('next start did not answer in 60 s (did you run npm run build?)');
}

/** The server action's id, from the hidden fields React renders for the form's no-JavaScript post. */
async function readTrackingActionId(): Promise<string> {
  const html = (await (await fetch(`${base}/acompanhar`)).text()).replaceAll('&quot;', '"');
  const id = /"id":"([0-9a-f]{16,})"/.exec(html)?.[1] ?? /name="\$ACTION_ID_([0-9a-f]+)"/.exec(html)?.[1];
  if (!id) throw new Error('No server action found on /acompanhar');
  return id;
}

/**
 * What React sends for `useActionState(action)(formData)` with JavaScript on: the arguments encoded as a
 * reply (the previous state, then a reference to the form's fields, which travel under the prefix `_1_`).
 */
function trackingLookup(actionId: string, protocol: string): LoadCase {
  const boundary = '----benchtrack' + randomBytes(8).toString('hex');
  const parts: [string, string][] = [
    ['_1_protocol', protocol],
    ['_1_secret', PROOF_EMAIL],
    ['0', JSON.stringify([{ status: 'idle' }, '$K1'])],
  ];
  const body = parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('') + `--${boundary}--\r\n`;
  return {
    name: 'tracking lookup (server action, JS post)',
    method: 'POST',
    path: '/acompanhar',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'next-action': actionId, accept: 'text/x-component', origin: base },
    body,
  };
}

/** The same protocol with a wrong check digit, which the lookup refuses before anything else. */
function mistyped(protocol: string): string {
  const digit = Number(protocol.at(-1));
  return `${protocol.slice(0, -1)}${(digit + 1) % 10}`;
}

async function expectFound(lookup: LoadCase, protocol: string) {
  const response = await fetch(`${base}${lookup.path}`, { method: lookup.method, headers: lookup.headers, body: lookup.body });
  const text = await response.text();
  if (!response.ok || !text.includes('"status":"success"') || !text.includes(protocol)) {
    throw new Error(`The lookup did not find the demand (HTTP ${response.status}): ${text.slice(0, 300)}`);
  }
}

/** Runs autocannon in a child process (this script with --load) and reads its figures back. */
function runLoad(c: LoadCase, seconds: number): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1] ?? '', '--load', JSON.stringify({ ...c, seconds })], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadFigures) : reject(new Error(`load generator exited with ${code}`))));
  });
}

/** The load generator's side: every response's latency, so that p95 is exact (autocannon reports 97.5). */
async function printLoad(c: LoadCase & { seconds?: number }) {
  const { default: autocannon } = await import('autocannon');
  const latencies: number[] = [];
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${base}${c.path}`, method: c.method, headers: c.headers, body: c.body, connections: CONNECTIONS, duration: c.seconds ?? SECONDS },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(1));
  const figures: LoadFigures = {
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    reqPerSecond: Number((result.requests.total / result.duration).toFixed(1)),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
  };
  process.stdout.write(JSON.stringify(figures));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
