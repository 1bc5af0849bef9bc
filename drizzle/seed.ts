import { migrateDatabase } from '@/lib/db/migrate';
import { seedDatabase } from '@/lib/db/seed';
import { runScript, withScriptDatabase } from '@/lib/db/script';

const demoDemands = Number(process.env.SEED_DEMO_DEMANDS ?? 300);

await runScript(() =>
  withScriptDatabase(async (db) => {
    await migrateDatabase(db);
    await seedDatabase(db, { demoDemands });
    console.log(`Dados de demonstração carregados (${demoDemands} manifestações, se o banco estava vazio).`);
  }),
);
