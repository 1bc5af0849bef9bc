import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { demandEvents, demands, outbox, type OutboxMessage } from '@/lib/db/schema';
import { CHANNEL_LABELS } from '@/lib/domain/labels';
import type { Channel } from '@/lib/domain/vocabulary';

/**
 * Notices to a citizen who came by Messenger or Instagram go back there; when the platform will not take
 * one (its window is closed), the same notice goes by e-mail if the citizen gave one. Either way the
 * demand's timeline says how the citizen was told, in an internal note written with the e-mail row in one
 * transaction — the ombudsman sees at a glance whether the answer reached the person.
 */

const SYSTEM_LABEL = 'Sistema';

export async function recordNoticeSent(message: Pick<OutboxMessage, 'demandId' | 'template' | 'channel'>, how: string): Promise<void> {
  if (!message.demandId) return;
  const demandId = message.demandId;
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [demand] = await tx.select({ state: demands.state }).from(demands).where(eq(demands.id, demandId));
    if (!demand) return;
    await tx.insert(demandEvents).values(noteFor(demandId, demand.state, `Aviso ao cidadão enviado pelo ${CHANNEL_LABELS[message.channel as Channel]} (${how}).`, message));
  });
}

/** Returns whether an e-mail went in its place (the demand has an e-mail address). */
export async function fallBackToEmail(message: OutboxMessage, reason: string, now = new Date()): Promise<{ emailed: boolean }> {
  if (!message.demandId) return { emailed: false };
  const demandId = message.demandId;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [demand] = await tx.select({ state: demands.state, email: demands.requesterEmail }).from(demands).where(eq(demands.id, demandId));
    if (!demand) return { emailed: false };
    const platform = CHANNEL_LABELS[message.channel as Channel];
    if (demand.email) {
      await tx
        .insert(outbox)
        .values({
          demandId,
          channel: 'email',
          template: message.template,
          recipient: demand.email,
          payload: message.payload,
          idempotencyKey: `${message.idempotencyKey}:email-fallback`,
          nextAttemptAt: now,
          createdAt: now,
        })
        .onConflictDoNothing({ target: outbox.idempotencyKey });
    }
    const body = demand.email
      ? `Aviso ao cidadão não pôde ir pelo ${platform} (${reason}); enviado por e-mail.`
      : `Aviso ao cidadão não pôde ir pelo ${platform} (${reason}), e não há e-mail no registro: o cidadão não foi avisado.`;
    await tx.insert(demandEvents).values(noteFor(demandId, demand.state, body, message, now));
    return { emailed: Boolean(demand.email) };
  });
}

function noteFor(demandId: string, state: typeof demands.$inferSelect.state, body: string, message: Pick<OutboxMessage, 'template' | 'channel'>, now = new Date()) {
  return {
    demandId,
    type: 'note' as const,
    stateBefore: state,
    stateAfter: state,
    actorUserId: null,
    actorLabel: SYSTEM_LABEL,
    visibility: 'internal' as const,
    body,
    data: { notice: message.template, channel: message.channel },
    createdAt: now,
  };
}
