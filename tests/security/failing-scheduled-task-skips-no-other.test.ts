import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { workerConfig } from '@/lib/delivery/config';
import { runScheduledTasks, SCHEDULED_TASKS, type ScheduledTask } from '@/lib/delivery/scheduled-tasks';
import type { WorkerLog } from '@/lib/delivery/worker';

/**
 * The worker's timed tasks ran one after another inside one try: the first to throw (a WhatsApp upkeep
 * hitting a bad row) skipped every task after it — archiving, attachment clean-up, statistics — on every
 * round, and the raw error, query parameters and all, went to the log.
 */

const IDENTITY = ['maria.denunciante@example.org', '123.456.789-09', 'Maria Denunciante'];

/** What the database driver throws: the message carries the query and its parameters. */
function databaseErrorWithParameters(): Error {
  const cause = Object.assign(new Error(`duplicate key value violates unique constraint, Key (email)=(${IDENTITY[0]})`), { code: '23505' });
  return new Error(`Failed query: insert into demands (...) values ($1, $2, $3)\nparams: ${IDENTITY.join(',')}`, { cause });
}

function recordingLog() {
  const lines: string[] = [];
  const log: WorkerLog = {
    info: (message) => lines.push(message),
    error: (message, error) => lines.push(`${message} ${error === undefined ? '' : String(error)}`),
  };
  return { log, lines };
}

describe('a failing scheduled task', () => {
  it('does not skip the tasks after it, and its log line carries no personal data', async () => {
    const ran: string[] = [];
    const task = (name: string): ScheduledTask => ({ name, run: async () => void ran.push(name) });
    const failing: ScheduledTask = {
      name: 'whatsapp maintenance',
      run: async () => {
        throw databaseErrorWithParameters();
      },
    };
    const { log, lines } = recordingLog();

    const failed = await runScheduledTasks({ db: await getDb(), now: new Date(), config: workerConfig(), log }, [task('first'), failing, task('after the failure'), task('last')]);

    expect(ran).toEqual(['first', 'after the failure', 'last']);
    expect(failed).toEqual(['whatsapp maintenance']);
    const logged = lines.join('\n');
    expect(logged).toContain('whatsapp maintenance');
    expect(logged).toContain('23505');
    for (const personal of IDENTITY) expect(logged).not.toContain(personal);
  });

  it('in the real list, each task runs on its own: one replaced by a failure leaves the others running', async () => {
    const ran: string[] = [];
    const tasks = SCHEDULED_TASKS.map((real, index): ScheduledTask =>
      index === 0
        ? { name: real.name, run: async () => Promise.reject(databaseErrorWithParameters()) }
        : { name: real.name, run: async (context) => ran.push(await real.run(context).then(() => real.name)) },
    );
    const { log } = recordingLog();
    const failed = await runScheduledTasks({ db: await getDb(), now: new Date(), config: workerConfig(), log }, tasks);
    expect(failed).toEqual([SCHEDULED_TASKS[0]?.name]);
    expect(ran).toEqual(SCHEDULED_TASKS.slice(1).map((real) => real.name));
  });
});
