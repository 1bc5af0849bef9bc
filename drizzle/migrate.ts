import { migrateDatabase } from '@/lib/db/migrate';
import { runScript, withScriptDatabase } from '@/lib/db/script';

await runScript(() =>
  withScriptDatabase(async (db) => {
    await migrateDatabase(db);
    console.log('Migrações aplicadas.');
  }),
);
