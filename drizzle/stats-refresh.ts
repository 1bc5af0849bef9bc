import { runScript, withScriptDatabase } from '@/lib/db/script';
import { refreshStatsRollups } from '@/lib/stats/rollup';

/**
 * `npm run stats:refresh` recomputes the statistics rollups of the months whose demands changed (what the
 * worker does every few minutes); `npm run stats:refresh -- --all` rebuilds every month.
 */
const all = process.argv.includes('--all');

await runScript(() =>
  withScriptDatabase(async (db) => {
    const started = performance.now();
    const { months } = await refreshStatsRollups({ all, db });
    console.log(`${months.length} meses recalculados em ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  }),
);
