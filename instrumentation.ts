/**
 * Runs once when a Next.js server starts. It makes the socket's address visible to the app (see
 * lib/http/client-address.ts). With the embedded database (no DATABASE_URL) the outbox worker runs inside
 * the web process; with PostgreSQL the web process never sends, and `npm run worker` does.
 * WORKER_IN_PROCESS=off turns the in-process worker off (browser tests that run their own).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installSocketAddressStamp } = await import('./lib/http/socket-address');
  installSocketAddressStamp();
  if (process.env.DATABASE_URL || process.env.WORKER_IN_PROCESS === 'off') return;
  // `next build` loads this file too; a build must not open the database or send anything.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startInProcessWorker } = await import('./lib/delivery/in-process');
  startInProcessWorker();
}
