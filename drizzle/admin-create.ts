import { parseArgs } from 'node:util';
import { createAdministrator } from '@/lib/accounts/password-setup';
import { migrateDatabase } from '@/lib/db/migrate';
import { runScript, withScriptDatabase } from '@/lib/db/script';
import { formatDateTime } from '@/lib/domain/labels';

/**
 * `npm run admin:create -- --email ana@prefeitura.sp.gov.br --name "Ana Souza"`: the first administrator
 * of an install (or a new link for an administrator who lost theirs). Prints a one-time link, on APP_URL,
 * to set the password. Takes the embedded database's lock like every command: stop the app first, or
 * use DATABASE_URL.
 */

await runScript(async () => {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } }, strict: true });
  await withScriptDatabase(async (db) => {
    await migrateDatabase(db);
    const result = await createAdministrator(values);
    if (!result.ok) {
      console.error(['Administrador não criado:', ...result.errors.map((error) => `  - ${error}`)].join('\n'));
      process.exitCode = 1;
      return;
    }
    if (!process.env.APP_URL) console.warn('Aviso: APP_URL não está definido; o link abaixo usa o endereço local.');
    console.log(
      [
        result.created ? `Administrador criado: ${result.email}.` : `${result.email} já é administrador: um novo link foi gerado (o anterior deixou de valer).`,
        `Abra o link abaixo para definir a senha. Ele vale uma única vez, até ${formatDateTime(result.expiresAt)}:`,
        '',
        result.url,
      ].join('\n'),
    );
  });
});
