/**
 * `npm run bench:seed`: how long a first start spends preparing a new embedded database (migrations,
 * reference data, demo accounts, SEED_DEMO_DEMANDS demo demands, 300 by default), in a temporary folder,
 * phase by phase. Prints the numbers and the machine's load average; asserts nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/pglite';
import * as schema from '@/lib/db/schema';
import { setDatabase, type Database } from '@/lib/db/client';
import { openEmbeddedDatabase } from '@/lib/db/embedded';
import { migrateDatabase } from '@/lib/db/migrate';
import { seedDatabase } from '@/lib/db/seed';

const total = Number(process.env.SEED_DEMO_DEMANDS ?? 300);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-bench-seed-'));
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`Carga da máquina (1, 5, 15 min): ${load()}; ${os.cpus().length} núcleos`);

const started = performance.now();
let since = started;
let cpuSince = process.cpuUsage();
// CPU time (this process, all threads) next to wall time: on a shared machine the wall time says more
// about the neighbours than about the seed.
const lap = (label: string) => {
  const now = performance.now();
  const cpu = process.cpuUsage(cpuSince);
  console.log(`${label}: ${((now - since) / 1000).toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s)`);
  since = now;
  cpuSince = process.cpuUsage();
};
const embedded = await openEmbeddedDatabase(path.join(dir, 'pglite'));
try {
  const db = drizzle(embedded.client, { schema }) as unknown as Database;
  setDatabase(db, embedded.release);
  lap('Abrir o banco embutido');
  await migrateDatabase(db);
  lap('Migrações');
  await seedDatabase(db, { demo: true, demoDemands: total });
  lap(`Dados de referência, contas e ${total} manifestações de demonstração`);
  const cpu = process.cpuUsage();
  console.log(`Total: ${((performance.now() - started) / 1000).toFixed(2)} s (CPU do processo ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s); carga ao fim: ${load()}`);
} finally {
  await embedded.release();
  fs.rmSync(dir, { recursive: true, force: true });
}
