import { runScript, withScriptDatabase } from '@/lib/db/script';
import { KIND_LABELS } from '@/lib/domain/labels';
import { DEMAND_KINDS } from '@/lib/domain/vocabulary';
import { runRetention } from '@/lib/privacy/retention';

/**
 * `npm run retention:dry-run` lists the finished demands whose requester data the retention rule
 * (RETENTION_DAYS over lib/municipality.ts) would anonymise now, changing nothing but the log of runs;
 * `npm run retention:run` anonymises them. The worker runs the rule once a day, and only after a dry run.
 * Like every command, it takes the embedded database's lock: stop the app first, or set DATABASE_URL.
 */
const dryRun = !process.argv.includes('--apply');

await runScript(() =>
  withScriptDatabase(async (db) => {
    const result = await runRetention({ dryRun, trigger: 'command', db });
    console.log(`Regra de retenção (dias após a conclusão): ${DEMAND_KINDS.map((kind) => `${KIND_LABELS[kind]} ${result.rule[kind] ?? 'sem prazo'}`).join('; ')}.`);
    for (const demand of result.demands) {
      console.log(`${demand.protocol}\t${demand.kind}\t${demand.state}\t${demand.closedAt?.toISOString() ?? ''}`);
    }
    console.log(
      dryRun
        ? `Simulação ${result.runId}: ${result.demands.length} pedido(s) seriam anonimizados. Nada foi alterado.`
        : `Execução ${result.runId}: ${result.anonymised} de ${result.demands.length} pedido(s) anonimizados.`,
    );
  }),
);
