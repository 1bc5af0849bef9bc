import 'server-only';
import { ImapFlow } from 'imapflow';
import { getDb, type Database } from '@/lib/db/client';
import { componentLog, errorKind } from '@/lib/log';
import { emailIntakeConfig, imapConfig, PROCESSED_KEYWORD, type EmailIntakeConfig, type ImapConfig } from './config';
import { isProcessedUid, processEmail, type MailboxLocation, type ProcessResult } from './inbound';
import { releaseReaderLease, takeReaderLease } from './lease';

/**
 * The mailbox reader, run by the worker. It holds the folder's lease (lease.ts), connects, and works
 * every message not yet marked processed, oldest first: fetch, apply once (inbound.ts), then mark it
 * in the mailbox — the keyword `$OuvidoriaProcessed` and `\Seen`, or a move to IMAP_PROCESSED_FOLDER.
 * A message that failed stays unmarked and is tried again when due. Between rounds it waits for the
 * server's news (IMAP IDLE where offered; imapflow sends NOOPs where not) or IMAP_POLL_MS, whichever
 * comes first. A lost connection is opened again with backoff (from IMAP_RECONNECT_BASE_MS up to a
 * minute).
 *
 * A crash between the database commit and the mark leaves a message unmarked but recorded: the next
 * round finds its UID (or its Message-ID) processed and only marks it.
 */

export type ReaderHandle = { stop: () => Promise<void>; stopped: Promise<void> };

export type ReaderOptions = {
  config?: ImapConfig;
  db?: Database;
  holder?: string;
  /** How long the lease lasts without renewal (IMAP_LEASE_MS, 60 s). */
  leaseMs?: number;
  clock?: () => Date;
  /** Called after each message is handled (tests watch progress with it). */
  onMessage?: (uid: number, result: ProcessResult) => void;
};

const MAX_RECONNECT_MS = 60_000;

export function readerLeaseMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.IMAP_LEASE_MS ?? '');
  return Number.isFinite(value) && value >= 500 ? value : 60_000;
}

export function startEmailReader(options: ReaderOptions & { holder: string }): ReaderHandle | null {
  // A wrong setting stops here, before any connection (production refuses to start with one: lib/startup).
  const config = options.config ?? imapConfig();
  if (!config) return null;
  const intake = emailIntakeConfig();
  const log = componentLog('email-reader', { folder: config.folder });
  const clock = options.clock ?? (() => new Date());
  const leaseMs = options.leaseMs ?? readerLeaseMs();
  let stopping = false;
  let wake: (() => void) | undefined;
  let client: ImapFlow | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const loop = async () => {
    let failures = 0;
    while (!stopping) {
      const db = options.db ?? (await getDb());
      try {
        if (!(await takeReaderLease(db, { folder: config.folder, holder: options.holder, now: clock(), leaseMs }))) {
          await sleep(Math.max(250, leaseMs / 3));
          continue;
        }
        client = connectClient(config);
        const connection = client;
        const lost = new Promise<void>((resolve) => connection.once('close', () => resolve()));
        connection.on('error', (error: unknown) => log.warn(errorKind(error), 'IMAP connection error'));
        connection.on('exists', () => wake?.());
        await connection.connect();
        const mailbox = await connection.mailboxOpen(config.folder);
        const uidValidity = String(mailbox.uidValidity);
        const keywords = mailbox.permanentFlags?.has('\\*') ?? false;
        log.info({ idle: connection.capabilities.has('IDLE'), keywords }, 'reading the mailbox');
        failures = 0;
        while (!stopping && connection.usable) {
          const nextDue = await workMailbox(connection, db, {
            folder: config.folder,
            uidValidity,
            keywords,
            config,
            intake,
            clock,
            onMessage: options.onMessage,
            shouldStop: () => stopping,
            log,
          });
          if (stopping || !connection.usable) break;
          if (!(await takeReaderLease(db, { folder: config.folder, holder: options.holder, now: clock(), leaseMs }))) {
            log.info('lease taken by another reader; stepping aside');
            break;
          }
          const untilDue = nextDue ? Math.max(50, nextDue.getTime() - clock().getTime()) : Number.POSITIVE_INFINITY;
          await Promise.race([sleep(Math.min(config.pollMs, untilDue, leaseMs / 3)), lost]);
        }
        await connection.logout().catch(() => connection.close());
      } catch (error) {
        failures++;
        client?.close();
        const delay = Math.min(MAX_RECONNECT_MS, config.reconnectBaseMs * 2 ** Math.min(failures - 1, 10));
        log.warn({ ...errorKind(error), retryInMs: delay }, 'mailbox unreachable; trying again');
        await sleep(delay);
      } finally {
        client = undefined;
      }
    }
    try {
      await releaseReaderLease(options.db ?? (await getDb()), { folder: config.folder, holder: options.holder });
    } catch (error) {
      log.warn(errorKind(error), 'could not release the reader lease; it runs out by itself');
    }
    log.info('stopped');
  };

  const stopped = loop();
  return {
    stopped,
    stop: async () => {
      stopping = true;
      wake?.();
      await stopped;
    },
  };
}

function connectClient(config: ImapConfig): ImapFlow {
  return new ImapFlow({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.accessToken ? { user: config.user, accessToken: config.accessToken } : { user: config.user, pass: config.pass },
    logger: false,
    // Re-issue IDLE now and then: some servers drop a silent IDLE after 30 minutes.
    maxIdleTime: 5 * 60_000,
    ...(config.tlsInsecure ? { tls: { rejectUnauthorized: false } } : {}),
  });
}

type WorkContext = {
  folder: string;
  uidValidity: string;
  keywords: boolean;
  config: ImapConfig;
  intake: EmailIntakeConfig;
  clock: () => Date;
  onMessage?: (uid: number, result: ProcessResult) => void;
  shouldStop: () => boolean;
  log: ReturnType<typeof componentLog>;
};

/** One round over the unmarked messages; returns when the earliest failed one is due again. */
async function workMailbox(client: ImapFlow, db: Database, context: WorkContext): Promise<Date | null> {
  const query = context.keywords ? { unKeyword: PROCESSED_KEYWORD } : { all: true };
  const uids = ((await client.search(query, { uid: true })) || []).sort((a, b) => a - b);
  let nextDue: Date | null = null;
  for (const uid of uids) {
    if (context.shouldStop() || !client.usable) break;
    const location: MailboxLocation = { folder: context.folder, uidValidity: context.uidValidity, uid };
    if (await isProcessedUid(db, location)) {
      await markProcessed(client, uid, context);
      continue;
    }
    const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
    if (!message || !message.source) continue;
    const result = await processEmail(message.source, location, { db, now: context.clock(), config: context.intake });
    context.onMessage?.(uid, result);
    if (result.status === 'processed' || result.status === 'already_processed') {
      if (result.status === 'processed') context.log.info({ uid, outcome: result.outcome }, 'message processed');
      await markProcessed(client, uid, context);
    } else {
      if (result.status === 'failed') context.log.warn({ uid, retryAt: result.retryAt.toISOString() }, 'message failed; it stays in the mailbox');
      if (!nextDue || result.retryAt < nextDue) nextDue = result.retryAt;
    }
  }
  return nextDue;
}

async function markProcessed(client: ImapFlow, uid: number, context: WorkContext): Promise<void> {
  await client.messageFlagsAdd(String(uid), context.keywords ? ['\\Seen', PROCESSED_KEYWORD] : ['\\Seen'], { uid: true });
  if (context.config.processedFolder) await client.messageMove(String(uid), context.config.processedFolder, { uid: true });
}
