import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import lockfile from 'proper-lockfile';
import { embeddedDatabaseDir } from './config';
import { PGLITE_EXTENSIONS } from './pglite-extensions';
import { componentLog, errorKind } from '@/lib/log';

/**
 * PGlite keeps no lock of its own, and a second process opening the same folder corrupts it. Every process
 * that opens the embedded folder (the app, a migrate or seed script) first takes this lock, and one that
 * cannot is refused with a message instead of touching the data.
 */

export class EmbeddedDatabaseBusyError extends Error {
  constructor(dir: string) {
    super(
      `O banco embutido em ${dir} está em uso por outro processo (provavelmente o app em execução). ` +
        'Pare o app (npm run dev / npm start) antes de rodar este comando, ou use DATABASE_URL com um PostgreSQL.',
    );
    this.name = 'EmbeddedDatabaseBusyError';
  }
}

export type EmbeddedDatabase = { client: PGlite; release: () => Promise<void> };

const LOCK_STALE_MS = 30_000;

function takeLock(dir: string) {
  return lockfile.lock(dir, {
    stale: LOCK_STALE_MS,
    update: 5_000,
    retries: 0,
    lockfilePath: `${dir}.lock`,
    onCompromised: (error) => componentLog('database').error({ ...errorKind(error), reason: error.message }, 'lost the lock on the embedded database folder'),
  });
}

/** A holder that died without cleaning up (killed dev server) leaves a lock only its PID can disown. */
function holderIsGone(dir: string): boolean {
  try {
    const pid = Number(fs.readFileSync(`${dir}.lock.pid`, 'utf8'));
    if (!pid) return false;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Takes the folder's lock (clearing one left by a dead holder), or refuses with EmbeddedDatabaseBusyError. */
export async function lockEmbeddedFolder(dir = embeddedDatabaseDir()): Promise<() => Promise<void>> {
  fs.mkdirSync(dir, { recursive: true });
  let releaseLock: () => Promise<void>;
  try {
    releaseLock = await takeLock(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ELOCKED' || !holderIsGone(dir)) throw error;
      fs.rmSync(`${dir}.lock`, { recursive: true, force: true });
      return takeLock(dir);
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new EmbeddedDatabaseBusyError(dir);
    throw error;
  }
  fs.writeFileSync(`${dir}.lock.pid`, String(process.pid));
  return releaseLock;
}

// `loadDataDir`: a PGlite dump to start an empty folder from (a restore). `onLocked`: told once the folder
// is this process's, before the (slower) start of the database itself.
export async function openEmbeddedDatabase(dir = embeddedDatabaseDir(), options: { loadDataDir?: Blob; onLocked?: () => void } = {}): Promise<EmbeddedDatabase> {
  const releaseLock = await lockEmbeddedFolder(dir);
  options.onLocked?.();
  try {
    const client = await PGlite.create(dir, { extensions: PGLITE_EXTENSIONS, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
    return {
      client,
      release: async () => {
        await client.close();
        await releaseLock();
      },
    };
  } catch (error) {
    await releaseLock();
    throw error;
  }
}

export function isEmbeddedDatabaseLocked(dir = embeddedDatabaseDir()): Promise<boolean> {
  if (!fs.existsSync(dir)) return Promise.resolve(false);
  return lockfile.check(dir, { stale: LOCK_STALE_MS, lockfilePath: `${dir}.lock` });
}
