import 'server-only';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { CpfSchema, EmailSchema, fieldErrorsOf, MobilePhoneSchema, type FieldErrors } from '@/lib/domain/intake-schema';
import { lineText } from '@/lib/domain/plain-text';
import { hashPassword, NewPasswordSchema } from '@/lib/auth/password';
import { formatTime } from '@/lib/domain/labels';
import { hitRateLimit, peekRateLimit, type RateLimitRule } from '@/lib/rate-limit';
import { sendEmailConfirmation } from './email-confirmation';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const SignUpSchema = z
  .object({
    name: lineText({ error: 'Informe seu nome.' })
      .min(3, { error: 'Informe seu nome completo.' })
      .max(120, { error: 'O nome pode ter até 120 caracteres.' }),
    email: z.string({ error: 'Informe seu e-mail.' }).pipe(EmailSchema),
    phone: z.string({ error: 'Informe seu celular.' }).pipe(MobilePhoneSchema),
    cpf: z.preprocess(blankToUndefined, CpfSchema.optional()),
    password: NewPasswordSchema,
    passwordConfirmation: z.string({ error: 'Repita a senha.' }),
  })
  .refine((value) => value.password === value.passwordConfirmation, {
    path: ['passwordConfirmation'],
    error: 'As duas senhas não são iguais.',
  });

/** Accounts created from one address (a counter or a school may share one, hence not fewer). */
export const SIGN_UP_LIMIT = { limit: 20, windowSeconds: 60 * 60 } as const satisfies RateLimitRule;

export type SignUpResult = { ok: true; user: { id: string; email: string } } | { ok: false; fieldErrors: FieldErrors };

export const DUPLICATE_EMAIL_MESSAGE = 'Já existe uma conta com este e-mail. Entre com sua senha ou peça um link de acesso.';

/**
 * A citizen creates their own account. The e-mail starts unverified, and until it is confirmed the
 * account cannot sign in with its password nor claim demands: anyone can type someone else's e-mail here.
 * It is confirmed by the e-mailed confirmation link plus the password (`email-confirmation.ts`), or by a
 * sign-in link, which also discards the password set here (`lib/accounts/sessions.ts`).
 */
export async function signUpCitizen(input: unknown, context: { clientAddress: string; now?: Date }): Promise<SignUpResult> {
  const parsed = SignUpSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const now = context.now ?? new Date();
  const limitKey = `sign-up:address:${context.clientAddress}`;
  const limit = await peekRateLimit(limitKey, SIGN_UP_LIMIT, now);
  if (limit.remaining === 0) {
    const retryAt = new Date(now.getTime() + limit.retryAfterSeconds * 1000);
    return { ok: false, fieldErrors: { form: [`Muitas contas foram criadas a partir desta conexão. Tente de novo a partir das ${formatTime(retryAt)}.`] } };
  }
  const { name, email, phone, cpf, password } = parsed.data;
  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({ name, email, phone, cpf: cpf ?? null, passwordHash: await hashPassword(password), role: 'citizen' })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email });
  // Saying the e-mail has an account is unavoidable on a sign-up form; nothing else about it is told.
  if (!user) return { ok: false, fieldErrors: { email: [DUPLICATE_EMAIL_MESSAGE] } };
  await hitRateLimit(limitKey, SIGN_UP_LIMIT, now);
  await sendEmailConfirmation(user, now);
  return { ok: true, user };
}
