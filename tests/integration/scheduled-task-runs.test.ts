import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { scheduledTaskRuns } from '@/lib/db/schema';
import { workerConfig } from '@/lib/delivery/config';
import { runScheduledTick, type ScheduledTask } from '@/lib/delivery/scheduled-tasks';

const quiet = { info: () => {}, error: () => {} };

describe('scheduled tasks with several workers', () => {
  it('runs each tick once, whichever of three workers gets there first, and the next tick again', async () => {
    const db = await getDb();
    const ran: string[] = [];
    const tasks: ScheduledTask[] = [
      { name: 'alerts', run: async () => ran.push('alerts') },
      { name: 'upkeep', run: async () => ran.push('upkeep') },
    ];
    const config = { ...workerConfig(), scanIntervalMs: 60_000 };
    const tick = (at: string, workerId: string) => runScheduledTick({ db, now: new Date(at), config, log: quiet, workerId }, tasks);

    const first = await Promise.all([tick('2026-05-04T10:00:05Z', 'a'), tick('2026-05-04T10:00:20Z', 'b'), tick('2026-05-04T10:00:59Z', 'c')]);
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(ran).toEqual(['alerts', 'upkeep']);

    expect(await tick('2026-05-04T10:01:00Z', 'b')).toBe(true);
    expect(ran).toEqual(['alerts', 'upkeep', 'alerts', 'upkeep']);

    const runs = await db.select().from(scheduledTaskRuns);
    expect(runs.map((run) => run.tickAt.toISOString()).sort()).toEqual(['2026-05-04T10:00:00.000Z', '2026-05-04T10:01:00.000Z']);
    expect(runs.every((run) => run.finishedAt && run.failedTasks?.length === 0)).toBe(true);
  });
});
