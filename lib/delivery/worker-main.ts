import { closeDb, getDb } from '@/lib/db/client';
import { componentLog, errorKind } from '@/lib/log';
import { describeConfigProblems, productionConfigProblems } from '@/lib/startup/production-config';
import { startWorker } from './worker';

/**
 * `npm run worker`: one outbox worker process. Start as many as wanted against one PostgreSQL; they share
 * the outbox through row locks and leases. SIGTERM or SIGINT stops it gracefully: sends in flight
 * finish, unstarted claims are given back, the database connection closes.
 */

const log = componentLog('worker');

async function main() {
  // The worker writes the links and sends the e-mails: it needs the web server's production configuration.
  if (process.env.NODE_ENV === 'production') {
    const problems = productionConfigProblems(process.env);
    if (problems.length) {
      log.fatal(describeConfigProblems(problems, 'O worker não foi iniciado'));
      process.exitCode = 1;
      return;
    }
  }
  // Opening first makes a configuration problem (no server, embedded folder held by the app) fail fast.
  await getDb();
  const worker = startWorker();
  let stopping: Promise<void> | undefined;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      log.info({ signal }, 'stopping');
      await worker.stop();
      await closeDb();
    })();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  await worker.stopped;
  await stopping;
}

main().catch(async (error: unknown) => {
  if (error instanceof Error && error.name === 'EmbeddedDatabaseBusyError') log.fatal(error.message);
  else log.fatal(errorKind(error), 'the worker stopped on an error');
  await closeDb().catch(() => {});
  process.exitCode = 1;
});
