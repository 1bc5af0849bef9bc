import 'server-only';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { sendEmail } from '@/lib/delivery/email';
import { linkOnAppUrl } from '@/lib/delivery/links';
import { formatDateTime } from '@/lib/domain/labels';
import { municipality } from '@/lib/municipality';
import { hitRateLimit, peekRateLimit, type RateLimitRule } from '@/lib/rate-limit';
import { clientAddress } from '@/lib/http/client-address';

/** How long an e-mailed sign-in link works; it also works only once. */
export const SIGN_IN_LINK_MAX_AGE_SECONDS = 30 * 60;

/** Links sent, so that nobody can fill a stranger's inbox. */
export const SIGN_IN_LINK_LIMITS = {
  perAccount: { limit: 3, windowSeconds: 15 * 60 },
  perAddress: { limit: 10, windowSeconds: 15 * 60 },
} as const satisfies Record<string, RateLimitRule>;

const accountKey = (email: string) => `sign-in-link:account:${email}`;
const addressKey = (address: string) => `sign-in-link:address:${address}`;

/**
 * Only an existing, active citizen account may sign in with a link: nobody gets an account by asking
 * for one, and staff sign in with their password.
 */
export async function mayUseSignInLink(userId: string | undefined): Promise<boolean> {
  if (!userId) return false;
  const db = await getDb();
  const [user] = await db.select({ active: users.active, role: users.role }).from(users).where(eq(users.id, userId));
  return Boolean(user?.active && user.role === 'citizen');
}

/** When the next link may be asked for, or null if one may be sent now (nothing is counted here). */
export async function signInLinkBlockedUntil(email: string, clientAddress: string, now = new Date()): Promise<Date | null> {
  const [account, address] = await Promise.all([
    peekRateLimit(accountKey(email), SIGN_IN_LINK_LIMITS.perAccount, now),
    peekRateLimit(addressKey(clientAddress), SIGN_IN_LINK_LIMITS.perAddress, now),
  ]);
  const waits = [account, address].filter((limit) => limit.remaining === 0).map((limit) => limit.retryAfterSeconds);
  return waits.length ? new Date(now.getTime() + Math.max(...waits) * 1000) : null;
}

/**
 * Auth.js's `sendVerificationRequest`: e-mails the one-time link through our mailer (Resend, or the dev
 * mailbox). Over the limit it sends nothing, silently: the page answers the same either way, so the
 * answer never tells whether an e-mail has an account.
 */
export async function sendSignInLink(params: { identifier: string; url: string; token: string; expires: Date; request: Request }): Promise<void> {
  const now = new Date();
  const [account, address] = await Promise.all([
    hitRateLimit(accountKey(params.identifier), SIGN_IN_LINK_LIMITS.perAccount, now),
    hitRateLimit(addressKey(clientAddress(params.request.headers)), SIGN_IN_LINK_LIMITS.perAddress, now),
  ]);
  if (!account.allowed || !address.allowed) return;
  const message = signInLinkMessage(linkOnAppUrl(params.url), params.expires);
  // One key per link: a retried send never delivers the same link twice.
  const idempotencyKey = `sign-in-link:${createHash('sha256').update(params.token).digest('hex').slice(0, 40)}`;
  await sendEmail({ to: params.identifier, ...message, idempotencyKey });
}

export function signInLinkMessage(url: string, expires: Date): { subject: string; html: string; text: string } {
  const until = formatDateTime(expires);
  const subject = `Seu link de acesso — ${municipality.siteName}`;
  const text = [
    'Olá,',
    '',
    `Use o link abaixo para entrar na ${municipality.siteName} e confirmar seu e-mail.`,
    `Ele vale uma única vez, até ${until}:`,
    '',
    url,
    '',
    'Se você não pediu este link, ignore esta mensagem: sem ele ninguém entra na sua conta.',
    '',
    municipality.prefeitura,
  ].join('\n');
  const html = `<!doctype html>
<html lang="pt-BR"><body style="font-family: Arial, sans-serif; color: #0f172a; line-height: 1.5">
<p>Olá,</p>
<p>Use o botão abaixo para entrar na ${escapeHtml(municipality.siteName)} e confirmar seu e-mail.
Ele vale uma única vez, até ${escapeHtml(until)}.</p>
<p><a href="${escapeHtml(url)}" style="display: inline-block; background: #0b4f8a; color: #ffffff; padding: 12px 20px; border-radius: 4px; text-decoration: none; font-weight: bold">Entrar na minha conta</a></p>
<p>Se o botão não funcionar, copie este endereço no navegador:<br>${escapeHtml(url)}</p>
<p>Se você não pediu este link, ignore esta mensagem: sem ele ninguém entra na sua conta.</p>
<p>${escapeHtml(municipality.prefeitura)}</p>
</body></html>`;
  return { subject, html, text };
}

export function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
