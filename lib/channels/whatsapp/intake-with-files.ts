import 'server-only';
import { prepareEachFile } from '@/lib/attachments/prepare';
import type { Executor } from '@/lib/db/client';
import { fileDemand, type IntakeResult } from '@/lib/demands/intake';
import { meteredIntake } from '@/lib/metrics/instruments';

/**
 * The one place the WhatsApp channel reaches the intake use case. The files are checked by the same rules
 * as every other channel's (type by the bytes, 10 MB, 5 per message, photos re-encoded without EXIF or
 * GPS) and kept in the same store; unlike a web form, a conversation cannot send the message back, so the
 * files that fail are left out and named to the citizen, and the demand is filed with the others.
 */
export async function fileWhatsappDemand(
  db: Executor,
  input: Record<string, unknown>,
  files: File[],
): Promise<{ result: IntakeResult; skipped: { name: string; reason: string }[] }> {
  const { accepted, refused } = await prepareEachFile(files);
  // Inside the caller's transaction: fileDemand's one statement runs in it.
  const result = await meteredIntake('whatsapp', () => fileDemand(input, { channel: 'whatsapp' }, { db, preparedFiles: accepted }));
  return { result, skipped: refused.map(({ name, reason }) => ({ name, reason })) };
}
