import 'server-only';
import { Resend } from 'resend';
import { getDb } from '@/lib/db/client';
import { devMailbox } from '@/lib/db/schema';
import { emailDeliveryOff } from './config';

export type EmailMessage = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Resend drops a second send with the same key; the dev mailbox does too. */
  idempotencyKey?: string;
  /** Message-ID, In-Reply-To, References: how a mail client threads our e-mail with the citizen's. */
  headers?: Record<string, string>;
};

export class EmailDeliveryError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = 'EmailDeliveryError';
  }
}

export function emailFrom(): string {
  return process.env.EMAIL_FROM ?? 'Ouvidoria Digital <ouvidoria@localhost>';
}

/**
 * Sends through Resend when RESEND_API_KEY is set (RESEND_BASE_URL points the SDK elsewhere, as the
 * tests do); otherwise, or with EMAIL_DELIVERY=off, keeps the message in the development mailbox.
 */
export async function sendEmail(message: EmailMessage): Promise<{ id: string }> {
  const apiKey = process.env.RESEND_API_KEY;
  if (!apiKey || emailDeliveryOff()) return keepInDevMailbox(message);
  const resend = new Resend(apiKey);
  const { data, error } = await resend.emails.send(
    { from: emailFrom(), to: message.to, subject: message.subject, html: message.html, text: message.text, ...(message.headers ? { headers: message.headers } : {}) },
    message.idempotencyKey ? { idempotencyKey: message.idempotencyKey } : undefined,
  );
  if (error || !data) {
    const status = (error as { statusCode?: number | null } | null)?.statusCode ?? 0;
    throw new EmailDeliveryError(`Resend ${status || 'unreachable'}: ${error?.message ?? 'no message id'}`, isRetryable(status, error?.name));
  }
  return { id: data.id };
}

/**
 * Network failures, rate limits, Resend's own errors and "the first request with this key is still in
 * progress" are worth another try; a refused address or a malformed message is not.
 */
function isRetryable(status: number, name: string | undefined): boolean {
  if (status === 0 || status === 429 || status >= 500) return true;
  return status === 409 && name === 'concurrent_idempotent_requests';
}

async function keepInDevMailbox(message: EmailMessage): Promise<{ id: string }> {
  const db = await getDb();
  const [row] = await db
    .insert(devMailbox)
    .values({ recipient: message.to, subject: message.subject, html: message.html, text: message.text, idempotencyKey: message.idempotencyKey, headers: message.headers ?? {} })
    .onConflictDoUpdate({ target: devMailbox.idempotencyKey, set: { idempotencyKey: message.idempotencyKey } })
    .returning({ id: devMailbox.id });
  if (!row) throw new EmailDeliveryError('Dev mailbox returned no row', true);
  return { id: row.id };
}
