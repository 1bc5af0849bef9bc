import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { accounts, govbrLinkRequests, users } from '@/lib/db/schema';
import { sendEmail } from '@/lib/delivery/email';
import { appUrl } from '@/lib/delivery/config';
import { escapeHtml } from '@/lib/auth/sign-in-link';
import { formatDateTime } from '@/lib/domain/labels';
import { maskCpf, type GovbrTrustLevel } from '@/lib/domain/govbr';
import { municipality } from '@/lib/municipality';

/** How long the e-mailed confirmation works; it also works only once. */
export const GOVBR_LINK_MAX_AGE_SECONDS = 30 * 60;

export type GovbrIdentity = { cpf: string; name: string; email: string; emailVerified: boolean; trustLevel: GovbrTrustLevel | null };

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function govbrLinkPath(token: string): string {
  return `/entrar/gov-br/vincular?${new URLSearchParams({ token })}`;
}

/**
 * A first gov.br sign-in whose e-mail already has an account: nothing is joined yet. The owner of that
 * e-mail gets a one-time link; only following it (and confirming) joins gov.br to the account.
 */
export async function requestGovbrLink(userId: string, identity: GovbrIdentity, now = new Date()): Promise<void> {
  const db = await getDb();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + GOVBR_LINK_MAX_AGE_SECONDS * 1000);
  await db.insert(govbrLinkRequests).values({
    userId,
    tokenHash: hashToken(token),
    cpf: identity.cpf,
    name: identity.name,
    email: identity.email,
    trustLevel: identity.trustLevel,
    expiresAt,
  });
  const url = `${appUrl()}${govbrLinkPath(token)}`;
  await sendEmail({ to: identity.email, ...govbrLinkMessage(url, expiresAt), idempotencyKey: `govbr-link:${hashToken(token).slice(0, 40)}` });
}

export function govbrLinkMessage(url: string, expires: Date): { subject: string; html: string; text: string } {
  const until = formatDateTime(expires);
  const subject = `Confirme a vinculação da sua conta gov.br — ${municipality.siteName}`;
  const intro = `Alguém entrou com gov.br na ${municipality.siteName} usando este e-mail, que já tem uma conta aqui. Para juntar o gov.br à sua conta, abra o link abaixo até ${until} e confirme:`;
  const warning = 'Se não foi você, ignore esta mensagem: sem este link nada muda na sua conta.';
  const text = ['Olá,', '', intro, '', url, '', warning, '', municipality.prefeitura].join('\n');
  const html = `<!doctype html>
<html lang="pt-BR"><body style="font-family: Arial, sans-serif; color: #0f172a; line-height: 1.5">
<p>Olá,</p>
<p>${escapeHtml(intro)}</p>
<p><a href="${escapeHtml(url)}" style="display: inline-block; background: #0b4f8a; color: #ffffff; padding: 12px 20px; border-radius: 4px; text-decoration: none; font-weight: bold">Confirmar vinculação</a></p>
<p>Se o botão não funcionar, copie este endereço no navegador:<br>${escapeHtml(url)}</p>
<p>${escapeHtml(warning)}</p>
<p>${escapeHtml(municipality.prefeitura)}</p>
</body></html>`;
  return { subject, html, text };
}

/** What the confirmation page shows before the click (nothing changes by opening the link). */
export async function findGovbrLinkRequest(token: string, now = new Date()) {
  if (!token) return null;
  const db = await getDb();
  const [request] = await db
    .select({ email: users.email, cpf: govbrLinkRequests.cpf, trustLevel: govbrLinkRequests.trustLevel })
    .from(govbrLinkRequests)
    .innerJoin(users, eq(users.id, govbrLinkRequests.userId))
    .where(and(eq(govbrLinkRequests.tokenHash, hashToken(token)), isNull(govbrLinkRequests.usedAt), gt(govbrLinkRequests.expiresAt, now)));
  return request ? { email: request.email, maskedCpf: maskCpf(request.cpf), trustLevel: request.trustLevel } : null;
}

export type GovbrLinkResult = { ok: true } | { ok: false; reason: 'invalid' | 'cpf_taken' };

/**
 * Joins gov.br to the account, once: the CPF gov.br vouched for, the verified name and e-mail, the level.
 * A CPF already joined to another account is refused (one person, one account).
 */
export async function confirmGovbrLink(token: string, now = new Date()): Promise<GovbrLinkResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [request] = await tx
      .update(govbrLinkRequests)
      .set({ usedAt: now })
      .where(and(eq(govbrLinkRequests.tokenHash, hashToken(token)), isNull(govbrLinkRequests.usedAt), gt(govbrLinkRequests.expiresAt, now)))
      .returning();
    if (!request) return { ok: false, reason: 'invalid' } as const;
    const [holder] = await tx.select({ id: users.id }).from(users).where(eq(users.govbrCpf, request.cpf));
    if (holder && holder.id !== request.userId) return { ok: false, reason: 'cpf_taken' } as const;
    const [user] = await tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, request.userId));
    if (!user?.active) return { ok: false, reason: 'invalid' } as const;
    await tx
      .update(users)
      .set({
        govbrCpf: request.cpf,
        govbrTrustLevel: request.trustLevel,
        govbrVerifiedAt: now,
        // The click proves the e-mail; a citizen's name becomes the one gov.br verified.
        emailVerified: sql`coalesce(${users.emailVerified}, ${now.toISOString()}::timestamptz)`,
        ...(user.role === 'citizen' && request.name ? { name: request.name } : {}),
      })
      .where(eq(users.id, request.userId));
    await tx
      .insert(accounts)
      .values({ userId: request.userId, type: 'oidc', provider: 'govbr', providerAccountId: request.cpf })
      .onConflictDoNothing();
    return { ok: true } as const;
  });
}
