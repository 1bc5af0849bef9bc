import 'server-only';
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '@/lib/db/client';
import { attachments, demandEvents } from '@/lib/db/schema';
import type { DemandEventType, DemandState } from '@/lib/domain/vocabulary';

export type PublicAttachment = { id: string; fileName: string; contentType: string; sizeBytes: number };

export type PublicTimelineEntry = {
  id: number;
  type: DemandEventType;
  stateAfter: DemandState;
  actorLabel: string;
  body: string;
  createdAt: Date;
  /** The files that movement carried (those of internal notes never reach here). */
  attachments: PublicAttachment[];
};

/**
 * What the citizen may read of a demand's history: public events only, oldest first, with their files.
 * Internal notes, forwards between staff and who did them stay out; `actorLabel` is the public name of
 * the actor ("Ouvidoria", "Cidadão"), never a staff member's name.
 */
export async function publicTimeline(db: Executor, demandId: string): Promise<PublicTimelineEntry[]> {
  const events = await db
    .select({
      id: demandEvents.id,
      type: demandEvents.type,
      stateAfter: demandEvents.stateAfter,
      actorLabel: demandEvents.actorLabel,
      body: demandEvents.body,
      createdAt: demandEvents.createdAt,
    })
    .from(demandEvents)
    .where(and(eq(demandEvents.demandId, demandId), eq(demandEvents.visibility, 'public')))
    .orderBy(asc(demandEvents.createdAt), asc(demandEvents.id));
  const files = events.length
    ? await db
        .select({ id: attachments.id, eventId: attachments.eventId, fileName: attachments.fileName, contentType: attachments.contentType, sizeBytes: attachments.sizeBytes })
        .from(attachments)
        .where(and(eq(attachments.demandId, demandId), isNotNull(attachments.eventId), inArray(attachments.eventId, events.map((e) => e.id))))
        .orderBy(asc(attachments.createdAt))
    : [];
  return events.map((event) => ({
    ...event,
    attachments: files.filter((file) => file.eventId === event.id).map(({ eventId: _eventId, ...file }) => file),
  }));
}
