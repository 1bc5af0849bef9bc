/**
 * Runs once when a Next.js server starts (`next dev`, `next start`): see lib/startup/server-start.ts.
 * It refuses an unsafe production configuration, opens the embedded database and starts the in-process
 * worker.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // `next build` loads this file too; a build needs no production secrets and must not open the database.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServer } = await import('./lib/startup/server-start');
  await startServer();
}
