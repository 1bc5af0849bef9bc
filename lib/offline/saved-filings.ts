/**
 * Forms filled without a connection, kept on the phone (IndexedDB) until they can be sent. Shared by the
 * page (components/offline/use-offline-filing.tsx) and the service worker (lib/offline/sw.ts), which both
 * send what is waiting: the page when the connection returns while it is open, the worker on a
 * Background Sync event when the page was closed. Each saved form carries the idempotency key its page
 * was rendered with, so two senders racing, or a send whose answer was lost, still file it once
 * (lib/demands/submission-key.ts). No React, no server code: this runs in both contexts.
 */

/** The hidden field of the intake forms that carries the key (lib/actions/form-state.ts). */
export const KEY_FIELD = 'idempotencyKey';
/**
 * The prefix of a key the phone made up for a form whose page key was already used (a page opened
 * from the cache and filled twice): the server's key is fetched and stored before its first send.
 */
export const LOCAL_KEY_PREFIX = 'local:';

export const SAVED_FILINGS_ENDPOINT = '/api/envio-guardado';
export const SAVED_FILINGS_SYNC_TAG = 'envios-guardados';
export const SAVED_FILINGS_MESSAGE = 'envios-guardados:atualizado';

const DATABASE = 'ouvidoria-offline';
const WAITING = 'waiting';
const SENT = 'sent';

export type SavedField = [name: string, value: string | Blob, fileName?: string];

export type SavedFiling = {
  /** The idempotency key of the form render (or a fresh one fetched before the first send). */
  key: string;
  /** The page the form was on: it shows the result when opened again. */
  path: string;
  service: 'ouvidoria' | 'balcao';
  fields: SavedField[];
  savedAt: number;
};

/** The answer to a sent form: the receipt, or what the citizen must fix (the page puts the values back). */
export type SendOutcome =
  | { status: 'filed'; receipt: unknown }
  | { status: 'invalid'; message: string; fieldErrors: Record<string, string[]>; values: Record<string, string> };

export type SentFiling = { key: string; path: string; outcome: SendOutcome; sentAt: number };

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(WAITING, { keyPath: 'key' });
      request.result.createObjectStore(SENT, { keyPath: 'key' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(store: string, mode: IDBTransactionMode, act: (objects: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const database = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(store, mode);
      const request = act(transaction.objectStore(store));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    database.close();
  }
}

export const saveFiling = (filing: SavedFiling) => run(WAITING, 'readwrite', (store) => store.put(filing)).then(() => undefined);
export const waitingFilings = () => run<SavedFiling[]>(WAITING, 'readonly', (store) => store.getAll() as IDBRequest<SavedFiling[]>);
export const sentFilings = () => run<SentFiling[]>(SENT, 'readonly', (store) => store.getAll() as IDBRequest<SentFiling[]>);
export const forgetSent = (key: string) => run(SENT, 'readwrite', (store) => store.delete(key)).then(() => undefined);

async function recordSent(filing: SavedFiling, outcome: SendOutcome) {
  const database = await open();
  try {
    await new Promise<void>((resolve, reject) => {
      const transaction = database.transaction([WAITING, SENT], 'readwrite');
      // The page and the service worker may both have sent it: only the first to answer records it, so
      // an answer already shown (and forgotten) does not come back at the next visit.
      const waiting = transaction.objectStore(WAITING).count(filing.key);
      waiting.onsuccess = () => {
        if (waiting.result === 0) return;
        transaction.objectStore(SENT).put({ key: filing.key, path: filing.path, outcome, sentAt: Date.now() } satisfies SentFiling);
        transaction.objectStore(WAITING).delete(filing.key);
      };
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
    });
  } finally {
    database.close();
  }
}

let sending: Promise<number> | null = null;

/**
 * Sends every waiting form once (concurrent calls in one context share the run). A form whose send fails
 * on the network stays waiting; one the server answered (filed, or to be corrected) moves to SENT.
 * Returns how many got an answer.
 */
export function sendWaitingFilings(): Promise<number> {
  sending ??= sendAll().finally(() => {
    sending = null;
  });
  return sending;
}

/**
 * Swaps a local key for one the server signed, stored before the first send so a retry reuses it. The
 * page and the service worker may both try: only the first to store its key sends (null for the other).
 */
async function withServerKey(filing: SavedFiling): Promise<SavedFiling | null> {
  if (!filing.key.startsWith(LOCAL_KEY_PREFIX)) return filing;
  const response = await fetch(SAVED_FILINGS_ENDPOINT, { cache: 'no-store', credentials: 'same-origin' });
  if (!response.ok) throw new Error('no key');
  const { key } = (await response.json()) as { key: string };
  const keyed = { ...filing, key };
  const database = await open();
  try {
    return await new Promise<SavedFiling | null>((resolve, reject) => {
      let stored = false;
      const transaction = database.transaction(WAITING, 'readwrite');
      const local = transaction.objectStore(WAITING).count(filing.key);
      local.onsuccess = () => {
        if (local.result === 0) return;
        transaction.objectStore(WAITING).delete(filing.key);
        transaction.objectStore(WAITING).put(keyed);
        stored = true;
      };
      transaction.oncomplete = () => resolve(stored ? keyed : null);
      transaction.onerror = () => reject(transaction.error);
    });
  } finally {
    database.close();
  }
}

/** Whether a form with this key is already kept (waiting or answered): its page came from the cache. */
export async function keyInUse(key: string): Promise<boolean> {
  const [waiting, sent] = await Promise.all([
    run(WAITING, 'readonly', (store) => store.count(key)),
    run(SENT, 'readonly', (store) => store.count(key)),
  ]);
  return waiting + sent > 0;
}

async function sendAll(): Promise<number> {
  let answered = 0;
  for (const saved of await waitingFilings()) {
    let filing: SavedFiling | null;
    try {
      filing = await withServerKey(saved);
    } catch {
      return answered;
    }
    if (!filing) continue;
    const body = new FormData();
    for (const [name, value, fileName] of filing.fields) {
      if (typeof value === 'string') body.append(name, value);
      else body.append(name, value, fileName);
    }
    body.set('service', filing.service);
    body.set(KEY_FIELD, filing.key);
    let response: Response;
    try {
      response = await fetch(SAVED_FILINGS_ENDPOINT, { method: 'POST', body, credentials: 'same-origin' });
    } catch {
      return answered;
    }
    // 429 (too many posts) and 5xx: the server did not file it; try again at the next chance.
    if (response.status !== 200 && response.status !== 422) continue;
    const outcome = (await response.json()) as SendOutcome;
    await recordSent(filing, outcome);
    answered += 1;
  }
  return answered;
}
