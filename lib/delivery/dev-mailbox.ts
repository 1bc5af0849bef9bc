import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { devMailbox } from '@/lib/db/schema';

/**
 * The development mailbox: where e-mails go when there is no RESEND_API_KEY. It exists only in
 * development (and, for browser tests against a production build, when DEV_MAILBOX=on is set on purpose);
 * with real e-mail configured it is gone, since its links open citizens' demands.
 */
export function devMailboxEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.RESEND_API_KEY) return false;
  return env.NODE_ENV !== 'production' || env.DEV_MAILBOX === 'on';
}

export async function listDevMailbox(input: { recipient?: string; limit?: number } = {}) {
  const db = await getDb();
  return db
    .select({ id: devMailbox.id, recipient: devMailbox.recipient, subject: devMailbox.subject, createdAt: devMailbox.createdAt })
    .from(devMailbox)
    .where(input.recipient ? eq(devMailbox.recipient, input.recipient.trim().toLowerCase()) : undefined)
    .orderBy(desc(devMailbox.createdAt), desc(devMailbox.id))
    .limit(input.limit ?? 100);
}

export async function getDevMailboxMessage(id: string) {
  const db = await getDb();
  const [message] = await db.select().from(devMailbox).where(eq(devMailbox.id, id));
  return message ?? null;
}

/** The addresses an e-mail links to, in order, each once. */
export function linksIn(html: string): string[] {
  const links = [...html.matchAll(/href="([^"]+)"/g)].map((match) => (match[1] ?? '').replaceAll('&amp;', '&'));
  return [...new Set(links.filter((link) => /^https?:\/\//.test(link)))];
}
