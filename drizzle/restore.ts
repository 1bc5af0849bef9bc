import { parseArgs } from 'node:util';
import { restoreDatabase, backupTargetFromEnv } from '@/lib/db/backup';
import { runScript } from '@/lib/db/script';

const { values, positionals } = parseArgs({ options: { force: { type: 'boolean', default: false } }, allowPositionals: true });

await runScript(async () => {
  const archive = positionals[0];
  if (!archive) throw new Error('Informe o arquivo: npm run db:restore -- caminho/do/backup.tar [--force]');
  const outcome = await restoreDatabase(backupTargetFromEnv(), archive, { force: values.force });
  console.log(`Backup de ${outcome.createdAt} restaurado (${outcome.fileCount} anexo(s)).`);
  for (const moved of outcome.movedAside) console.log(`O conteúdo anterior foi guardado em ${moved}.`);
});
