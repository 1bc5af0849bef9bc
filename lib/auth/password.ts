import 'server-only';
import { eq } from 'drizzle-orm';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { EmailSchema } from '@/lib/domain/intake-schema';

export const SignInSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1, { error: 'Informe a senha.' }).max(200),
});

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Returns the user for a right e-mail and password of an active account, or null. */
export async function verifyPassword(credentials: unknown): Promise<{ id: string; name: string; email: string } | null> {
  const parsed = SignInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, parsed.data.email));
  if (!user?.passwordHash || !user.active) return null;
  if (!(await verify(user.passwordHash, parsed.data.password))) return null;
  return { id: user.id, name: user.name, email: user.email };
}
