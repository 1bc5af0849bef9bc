import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { emailReaderLeases } from '@/lib/db/schema';

/**
 * One reader per folder. Every worker may run a reader; only the one holding the folder's lease connects
 * to IMAP, renewing it while it works. A reader that dies stops renewing and another takes over once
 * the lease runs out. (Two readers at once would still apply each message once — the processed-message
 * table sees to that — but would fetch everything twice.)
 */
export async function takeReaderLease(db: Database, input: { folder: string; holder: string; now: Date; leaseMs: number }): Promise<boolean> {
  const leaseUntil = new Date(input.now.getTime() + input.leaseMs);
  const rows = await db
    .insert(emailReaderLeases)
    .values({ folder: input.folder, holder: input.holder, leaseUntil })
    .onConflictDoUpdate({
      target: emailReaderLeases.folder,
      set: { holder: input.holder, leaseUntil },
      where: sql`${emailReaderLeases.holder} = ${input.holder} or ${emailReaderLeases.leaseUntil} < ${input.now.toISOString()}::timestamptz`,
    })
    .returning({ holder: emailReaderLeases.holder });
  return rows.length > 0;
}

export async function releaseReaderLease(db: Database, input: { folder: string; holder: string }): Promise<void> {
  await db.delete(emailReaderLeases).where(and(eq(emailReaderLeases.folder, input.folder), eq(emailReaderLeases.holder, input.holder)));
}
