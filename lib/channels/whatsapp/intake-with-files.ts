import 'server-only';
import { prepareEachFile } from '@/lib/attachments/prepare';
import type { Transaction } from '@/lib/db/client';
import { fileFollowingDemandIn } from '@/lib/demands/duplicates';
import { fileDemand, type IntakeResult } from '@/lib/demands/intake';
import { meteredIntake } from '@/lib/metrics/instruments';

/**
 * The one place the WhatsApp channel reaches the intake use case. The files are checked by the same rules
 * as every other channel's (type by the bytes, 10 MB, 5 per message, photos re-encoded without EXIF or
 * GPS) and kept in the same store; unlike a web form, a conversation cannot send the message back, so the
 * files that fail are left out and named to the citizen, and the demand is filed with the others.
 */
export async function fileWhatsappDemand(
  tx: Transaction,
  input: Record<string, unknown>,
  files: File[],
  // The open request the citizen chose to join ("Já pediram isto aqui perto"), as the web form does.
  joinDemandId?: string,
): Promise<{ result: IntakeResult; skipped: { name: string; reason: string }[] }> {
  const { accepted, refused } = await prepareEachFile(files);
  // Inside the caller's transaction: fileDemand's one statement runs in it.
  const context = { channel: 'whatsapp' } as const;
  const result = await meteredIntake('whatsapp', () =>
    joinDemandId
      ? fileFollowingDemandIn(tx, input, context, joinDemandId, { preparedFiles: accepted })
      : fileDemand(input, context, { db: tx, preparedFiles: accepted }),
  );
  return { result, skipped: refused.map(({ name, reason }) => ({ name, reason })) };
}
