import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb, postgresDatabase } from '@/lib/db/client';
import { workerHeartbeats } from '@/lib/db/schema';
import { recordHeartbeat } from '@/lib/delivery/heartbeat';
import { startWorker } from '@/lib/delivery/worker';
import { checkReadiness } from '@/lib/health/readiness';
import { GET as live } from '@/app/api/health/live/route';
import { GET as ready } from '@/app/api/health/ready/route';
import { takeServerLog } from '../support/server-log';

vi.mock('@/lib/auth/auth', () => ({ auth: async () => null }));

const TOKEN = 'token-de-metricas-de-teste-123';

function probe(headers: Record<string, string> = {}) {
  return new Request('http://localhost/api/health/ready', { headers });
}

afterEach(async () => {
  delete process.env.METRICS_TOKEN;
  delete process.env.WORKER_HEARTBEAT_MAX_AGE_SECONDS;
  const db = await getDb();
  await db.delete(workerHeartbeats);
});

describe('health endpoints', () => {
  it('live answers 200 without touching anything', async () => {
    const response = live();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('ready answers 200 with a bare body once a worker has beaten, and the details only to the token holder', async () => {
    const db = await getDb();
    await recordHeartbeat(db, 'test-worker', new Date());
    const response = await ready(probe());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });

    process.env.METRICS_TOKEN = TOKEN;
    const detailed = await (await ready(probe({ authorization: `Bearer ${TOKEN}` }))).json();
    expect(detailed).toMatchObject({ ready: true, database: 'ok', migrations: { status: 'ok' }, worker: { status: 'ok', liveWorkers: 1 } });
    expect(await (await ready(probe({ authorization: 'Bearer wrong-token' }))).json()).toEqual({ status: 'ok' });
  });

  it('ready answers 503 when no worker ever beat, or the last beat is older than allowed', async () => {
    const none = await ready(probe());
    expect(none.status).toBe(503);
    expect(await none.json()).toEqual({ status: 'unavailable' });

    const db = await getDb();
    await recordHeartbeat(db, 'test-worker', new Date(Date.now() - 5 * 60_000));
    expect((await ready(probe())).status).toBe(503);
    expect((await checkReadiness()).worker).toMatchObject({ status: 'stale', maxAgeSeconds: 120 });

    process.env.WORKER_HEARTBEAT_MAX_AGE_SECONDS = '600';
    expect((await ready(probe())).status).toBe(200);
    process.env.WORKER_HEARTBEAT_MAX_AGE_SECONDS = '0';
    expect((await checkReadiness()).worker.status).toBe('not_checked');
  });

  it('a running worker makes the instance ready, and leaves when it stops', async () => {
    const worker = startWorker({ workerId: 'health-test-worker', senders: {}, scheduledTasks: false, config: { pollMs: 20 } });
    await vi.waitFor(async () => expect((await ready(probe())).status).toBe(200));
    await worker.stop();
    expect((await ready(probe())).status).toBe(503);
    takeServerLog();
  });

  it('ready is 503 when the database does not answer', async () => {
    // A real driver against a port where no PostgreSQL listens.
    const { database, close } = postgresDatabase('postgres://postgres@127.0.0.1:1/nothing', { max: 1 });
    try {
      const readiness = await checkReadiness({ database: async () => database });
      expect(readiness).toMatchObject({ ready: false, database: 'unreachable' });
    } finally {
      await close();
    }
    expect(takeServerLog()).toMatch(/readiness: the database did not answer/);
  });
});
