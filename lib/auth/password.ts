import 'server-only';
import { hash } from '@node-rs/argon2';
import { z } from 'zod';
import { EmailSchema } from '@/lib/domain/intake-schema';

export const SignInSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1, { error: 'Informe a senha.' }).max(200),
});

export const PASSWORD_MIN_LENGTH = 8;

/** A new password (sign-up, admin reset): long enough, and short enough to hash cheaply. */
export const NewPasswordSchema = z
  .string({ error: 'Crie uma senha.' })
  .min(PASSWORD_MIN_LENGTH, { error: `A senha precisa ter pelo menos ${PASSWORD_MIN_LENGTH} caracteres.` })
  .max(200, { error: 'A senha pode ter até 200 caracteres.' });

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}
