import { migrateDatabase } from '@/lib/db/migrate';
import { demoDataEnabled } from '@/lib/db/demo-data';
import { seedDatabase } from '@/lib/db/seed';
import { runScript, withScriptDatabase } from '@/lib/db/script';

/**
 * `npm run db:seed`: the municipality's reference data, and the demo (accounts and SEED_DEMO_DEMANDS
 * demands on an empty database) unless NODE_ENV=production or DEMO_DATA=off says this is a real install.
 */
const demoDemands = Number(process.env.SEED_DEMO_DEMANDS ?? 300);
const demo = demoDataEnabled();

await runScript(() =>
  withScriptDatabase(async (db) => {
    await migrateDatabase(db);
    await seedDatabase(db, {
      demo,
      demoDemands,
      onProgress: (filed, total) => {
        if (filed % 50 === 0 || filed === total) console.log(`Preparando dados de demonstração: ${filed}/${total} manifestações…`);
      },
    });
    console.log(
      demo
        ? `Dados de referência e de demonstração carregados (contas de demonstração; ${demoDemands} manifestações, se o banco estava vazio).`
        : 'Dados de referência carregados (secretarias, serviços, bairros). Nenhum dado de demonstração (NODE_ENV=production ou DEMO_DATA=off).',
    );
  }),
);
