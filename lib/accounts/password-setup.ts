import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { passwordSetupTokens, sessions, users } from '@/lib/db/schema';
import { appUrl } from '@/lib/delivery/config';
import { EmailSchema, fieldErrorsOf, type FieldErrors } from '@/lib/domain/intake-schema';
import { hashPassword, NewPasswordSchema } from '@/lib/auth/password';
import { clearSignInFailures } from '@/lib/auth/password-sign-in';

/**
 * One-time links to set a password, for the first administrator of an install: nobody can sign in yet to
 * create one, and a password typed on a command line stays in the shell's history. The command prints a
 * link; whoever opens it sets the password once, before it expires. Only the token's hash is stored.
 */

export const PASSWORD_SETUP_LINK_TTL_HOURS = 24;

export const PASSWORD_SETUP_PATH = '/definir-senha';

const INVALID_LINK_MESSAGE = 'Este link para definir a senha não vale mais: ele já foi usado ou expirou. Peça um novo link a quem administra o sistema.';

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A fresh link for the account; any earlier unused link of the account stops working. */
export async function issuePasswordSetupLink(userId: string, now = new Date()): Promise<{ url: string; expiresAt: Date }> {
  const db = await getDb();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + PASSWORD_SETUP_LINK_TTL_HOURS * 3_600_000);
  await db.transaction(async (tx) => {
    await tx.delete(passwordSetupTokens).where(and(eq(passwordSetupTokens.userId, userId), isNull(passwordSetupTokens.usedAt)));
    await tx.insert(passwordSetupTokens).values({ userId, tokenHash: tokenHash(token), expiresAt, createdAt: now });
  });
  return { url: `${appUrl()}${PASSWORD_SETUP_PATH}/${token}`, expiresAt };
}

/** Whether the link still works (for the page to show the form or say it does not). */
export async function passwordSetupLinkIsValid(token: string, now = new Date()): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const db = await getDb();
  const [row] = await db
    .select({ id: passwordSetupTokens.id })
    .from(passwordSetupTokens)
    .where(and(eq(passwordSetupTokens.tokenHash, tokenHash(token)), isNull(passwordSetupTokens.usedAt), gt(passwordSetupTokens.expiresAt, now)));
  return Boolean(row);
}

export const SetPasswordSchema = z
  .object({
    token: z.string({ error: INVALID_LINK_MESSAGE }).min(1, { error: INVALID_LINK_MESSAGE }).max(200, { error: INVALID_LINK_MESSAGE }),
    password: NewPasswordSchema,
    passwordConfirmation: z.string({ error: 'Repita a senha.' }),
  })
  .refine((value) => value.password === value.passwordConfirmation, { path: ['passwordConfirmation'], error: 'As duas senhas não são iguais.' });

export type SetPasswordResult = { ok: true; email: string } | { ok: false; fieldErrors: FieldErrors };

/**
 * Sets the password with a link's token. The token is spent in the same transaction that sets the
 * password, so two posts of one link set it once; every session of the account ends.
 */
export async function setPasswordWithLink(input: unknown, now = new Date()): Promise<SetPasswordResult> {
  const parsed = SetPasswordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const passwordHash = await hashPassword(parsed.data.password);
  const db = await getDb();
  const email = await db.transaction(async (tx) => {
    const [spent] = await tx
      .update(passwordSetupTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordSetupTokens.tokenHash, tokenHash(parsed.data.token)), isNull(passwordSetupTokens.usedAt), gt(passwordSetupTokens.expiresAt, now)))
      .returning({ userId: passwordSetupTokens.userId });
    if (!spent) return null;
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, spent.userId), eq(users.active, true)))
      .returning({ email: users.email });
    if (!user) return null;
    await tx.delete(sessions).where(eq(sessions.userId, spent.userId));
    return user.email;
  });
  if (!email) return { ok: false, fieldErrors: { form: [INVALID_LINK_MESSAGE] } };
  await clearSignInFailures(email);
  return { ok: true, email };
}

export const CreateAdministratorSchema = z.object({
  email: z.string({ error: 'Informe o e-mail com --email.' }).pipe(EmailSchema),
  name: z
    .string({ error: 'Informe o nome com --name.' })
    .trim()
    .min(3, { error: 'Informe o nome completo com --name.' })
    .max(120, { error: 'O nome pode ter até 120 caracteres.' }),
});

export type CreateAdministratorResult =
  | { ok: true; created: boolean; email: string; url: string; expiresAt: Date }
  | { ok: false; errors: string[] };

/**
 * `npm run admin:create`: an administrator account without a password, and the link to set it. Run
 * again for the same administrator (the link expired or was lost), it issues a new link; an e-mail that
 * belongs to anyone else is refused, so the command cannot turn an existing account into an admin.
 */
export async function createAdministrator(input: unknown, now = new Date()): Promise<CreateAdministratorResult> {
  const parsed = CreateAdministratorSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: Object.values(fieldErrorsOf(parsed.error)).flat().filter((message) => message !== undefined) };
  const { email, name } = parsed.data;
  const db = await getDb();
  // The person running the command vouches for the address, as an admin does when creating staff.
  const [created] = await db
    .insert(users)
    .values({ email, name, role: 'admin', emailVerified: now, createdAt: now })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  let userId = created?.id;
  if (!userId) {
    const [existing] = await db.select({ id: users.id, role: users.role, active: users.active }).from(users).where(eq(users.email, email));
    if (!existing || existing.role !== 'admin' || !existing.active) {
      return { ok: false, errors: [`Já existe uma conta com o e-mail ${email} que não é de um administrador ativo; use outro e-mail.`] };
    }
    userId = existing.id;
  }
  const link = await issuePasswordSetupLink(userId, now);
  return { ok: true, created: Boolean(created), email, ...link };
}
