import { parseArgs } from 'node:util';
import { backupDatabase, backupTargetFromEnv } from '@/lib/db/backup';
import { runScript } from '@/lib/db/script';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = values.out ?? `ouvidoria-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.tar`;

await runScript(async () => {
  const manifest = await backupDatabase(backupTargetFromEnv(), out);
  console.log(`Backup gravado em ${out}: banco ${manifest.database === 'pglite' ? 'embutido (PGlite)' : 'PostgreSQL'}.`);
  console.log(
    manifest.files === 'local'
      ? `Anexos incluídos: ${manifest.fileCount} arquivo(s).`
      : 'Anexos: ficam no UploadThing e não entram neste arquivo (o backup deles é o do UploadThing).',
  );
});
