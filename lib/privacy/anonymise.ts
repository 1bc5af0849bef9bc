import 'server-only';
import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { Transaction } from '@/lib/db/client';
import {
  attachments,
  categories,
  demandEvents,
  emailInboundMessages,
  intakeSubmissions,
  messengerContactDemands,
  messengerInboundMessages,
  messengerOutboundMessages,
  outbox,
  pushSubscriptions,
  satisfactionRatings,
  whatsappContactDemands,
  whatsappInboundMessages,
  whatsappOutboundMessages,
} from '@/lib/db/schema';
import { lockDemand, recordEvent, updateDemand } from '@/lib/demands/workflow';
import { anonymisedRequesterData, redactPersonalText, REMOVED } from '@/lib/domain/privacy';
import type { DemandEventType } from '@/lib/domain/vocabulary';
import { componentLog, errorKind } from '@/lib/log';
import { getFileStore } from '@/lib/storage';

/**
 * Anonymising one demand's requester (LGPD art. 16 and art. 18 IV), in the caller's transaction, with an
 * internal `anonymised` event that records why. The demand, its protocol, its timeline and its statistics
 * stay (demand_facts does not hold the requester, so its trigger rewrites the same figures). What goes:
 * see anonymisedRequesterData (lib/domain/privacy.ts) for the demand's columns, and here:
 * - the files the requester sent (on the filing, a complement, a message, a reopening): a photo or a
 *   document may show a face, a house, an identity card. Staff files stay. Their stored bytes are
 *   returned for the caller to delete after the commit;
 * - the requester's words in the timeline and in the satisfaction comment: their e-mail, phone, CPF and
 *   name are removed from the text, the text itself stays (it is part of the record);
 * - the WhatsApp and Messenger contacts' links to the demand, the contents of the chat messages that
 *   filed or followed it, and of the chat messages sent about it;
 * - the e-mails the requester sent about it: sender, headers gone; subject and text kept with their
 *   e-mail, phone, CPF and name removed, like the timeline;
 * - the browsers subscribed to its Web Push notices;
 * - the address and text of the notices already sent, and the notices not yet sent (or given up);
 * - the sealed access code of a recent anonymous filing.
 */

/** Event types whose text and files come from the requester. */
const REQUESTER_EVENT_TYPES: readonly DemandEventType[] = ['received', 'citizen_replied', 'citizen_message', 'reopened', 'escalated'];

export type AnonymiseOutcome = { anonymised: boolean; storageKeys: string[] };

