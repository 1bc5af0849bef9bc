import 'server-only';
import { eq, or, sql } from 'drizzle-orm';
import type { Executor } from '@/lib/db/client';
import { whatsappContacts, whatsappConversations, type WhatsappContact } from '@/lib/db/schema';
import { normalizeMobilePhone } from '@/lib/domain/phone';
import { isBusinessScopedUserId, phoneFromWaId, waIdFromPhone } from './identity';
import type { Recipient } from './messages';

export type ContactIdentity = { waId?: string; userId?: string; profileName?: string };

/**
 * Finds the contact a message came from by any identifier it carries (phone id, user id, or the phone
 * number behind a 12-digit Brazilian wa_id) and brings its identifiers up to date; creates it if new.
 */
export async function upsertContact(db: Executor, identity: ContactIdentity, inboundAt?: Date): Promise<WhatsappContact> {
  const phone = phoneFromWaId(identity.waId);
  const existing = await findContact(db, { waId: identity.waId, userId: identity.userId, phone });
  if (existing) {
    const taken = async (column: typeof whatsappContacts.waId | typeof whatsappContacts.userId, value: string) => {
      const [other] = await db.select({ id: whatsappContacts.id }).from(whatsappContacts).where(eq(column, value));
      return Boolean(other && other.id !== existing.id);
    };
    const [updated] = await db
      .update(whatsappContacts)
      .set({
        ...(identity.waId && identity.waId !== existing.waId && !(await taken(whatsappContacts.waId, identity.waId)) ? { waId: identity.waId } : {}),
        ...(identity.userId && identity.userId !== existing.userId && !(await taken(whatsappContacts.userId, identity.userId)) ? { userId: identity.userId } : {}),
        ...(phone ? { phone } : {}),
        ...(identity.profileName ? { profileName: identity.profileName } : {}),
        ...(inboundAt ? { lastInboundAt: sql`greatest(${whatsappContacts.lastInboundAt}, ${inboundAt.toISOString()}::timestamptz)` } : {}),
        updatedAt: new Date(),
      })
      .where(eq(whatsappContacts.id, existing.id))
      .returning();
    return updated ?? existing;
  }
  const [created] = await db
    .insert(whatsappContacts)
    .values({ waId: identity.waId ?? null, userId: identity.userId ?? null, phone, profileName: identity.profileName ?? null, lastInboundAt: inboundAt ?? null })
    .onConflictDoNothing()
    .returning();
  if (created) return created;
  // Another webhook created it at the same instant.
  const raced = await findContact(db, { waId: identity.waId, userId: identity.userId, phone });
  if (!raced) throw new Error('WhatsApp contact vanished while being created');
  return raced;
}

async function findContact(db: Executor, keys: { waId?: string; userId?: string; phone: string | null }): Promise<WhatsappContact | undefined> {
  const conditions = [
    keys.waId ? eq(whatsappContacts.waId, keys.waId) : undefined,
    keys.userId ? eq(whatsappContacts.userId, keys.userId) : undefined,
    keys.phone ? eq(whatsappContacts.phone, keys.phone) : undefined,
  ].filter((c) => c !== undefined);
  if (!conditions.length) return undefined;
  const rows = await db.select().from(whatsappContacts).where(or(...conditions));
  // Prefer the exact identifier Meta used over a match by the derived phone number.
  return rows.find((r) => keys.waId && r.waId === keys.waId) ?? rows.find((r) => keys.userId && r.userId === keys.userId) ?? rows[0];
}

/** The contact an outbox row is addressed to: an E.164 phone (what demands store) or a user id. */
export async function contactForRecipient(db: Executor, recipient: string): Promise<WhatsappContact | null> {
  if (isBusinessScopedUserId(recipient)) return upsertContact(db, { userId: recipient });
  const phone = normalizeMobilePhone(recipient);
  if (!phone) return null;
  const existing = await findContact(db, { waId: waIdFromPhone(phone), phone });
  if (existing) return existing;
  return upsertContact(db, { waId: waIdFromPhone(phone) });
}

export async function ensureConversation(db: Executor, contactId: string): Promise<void> {
  await db.insert(whatsappConversations).values({ contactId }).onConflictDoNothing({ target: whatsappConversations.contactId });
}

export function addressOf(contact: Pick<WhatsappContact, 'waId' | 'userId'>): Recipient {
  if (contact.waId) return { to: contact.waId };
  if (contact.userId) return { recipient: contact.userId };
  throw new Error('A WhatsApp contact without wa_id or user_id');
}
