import { sql } from 'drizzle-orm';
import { migrateDatabase } from '@/lib/db/migrate';
import { seedDatabase } from '@/lib/db/seed';
import { seedLargeDataset } from '@/lib/db/seed-large';
import { runScript, withScriptDatabase } from '@/lib/db/script';
import { isEmbedded } from '@/lib/db/client';
import { refreshStatsRollups } from '@/lib/stats/rollup';

/**
 * `npm run db:seed:large` — a million realistic demands with their timelines over three years, for the
 * statistics benchmark. Meant for PostgreSQL (DATABASE_URL); on the embedded folder it takes the same lock
 * as every script, so it refuses to run while the app holds it. SEED_LARGE_DEMANDS changes the count.
 */
const demands = Number(process.env.SEED_LARGE_DEMANDS ?? 1_000_000);

await runScript(() =>
  withScriptDatabase(async (db) => {
    const started = performance.now();
    const lap = (label: string, since: number) => console.log(`${label}: ${((performance.now() - since) / 1000).toFixed(1)} s`);
    if (!Number.isInteger(demands) || demands < 1) throw new Error('SEED_LARGE_DEMANDS must be a positive integer');
    if (isEmbedded() && demands > 50_000) console.log('Aviso: o banco embutido é lento para volumes grandes; prefira DATABASE_URL.');

    await migrateDatabase(db);
    await seedDatabase(db, { demoDemands: 0 });
    let since = performance.now();
    const totals = await seedLargeDataset(db, { demands });
    lap(`${totals.demands.toLocaleString('pt-BR')} manifestações, ${totals.events.toLocaleString('pt-BR')} movimentações, ${totals.ratings.toLocaleString('pt-BR')} avaliações`, since);

    since = performance.now();
    await db.execute(sql`analyze`);
    const refreshed = await refreshStatsRollups({ all: true, db });
    // The rollups were only just written: without this they keep the statistics of the empty table
    // (reltuples 0) until autovacuum gets to them, and never where autovacuum is off.
    await db.execute(sql`analyze demand_stats_rollup, stats_dirty_months`);
    lap(`Agregados mensais (${refreshed.months.length} meses) e estatísticas do planejador`, since);
    lap('Tempo total', started);
  }),
);