export async function anonymiseDemand(
  tx: Transaction,
  demandId: string,
  input: { reason: string; actorUserId: string | null; actorLabel: string; now: Date },
): Promise<AnonymiseOutcome> {
  const demand = await lockDemand(tx, demandId);
  if (!demand || demand.anonymisedAt) return { anonymised: false, storageKeys: [] };
  const [category] = demand.categoryId ? await tx.select({ fields: categories.fields }).from(categories).where(eq(categories.id, demand.categoryId)) : [];
  const identity = { name: demand.requesterName, email: demand.requesterEmail, phone: demand.requesterPhone, cpf: demand.requesterCpf };
  const change = anonymisedRequesterData({ ...demand, categoryFields: category?.fields ?? [] });
  await updateDemand(tx, demand.id, { ...change, anonymisedAt: input.now }, input.now);

  const events = await tx
    .select({ id: demandEvents.id, type: demandEvents.type, body: demandEvents.body, actorUserId: demandEvents.actorUserId })
    .from(demandEvents)
    .where(eq(demandEvents.demandId, demand.id));
  const requesterEventIds: number[] = [];
  for (const event of events) {
    const fromRequester = REQUESTER_EVENT_TYPES.includes(event.type) || (demand.requesterUserId !== null && event.actorUserId === demand.requesterUserId);
    if (!fromRequester) continue;
    requesterEventIds.push(event.id);
    const body = redactPersonalText(event.body, identity);
    const byRequester = demand.requesterUserId !== null && event.actorUserId === demand.requesterUserId;
    if (body !== event.body || byRequester) {
      await tx
        .update(demandEvents)
        .set({ body, ...(byRequester ? { actorUserId: null } : {}) })
        .where(eq(demandEvents.id, event.id));
    }
  }

  const requesterFiles = await tx
    .select({ id: attachments.id, storageKey: attachments.storageKey })
    .from(attachments)
    .where(
      and(
        eq(attachments.demandId, demand.id),
        or(
          requesterEventIds.length ? inArray(attachments.eventId, requesterEventIds) : undefined,
          demand.requesterUserId ? eq(attachments.uploadedByUserId, demand.requesterUserId) : undefined,
        ),
      ),
    );
  if (requesterFiles.length) await tx.delete(attachments).where(inArray(attachments.id, requesterFiles.map((file) => file.id)));

  const [rating] = await tx.select({ comment: satisfactionRatings.comment }).from(satisfactionRatings).where(eq(satisfactionRatings.demandId, demand.id));
  if (rating?.comment) {
    await tx.update(satisfactionRatings).set({ comment: redactPersonalText(rating.comment, identity) }).where(eq(satisfactionRatings.demandId, demand.id));
  }

  await tx.delete(whatsappContactDemands).where(eq(whatsappContactDemands.demandId, demand.id));
  await tx
    .update(whatsappInboundMessages)
    .set({ payload: { redacted: true }, demandId: null })
    .where(eq(whatsappInboundMessages.demandId, demand.id));
  await tx.update(whatsappOutboundMessages).set({ content: { redacted: true }, preview: REMOVED }).where(eq(whatsappOutboundMessages.demandId, demand.id));
  await tx.delete(messengerContactDemands).where(eq(messengerContactDemands.demandId, demand.id));
  await tx
    .update(messengerInboundMessages)
    .set({ payload: { redacted: true }, demandId: null })
    .where(eq(messengerInboundMessages.demandId, demand.id));
  await tx.update(messengerOutboundMessages).set({ content: { redacted: true }, preview: REMOVED }).where(eq(messengerOutboundMessages.demandId, demand.id));
  const emails = await tx
    .select({ id: emailInboundMessages.id, subject: emailInboundMessages.subject, body: emailInboundMessages.body })
    .from(emailInboundMessages)
    .where(eq(emailInboundMessages.demandId, demand.id));
  for (const email of emails) {
    await tx
      .update(emailInboundMessages)
      .set({ fromAddress: null, fromName: null, headers: {}, subject: redactPersonalText(email.subject, identity), body: redactPersonalText(email.body, identity) })
      .where(eq(emailInboundMessages.id, email.id));
  }
  await tx.delete(pushSubscriptions).where(eq(pushSubscriptions.demandId, demand.id));
  await tx.delete(outbox).where(and(eq(outbox.demandId, demand.id), inArray(outbox.status, ['pending', 'failed'])));
  await tx.update(outbox).set({ recipient: REMOVED, payload: {} }).where(eq(outbox.demandId, demand.id));
  await tx.update(intakeSubmissions).set({ sealedAccessCode: null }).where(and(eq(intakeSubmissions.demandId, demand.id), isNotNull(intakeSubmissions.sealedAccessCode)));

  await recordEvent(tx, {
    demandId: demand.id,
    type: 'anonymised',
    stateBefore: demand.state,
    stateAfter: demand.state,
    actorUserId: input.actorUserId,
    actorLabel: input.actorLabel,
    visibility: 'internal',
    body: input.reason,
    data: { removedFiles: requesterFiles.length },
    now: input.now,
  });
  return { anonymised: true, storageKeys: requesterFiles.map((file) => file.storageKey) };
}

/** Deletes the bytes of files whose rows a committed anonymisation removed; a failure leaves orphans, never data. */
export async function deleteStoredFiles(keys: readonly string[]): Promise<void> {
  if (!keys.length) return;
  try {
    await getFileStore().delete([...keys]);
  } catch (error) {
    componentLog('privacy').error({ storageKeys: keys, ...errorKind(error) }, 'could not delete the stored files of an anonymised requester');
  }
}
