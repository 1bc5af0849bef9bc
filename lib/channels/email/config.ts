import { OUVIDORIA_KINDS, type Identity, type OuvidoriaKind } from '@/lib/domain/vocabulary';

/**
 * The e-mail channel's settings, read from the environment. Without IMAP_URL the channel is off: nothing
 * connects and nothing is read.
 *
 * - IMAP_URL: `imap://user:password@host:143` (STARTTLS when the server offers it) or
 *   `imaps://user:password@host:993` (TLS from the start). User and password are URL-encoded
 *   (`ouvidoria%40prefeitura.sp.gov.br`). With IMAP_ACCESS_TOKEN set, the URL carries only the user and
 *   the token signs in with XOAUTH2 (Google Workspace, Microsoft 365).
 * - IMAP_FOLDER: the folder read (INBOX).
 * - IMAP_PROCESSED_FOLDER: if set, each processed message is moved there; otherwise it stays in place,
 *   marked read (`\Seen`) and with the keyword `$OuvidoriaProcessed`. Mail that failed stays unmarked.
 */
export type ImapConfig = {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass?: string;
  accessToken?: string;
  folder: string;
  processedFolder?: string;
  /** Pause between checks when the server has no IDLE, and the longest wait for a retry to come due. */
  pollMs: number;
  /** Reconnection backoff after a lost connection: from this, doubling, up to a minute. */
  reconnectBaseMs: number;
  /** Accept a self-signed certificate (IMAP_TLS_INSECURE=true; a test or an internal server only). */
  tlsInsecure: boolean;
};

export type EmailIntakeConfig = {
  /** What a new e-mail files as (EMAIL_IN_KIND): a kind of Ouvidoria manifestação, `request` by default. */
  kind: OuvidoriaKind;
  /** The identity it files under (EMAIL_IN_IDENTITY): `identified` by default, or `confidential`. */
  identity: Extract<Identity, 'identified' | 'confidential'>;
  /** Messages one sender may send in an hour before the rest are taken for a robot's loop (EMAIL_IN_SENDER_HOURLY_LIMIT). */
  senderHourlyLimit: number;
  /** Failed messages are tried again after this, doubling up to an hour (EMAIL_IN_RETRY_BASE_MS). */
  retryBaseMs: number;
};

type Environment = Readonly<Record<string, string | undefined>>;

export const PROCESSED_KEYWORD = '$OuvidoriaProcessed';

export class ImapConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ImapConfigError';
  }
}

function numberFrom(env: Environment, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new ImapConfigError(name, `${name} must be a number ≥ 0, got "${raw}"`);
  return value;
}

/** Null when IMAP_URL is not set: the channel is off. */
export function imapConfig(env: Environment = process.env): ImapConfig | null {
  const raw = env.IMAP_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ImapConfigError('IMAP_URL', 'IMAP_URL must look like imaps://user:password@imap.example.org:993');
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') throw new ImapConfigError('IMAP_URL', 'IMAP_URL must start with imap:// or imaps://');
  const secure = url.protocol === 'imaps:';
  const user = decodeURIComponent(url.username);
  const pass = url.password ? decodeURIComponent(url.password) : undefined;
  const accessToken = env.IMAP_ACCESS_TOKEN?.trim() || undefined;
  if (!url.hostname || !user) throw new ImapConfigError('IMAP_URL', 'IMAP_URL needs a host and a user');
  if (!pass && !accessToken) throw new ImapConfigError('IMAP_URL', 'IMAP_URL needs a password, or set IMAP_ACCESS_TOKEN for OAuth');
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    user,
    ...(accessToken ? { accessToken } : { pass }),
    folder: env.IMAP_FOLDER?.trim() || 'INBOX',
    processedFolder: env.IMAP_PROCESSED_FOLDER?.trim() || undefined,
    pollMs: numberFrom(env, 'IMAP_POLL_MS', 60_000),
    reconnectBaseMs: numberFrom(env, 'IMAP_RECONNECT_BASE_MS', 2_000),
    tlsInsecure: env.IMAP_TLS_INSECURE === 'true',
  };
}

export function emailIntakeConfig(env: Environment = process.env): EmailIntakeConfig {
  const kind = env.EMAIL_IN_KIND?.trim() || 'request';
  if (!(OUVIDORIA_KINDS as readonly string[]).includes(kind)) {
    throw new ImapConfigError('EMAIL_IN_KIND', `EMAIL_IN_KIND must be one of complaint, denunciation, suggestion, praise, request, information; got "${kind}"`);
  }
  const identity = env.EMAIL_IN_IDENTITY?.trim() || 'identified';
  if (identity !== 'identified' && identity !== 'confidential') throw new ImapConfigError('EMAIL_IN_IDENTITY', 'EMAIL_IN_IDENTITY must be identified or confidential');
  return {
    kind: kind as OuvidoriaKind,
    identity,
    senderHourlyLimit: numberFrom(env, 'EMAIL_IN_SENDER_HOURLY_LIMIT', 10),
    retryBaseMs: numberFrom(env, 'EMAIL_IN_RETRY_BASE_MS', 60_000),
  };
}
