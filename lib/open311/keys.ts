import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { desc, eq, isNull, and } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/guards';
import { assertAdmin, refused, type AdminResult } from '@/lib/admin/authorize';
import { getDb } from '@/lib/db/client';
import { open311Clients, type Open311Client } from '@/lib/db/schema';
import { fieldErrorsOf, EmailSchema } from '@/lib/domain/intake-schema';
import { lineText } from '@/lib/domain/plain-text';

/**
 * API keys of Open311 clients (third-party apps that post requests). 32 random bytes, shown once when
 * issued; only the SHA-256 is kept — the key is random and long, so a fast hash is enough, and every
 * POST checks it with one indexed lookup. A revoked key stays in the table so its use is refused.
 */

const KEY_PREFIX = 'o311_';

export function hashOpen311Key(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

const IssueKeySchema = z.object({
  name: lineText({ error: 'Informe o nome do aplicativo.' }).min(3, { error: 'Informe o nome do aplicativo (pelo menos 3 caracteres).' }).max(120, { error: 'O nome pode ter até 120 caracteres.' }),
  contactEmail: z.preprocess((value) => (value === '' ? undefined : value), EmailSchema.optional()),
});

/** Issues a key for a new client; the key itself is returned this once and never stored. */
export async function issueOpen311Key(actor: Actor | null, input: unknown): Promise<AdminResult<{ id: string; key: string; name: string }>> {
  assertAdmin(actor);
  const parsed = IssueKeySchema.safeParse(input);
  if (!parsed.success) return refused('Confira os campos destacados.', fieldErrorsOf(parsed.error));
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const db = await getDb();
  const [row] = await db
    .insert(open311Clients)
    .values({ name: parsed.data.name, contactEmail: parsed.data.contactEmail ?? null, keyHash: hashOpen311Key(key), keyPrefix: key.slice(0, KEY_PREFIX.length + 6), createdByUserId: actor.userId })
    .returning({ id: open311Clients.id });
  if (!row) throw new Error('Insert returned no client');
  return { ok: true, value: { id: row.id, key, name: parsed.data.name } };
}

export async function revokeOpen311Key(actor: Actor | null, input: unknown): Promise<AdminResult> {
  assertAdmin(actor);
  const parsed = z.object({ clientId: z.uuid({ error: 'Chave inválida.' }) }).safeParse(input);
  if (!parsed.success) return refused('Chave inválida.');
  const db = await getDb();
  const rows = await db
    .update(open311Clients)
    .set({ revokedAt: new Date() })
    .where(and(eq(open311Clients.id, parsed.data.clientId), isNull(open311Clients.revokedAt)))
    .returning({ id: open311Clients.id });
  if (!rows.length) return refused('Esta chave não existe ou já foi revogada.');
  return { ok: true, value: undefined };
}

export type Open311ClientView = Pick<Open311Client, 'id' | 'name' | 'contactEmail' | 'keyPrefix' | 'createdAt' | 'lastUsedAt' | 'revokedAt'>;

export async function listOpen311Clients(actor: Actor | null): Promise<Open311ClientView[]> {
  assertAdmin(actor);
  const db = await getDb();
  return db
    .select({
      id: open311Clients.id,
      name: open311Clients.name,
      contactEmail: open311Clients.contactEmail,
      keyPrefix: open311Clients.keyPrefix,
      createdAt: open311Clients.createdAt,
      lastUsedAt: open311Clients.lastUsedAt,
      revokedAt: open311Clients.revokedAt,
    })
    .from(open311Clients)
    .orderBy(desc(open311Clients.createdAt));
}

export type KeyCheck = { ok: true; client: { id: string; name: string } } | { ok: false; reason: 'missing' | 'unknown' | 'revoked' };

/** Who is posting: the client whose key this is, unless the key is unknown or revoked. */
export async function authenticateOpen311Key(key: string | null | undefined, now = new Date()): Promise<KeyCheck> {
  if (!key) return { ok: false, reason: 'missing' };
  const db = await getDb();
  const [row] = await db
    .select({ id: open311Clients.id, name: open311Clients.name, revokedAt: open311Clients.revokedAt })
    .from(open311Clients)
    .where(eq(open311Clients.keyHash, hashOpen311Key(key)));
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revokedAt) return { ok: false, reason: 'revoked' };
  await db.update(open311Clients).set({ lastUsedAt: now }).where(eq(open311Clients.id, row.id));
  return { ok: true, client: { id: row.id, name: row.name } };
}
