import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { attachments, categories, demandEvents, demands, type Attachment } from '@/lib/db/schema';
import type { Actor } from '@/lib/auth/guards';
import type { EventVisibility } from '@/lib/domain/vocabulary';

/**
 * Who may download an attachment. Files follow the demand and the movement they came with: the
 * requester sees the files of public movements; staff see what their role and departments let them see
 * of the demand, internal notes included; nobody sees a file no movement has claimed yet.
 */

export type LoadedAttachment = {
  attachment: Attachment;
  demandId: string;
  service: 'ouvidoria' | 'balcao';
  requesterUserId: string | null;
  /** The department holding the demand (for a Balcão request not yet forwarded, its service's department). */
  holdingDepartmentId: string | null;
  visibility: EventVisibility | null;
};

export type Asker = { kind: 'actor'; actor: Actor } | { kind: 'status_link'; demandId: string };

export async function loadAttachment(id: string): Promise<LoadedAttachment | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      attachment: attachments,
      demandId: demands.id,
      service: demands.service,
      requesterUserId: demands.requesterUserId,
      holdingDepartmentId: sql<string | null>`coalesce(${demands.departmentId}, case when ${demands.service} = 'balcao' then ${categories.departmentId} end)`,
      visibility: demandEvents.visibility,
    })
    .from(attachments)
    .innerJoin(demands, eq(demands.id, attachments.demandId))
    .leftJoin(categories, eq(categories.id, demands.categoryId))
    .leftJoin(demandEvents, eq(demandEvents.id, attachments.eventId))
    .where(eq(attachments.id, id));
  return row ?? null;
}

/**
 * Whether staff may open a demand. The workspace's `lib/domain/permissions.ts` is the authority on this
 * once merged; this mirrors DESIGN.md's roles: the ombudsman sees everything, attendants the Balcão,
 * department and internal-control staff what their departments hold; managers read statistics only.
 */
export function staffMaySeeDemand(actor: Actor, demand: Pick<LoadedAttachment, 'service' | 'holdingDepartmentId'>): boolean {
  switch (actor.role) {
    case 'ombudsman':
      return true;
    case 'attendant':
      return demand.service === 'balcao';
    case 'department':
    case 'internal_control':
      return demand.holdingDepartmentId !== null && actor.departmentIds.includes(demand.holdingDepartmentId);
    default:
      return false;
  }
}

export function mayDownload(asker: Asker, file: LoadedAttachment): boolean {
  if (file.visibility === null) return false;
  if (asker.kind === 'status_link') return asker.demandId === file.demandId && file.visibility === 'public';
  const { actor } = asker;
  if (actor.role === 'citizen') return file.requesterUserId === actor.userId && file.visibility === 'public';
  return staffMaySeeDemand(actor, file);
}
