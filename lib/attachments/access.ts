import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { attachments, demandEvents, demands, type Attachment } from '@/lib/db/schema';
import { loadDemandAccessFacts } from '@/lib/db/queries/visibility';
import type { Actor } from '@/lib/auth/guards';
import { canViewDemand, type DemandAccessFacts } from '@/lib/domain/permissions';
import type { EventVisibility } from '@/lib/domain/vocabulary';

/**
 * Who may download an attachment. Files follow the demand and the movement they came with: the
 * requester sees the files of public movements; staff see the files of exactly the demands the staff
 * demand page opens for them (`canViewDemand`, the one rule), internal notes included; nobody sees a file
 * no movement has claimed yet.
 */

export type LoadedAttachment = {
  attachment: Attachment;
  demandId: string;
  requesterUserId: string | null;
  /** What the staff rule needs about the demand the file belongs to. */
  facts: DemandAccessFacts;
  visibility: EventVisibility | null;
};

export type Asker = { kind: 'actor'; actor: Actor } | { kind: 'status_link'; demandId: string };

export async function loadAttachment(id: string): Promise<LoadedAttachment | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      attachment: attachments,
      demandId: demands.id,
      requesterUserId: demands.requesterUserId,
      visibility: demandEvents.visibility,
    })
    .from(attachments)
    .innerJoin(demands, eq(demands.id, attachments.demandId))
    .leftJoin(demandEvents, eq(demandEvents.id, attachments.eventId))
    .where(eq(attachments.id, id));
  if (!row) return null;
  const facts = await loadDemandAccessFacts(db, row.demandId);
  return facts ? { ...row, facts } : null;
}

export function mayDownload(asker: Asker, file: LoadedAttachment): boolean {
  if (file.visibility === null) return false;
  if (asker.kind === 'status_link') return asker.demandId === file.demandId && file.visibility === 'public';
  const { actor } = asker;
  if (actor.role === 'citizen') return file.requesterUserId === actor.userId && file.visibility === 'public';
  return canViewDemand(actor, file.facts);
}
