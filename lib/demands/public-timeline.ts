import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '@/lib/db/client';
import { demandEvents } from '@/lib/db/schema';
import type { DemandEventType, DemandState } from '@/lib/domain/vocabulary';

export type PublicTimelineEntry = {
  id: number;
  type: DemandEventType;
  stateAfter: DemandState;
  actorLabel: string;
  body: string;
  createdAt: Date;
};

/**
 * What the citizen may read of a demand's history: public events only, oldest first. Internal notes,
 * forwards between staff and who did them stay out; `actorLabel` is the public name of the actor
 * ("Ouvidoria", "Cidadão"), never a staff member's name.
 */
export async function publicTimeline(db: Executor, demandId: string): Promise<PublicTimelineEntry[]> {
  return db
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
}
