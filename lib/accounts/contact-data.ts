import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { CpfSchema, fieldErrorsOf, MobilePhoneSchema, type FieldErrors } from '@/lib/domain/intake-schema';
import { lineText } from '@/lib/domain/plain-text';

/**
 * "Corrigir meus dados" (LGPD art. 18 III): the account's name, mobile and CPF, which start the public
 * forms. The e-mail is the sign-in and is not changed here (a new address would need the confirmation of
 * lib/accounts/email-confirmation.ts first). Demands keep the contact given when they were filed: that is
 * what the record says was received.
 */

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const ContactDataSchema = z.object({
  name: lineText({ error: 'Informe seu nome.' })
    .min(3, { error: 'Informe seu nome completo.' })
    .max(120, { error: 'O nome pode ter até 120 caracteres.' }),
  phone: optional(MobilePhoneSchema),
  cpf: optional(CpfSchema),
});

export type ContactData = { name: string; email: string; phone: string | null; cpf: string | null };

export async function readContactData(actor: Pick<Actor, 'userId'>): Promise<ContactData | null> {
  const db = await getDb();
  const [user] = await db.select({ name: users.name, email: users.email, phone: users.phone, cpf: users.cpf }).from(users).where(eq(users.id, actor.userId));
  return user ?? null;
}

export async function correctContactData(actor: Pick<Actor, 'userId'>, input: unknown): Promise<{ ok: true } | { ok: false; fieldErrors: FieldErrors }> {
  const parsed = ContactDataSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const db = await getDb();
  const updated = await db
    .update(users)
    .set({ name: parsed.data.name, phone: parsed.data.phone ?? null, cpf: parsed.data.cpf ?? null })
    .where(eq(users.id, actor.userId))
    .returning({ id: users.id });
  if (!updated.length) return { ok: false, fieldErrors: { form: ['Sua sessão terminou. Entre de novo.'] } };
  return { ok: true };
}
