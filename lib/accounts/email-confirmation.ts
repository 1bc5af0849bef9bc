import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { and, eq, gt, like } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { users, verificationTokens } from '@/lib/db/schema';
import { appUrl } from '@/lib/delivery/config';
import { sendEmail } from '@/lib/delivery/email';
import { escapeHtml } from '@/lib/auth/sign-in-link';
import { fieldErrorsOf, type FieldErrors } from '@/lib/domain/intake-schema';
import { formatDateTime } from '@/lib/domain/labels';
import { municipality } from '@/lib/municipality';

/**
 * Confirming the e-mail of a new account. The link proves the inbox; the password typed on the page it
 * opens proves the same person set the password. Both are needed: if the link alone confirmed the
 * account, the owner of an e-mail that a stranger signed up with would, by clicking "confirmar", switch on
 * the stranger's password. (The owner signs in by link instead, which discards that password.)
 */

export const EMAIL_CONFIRMATION_HOURS = 48;

const IDENTIFIER_PREFIX = 'confirm-email:';

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function confirmationPath(token: string): string {
  return `/cadastro/confirmar?${new URLSearchParams({ token })}`;
}

/** Stores a one-time token (hashed) for the account and e-mails the link to its address. */
export async function sendEmailConfirmation(user: { id: string; email: string }, now = new Date()): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + EMAIL_CONFIRMATION_HOURS * 3600_000);
  const db = await getDb();
  await db.insert(verificationTokens).values({ identifier: `${IDENTIFIER_PREFIX}${user.id}`, token: digest(token), expires });
  const url = `${appUrl()}${confirmationPath(token)}`;
  const until = formatDateTime(expires);
  const site = municipality.siteName;
  const text = [
    'Olá,',
    '',
    `Alguém criou uma conta na ${site} com este e-mail. Se foi você, abra o link abaixo e digite a senha que você escolheu para confirmar o e-mail (vale até ${until}):`,
    '',
    url,
    '',
    'Se não foi você, não abra o link nem confirme: entre na sua conta pedindo um link de acesso na página Entrar. A senha criada por outra pessoa deixará de valer.',
    '',
    municipality.prefeitura,
  ].join('\n');
  const html = `<!doctype html>
<html lang="pt-BR"><body style="font-family: Arial, sans-serif; color: #0f172a; line-height: 1.5">
<p>Olá,</p>
<p>Alguém criou uma conta na ${escapeHtml(site)} com este e-mail. Se foi você, abra o link abaixo e digite a senha que você escolheu para confirmar o e-mail (vale até ${escapeHtml(until)}).</p>
<p><a href="${escapeHtml(url)}" style="display: inline-block; background: #0b4f8a; color: #ffffff; padding: 12px 20px; border-radius: 4px; text-decoration: none; font-weight: bold">Confirmar meu e-mail</a></p>
<p>Se o botão não funcionar, copie este endereço no navegador:<br>${escapeHtml(url)}</p>
<p><strong>Se não foi você</strong>, não confirme: entre na sua conta pedindo um link de acesso na página Entrar. A senha criada por outra pessoa deixará de valer.</p>
<p>${escapeHtml(municipality.prefeitura)}</p>
</body></html>`;
  await sendEmail({ to: user.email, subject: `Confirme seu e-mail — ${site}`, html, text, idempotencyKey: `confirm-email:${digest(token).slice(0, 40)}` });
}

const ConfirmSchema = z.object({
  token: z.string().min(1).max(200),
  password: z.string({ error: 'Digite a senha que você criou no cadastro.' }).min(1, { error: 'Digite a senha que você criou no cadastro.' }).max(200),
});

export type ConfirmEmailResult =
  | { ok: true; email: string }
  | { ok: false; reason: 'invalid_link' }
  | { ok: false; reason: 'invalid'; fieldErrors: FieldErrors };

export const WRONG_PASSWORD_MESSAGE = 'A senha não confere com a criada no cadastro. Se não foi você quem criou esta conta, entre pedindo um link de acesso.';

/** Marks the e-mail verified when the link is valid and the password is the account's; the link is then used up. */
export async function confirmEmail(input: unknown, now = new Date()): Promise<ConfirmEmailResult> {
  const parsed = ConfirmSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return fieldErrors.token ? { ok: false, reason: 'invalid_link' } : { ok: false, reason: 'invalid', fieldErrors };
  }
  const db = await getDb();
  const [row] = await db
    .select({ identifier: verificationTokens.identifier })
    .from(verificationTokens)
    .where(and(eq(verificationTokens.token, digest(parsed.data.token)), like(verificationTokens.identifier, `${IDENTIFIER_PREFIX}%`), gt(verificationTokens.expires, now)));
  if (!row) return { ok: false, reason: 'invalid_link' };
  const userId = row.identifier.slice(IDENTIFIER_PREFIX.length);
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user?.active) return { ok: false, reason: 'invalid_link' };
  if (!user.passwordHash || !(await verify(user.passwordHash, parsed.data.password))) {
    return { ok: false, reason: 'invalid', fieldErrors: { password: [WRONG_PASSWORD_MESSAGE] } };
  }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ emailVerified: user.emailVerified ?? now }).where(eq(users.id, userId));
    await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, row.identifier));
  });
  return { ok: true, email: user.email };
}
