import 'server-only';
import { startWorker, type WorkerHandle } from './worker';

/**
 * With the embedded database only one process may open the data folder, and that is the web app, so the
 * worker runs inside it. Kept on globalThis: development reloads must not start a second one.
 */
const holder = ((globalThis as { __ouvidoriaWorker?: { handle?: WorkerHandle } }).__ouvidoriaWorker ??= {});

export function startInProcessWorker(): WorkerHandle {
  holder.handle ??= startWorker({ workerId: `web:${process.pid}` });
  return holder.handle;
}
