import 'server-only';
import postgres from 'postgres';
import { DEMAND_CHANGES_CHANNEL } from '@/lib/db/live-routines';
import { componentLog, errorKind } from '@/lib/log';

/**
 * The push half of the live workspace: one connection per server process listens on PostgreSQL for
 * "a demand changed" (a statement trigger on demand_events, lib/db/live-routines.ts) and wakes every open
 * page's event stream (`/painel/api/pulso/eventos`), which then asks its authorized pulse what moved.
 * Notifications that arrive together are folded into one wake-up. On the embedded database there is no
 * second connection to listen on: pages keep polling every 2 s, as they also do whenever the stream is down.
 */

type Listener = () => void;
type LiveState = { url?: string; connection?: postgres.Sql; listening?: Promise<unknown>; subscribers: Set<Listener>; pending?: ReturnType<typeof setTimeout> };

/** Notifications closer together than this wake the pages once. */
const FOLD_MS = 150;

// On globalThis: Next may load this module more than once in a process, and one connection must serve all.
const state: LiveState = ((globalThis as { __ouvidoriaDemandChanges?: LiveState }).__ouvidoriaDemandChanges ??= { subscribers: new Set() });

function wake(): void {
  if (state.pending) return;
  state.pending = setTimeout(() => {
    state.pending = undefined;
    for (const subscriber of [...state.subscribers]) subscriber();
  }, FOLD_MS);
}

function listen(url: string): void {
  if (state.connection && state.url === url) return;
  const connection = postgres(url, { max: 1, onnotice: () => {} });
  state.url = url;
  state.connection = connection;
  // On every (re)connection too: what changed while the connection was down is looked at again.
  state.listening = connection.listen(DEMAND_CHANGES_CHANNEL, wake, wake).catch((error: unknown) => {
    if (state.connection === connection) state.connection = undefined;
    componentLog('live').error(errorKind(error), 'could not listen for demand changes; pages keep polling');
    void connection.end();
  });
}

/**
 * Calls `onChange` shortly after any demand changed (a committed event), until the returned function is
 * called; null when this database cannot push (the embedded one), so the caller falls back to polling.
 */
export function subscribeToDemandChanges(onChange: Listener, { url = process.env.DATABASE_URL }: { url?: string } = {}): (() => void) | null {
  if (!url) return null;
  listen(url);
  state.subscribers.add(onChange);
  return () => {
    state.subscribers.delete(onChange);
  };
}

/** Resolves once the listening connection is up (tests wait for it before they change a demand). */
export async function demandChangesReady(): Promise<void> {
  await state.listening;
}

/** Closes the listening connection (a test done with its database). */
export async function stopListeningForDemandChanges(): Promise<void> {
  const connection = state.connection;
  state.connection = undefined;
  state.url = undefined;
  state.subscribers.clear();
  clearTimeout(state.pending);
  state.pending = undefined;
  await connection?.end();
}
