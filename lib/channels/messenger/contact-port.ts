import 'server-only';
import { and, eq, gte } from 'drizzle-orm';
import { prepareEachFile } from '@/lib/attachments/prepare';
import type { Transaction } from '@/lib/db/client';
import { messengerContactDemands, messengerInboundMessages, messengerOutboundMessages, type MessengerContact } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { meteredIntake } from '@/lib/metrics/instruments';
import { fileFollowingDemandIn } from '@/lib/demands/duplicates';
import { isLinked, link, redactRepliesSince } from '../chat-delivery/contact-links';
import type { ChatContactPort } from '../chat/actions';
import { messengerMediaDownloader } from './media';

const MESSENGER_LINKS = { contactDemands: messengerContactDemands };

/** The Messenger/Instagram contact as the chat engine's actions see it. No verified phone: proof is the code or a link. */
export function messengerContactPort(contact: MessengerContact): ChatContactPort {
  return {
    platform: contact.platform,
    contactId: contact.id,
    verifiedPhone: null,
    isLinked: (db, demandId) => isLinked(db, MESSENGER_LINKS, contact.id, demandId),
    link: (tx, demandId) => link(tx, MESSENGER_LINKS, contact.id, demandId),
    redactSince: (tx, since) => redactSince(tx, contact.id, since),
    downloadMedia: messengerMediaDownloader(contact.platform),
    // Same rules as every channel (type by the bytes, 10 MB, 5 per message, photos re-encoded); the files
    // that fail are left out and named to the citizen, the demand is filed with the others.
    fileDemand: async (tx, input, files, joinDemandId) => {
      const { accepted, refused } = await prepareEachFile(files);
      const context = { channel: contact.platform, requesterChatId: contact.scopedId };
      const result = await meteredIntake(contact.platform, () =>
        joinDemandId
          ? fileFollowingDemandIn(tx, input, context, joinDemandId, { preparedFiles: accepted })
          : fileDemand(input, context, { db: tx, preparedFiles: accepted }),
      );
      return { result, skipped: refused.map(({ name, reason }) => ({ name, reason })) };
    },
  };
}

async function redactSince(tx: Transaction, contactId: string, since: Date) {
  await tx
    .update(messengerInboundMessages)
    .set({ payload: { type: 'redacted', redacted: true } })
    .where(and(eq(messengerInboundMessages.contactId, contactId), gte(messengerInboundMessages.sentAt, since)));
  await redactRepliesSince(tx, { outbound: messengerOutboundMessages }, contactId, since);
}
