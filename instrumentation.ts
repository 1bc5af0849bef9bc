/**
 * Runs once when a Next.js server starts (`next dev`, `next start`): it makes the socket's address visible
 * to the app (see lib/http/client-address.ts), then lib/startup/server-start.ts refuses an unsafe
 * production configuration, opens the embedded database and starts the in-process worker.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installSocketAddressStamp } = await import('./lib/http/socket-address');
  installSocketAddressStamp();
  // `next build` loads this file too; a build needs no production secrets and must not open the database.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServer } = await import('./lib/startup/server-start');
  await startServer();
}
