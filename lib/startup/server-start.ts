import 'server-only';
import { getDb, isEmbedded, openingDatabase } from '@/lib/db/client';
import { startInProcessWorker } from '@/lib/delivery/in-process';
import { describeConfigProblems, productionConfigProblems } from './production-config';
import { componentLog } from '@/lib/log';

/**
 * What a Next.js server does before it serves (called from instrumentation.ts `register()`):
 * - under NODE_ENV=production, refuse to start without the configuration that makes it safe;
 * - with the embedded database, open it now, so that a folder held by another process, or a failed
 *   migration, stops this server with the reason instead of a server that answers 500;
 * - with the embedded database, run the outbox worker here (WORKER_IN_PROCESS=off turns it off, for the
 *   browser tests that run their own); with PostgreSQL `npm run worker` does.
 * The embedded database is not awaited here: a new folder takes seconds to create, migrate and seed,
 * and `next dev` compiles the first page meanwhile instead of after. Every query waits for it through
 * getDb(); a failure stops the server. The folder's lock is awaited, so a busy folder stops the server
 * before it answers anything.
 */
export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env.NODE_ENV === 'production') {
    const problems = productionConfigProblems(env);
    if (problems.length) exitWith(describeConfigProblems(problems));
    // The standalone server gives every request the URL of the address it listens on (HOSTNAME, 0.0.0.0
    // in the image), whatever the Host header says, and Auth.js takes its own address from the request:
    // after a sign-in link it sent people to http://0.0.0.0:3000/. Its AUTH_URL is the site's public address.
    env.AUTH_URL ??= new URL(env.APP_URL ?? '').origin;
  }
  if (!isEmbedded()) return;
  const opening = openingDatabase();
  void getDb().then(
    () => {
      if (env.WORKER_IN_PROCESS !== 'off') startInProcessWorker();
    },
    (error: unknown) =>
      exitWith(
        error instanceof Error && error.name === 'EmbeddedDatabaseBusyError'
          ? `O servidor não foi iniciado: ${error.message}`
          : `O servidor não foi iniciado: o banco embutido não abriu (${error instanceof Error ? error.message : String(error)}).`,
      ),
  );
  // A second server on the same folder stops before it answers anything.
  await opening.catch(() => {});
}

/** Next.js would log a failed `register()` and go on serving; a server that must not run stops here. */
function exitWith(message: string): never {
  componentLog('startup').fatal(message);
  process.exit(1);
}
