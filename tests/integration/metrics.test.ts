import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idleState, SUBMISSION_KEY_FIELD } from '@/lib/actions/form-state';
import { getDb } from '@/lib/db/client';
import { outbox } from '@/lib/db/schema';
import { issueSubmissionKey } from '@/lib/demands/submission-key';
import { drainOnce, type WorkerLog } from '@/lib/delivery/worker';
import { hitRateLimit } from '@/lib/rate-limit';
import { fileOuvidoriaDemand } from '@/app/(ouvidoria)/ouvidoria/actions';
import { GET as metricsRoute } from '@/app/api/metrics/route';
import { ouvidoriaInput } from '../factories';
import { parsePrometheusText, sampleValue } from '../support/prometheus-text';
import { takeServerLog } from '../support/server-log';

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock('@/lib/auth/auth', () => ({ auth: async () => session.current }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ [SOCKET_ADDRESS_HEADER]: '203.0.113.77' }) }));

const TOKEN = 'token-de-metricas-de-teste-456';
const quiet: WorkerLog = { info: () => {}, error: () => {} };

function post(fields: Record<string, unknown>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) if (name !== 'service' && value !== undefined) data.append(name, String(value));
  data.append(SUBMISSION_KEY_FIELD, issueSubmissionKey());
  return data;
}

async function scrape(authorization?: string) {
  return metricsRoute(new Request('http://localhost/api/metrics', { headers: authorization ? { authorization } : {} }));
}

async function samples() {
  const response = await scrape(`Bearer ${TOKEN}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

beforeEach(() => {
  process.env.METRICS_TOKEN = TOKEN;
});
afterEach(() => {
  delete process.env.METRICS_TOKEN;
  session.current = null;
});

describe('/api/metrics', () => {
  it('is refused without the token, and off (404) when no token is configured', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape('Bearer not-the-token')).status).toBe(401);
    expect((await scrape()).headers.get('www-authenticate')).toMatch(/^Bearer/);
    delete process.env.METRICS_TOKEN;
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
  });

  it('counts a filing by channel and shows the failed delivery and the backlog from the outbox', async () => {
    const before = await samples();
    const filedBefore = sampleValue(before, 'ouvidoria_intake_total', { channel: 'web', outcome: 'filed' }) ?? 0;
    const timedBefore = sampleValue(before, 'ouvidoria_intake_duration_seconds_count', { channel: 'web' }) ?? 0;

    const state = await fileOuvidoriaDemand(idleState as never, post(ouvidoriaInput({ email: 'metricas@exemplo.com.br' })));
    expect(state.status).toBe('success');
    takeServerLog();

    const afterFiling = await samples();
    expect(sampleValue(afterFiling, 'ouvidoria_intake_total', { channel: 'web', outcome: 'filed' })).toBe(filedBefore + 1);
    expect(sampleValue(afterFiling, 'ouvidoria_intake_duration_seconds_count', { channel: 'web' })).toBe(timedBefore + 1);
    // The receipt e-mail waits in the outbox: backlog 1 at least, and its age is counted from its due time.
    expect(sampleValue(afterFiling, 'ouvidoria_outbox_backlog', { channel: 'email' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(afterFiling, 'ouvidoria_outbox_oldest_due_age_seconds', { channel: 'email' })).toBeGreaterThanOrEqual(0);
    expect(sampleValue(afterFiling, 'ouvidoria_outbox_failed', { channel: 'email' })).toBe(0);
    expect(sampleValue(afterFiling, 'ouvidoria_outbox_failed', { channel: 'whatsapp' })).toBe(0);
    expect(sampleValue(afterFiling, 'ouvidoria_database_up')).toBe(1);

    // The provider refuses the message for good: the row fails and the failure shows.
    const refused = Object.assign(new Error('recipient refused'), { retryable: false });
    await drainOnce({ log: quiet, senders: { email: async () => Promise.reject(refused) } });
    const afterFailure = await samples();
    const db = await getDb();
    const failedRows = await db.select().from(outbox).where(eq(outbox.status, 'failed'));
    expect(failedRows.length).toBeGreaterThanOrEqual(1);
    expect(sampleValue(afterFailure, 'ouvidoria_outbox_failed', { channel: 'email' })).toBe(failedRows.filter((row) => row.channel === 'email').length);
    expect(sampleValue(afterFailure, 'ouvidoria_outbox_backlog', { channel: 'email' })).toBe(0);
    expect(sampleValue(afterFailure, 'ouvidoria_outbox_oldest_due_age_seconds', { channel: 'email' })).toBe(0);
  });

  it('counts rate-limit refusals by scope, never by address', async () => {
    const scopeBefore = sampleValue(await samples(), 'ouvidoria_rate_limit_refusals_total', { scope: 'web-intake' }) ?? 0;
    const rule = { limit: 1, windowSeconds: 60 };
    await hitRateLimit('web-intake:198.51.100.9', rule);
    await hitRateLimit('web-intake:198.51.100.9', rule);
    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(sampleValue(parsePrometheusText(text), 'ouvidoria_rate_limit_refusals_total', { scope: 'web-intake' })).toBe(scopeBefore + 1);
    expect(text).not.toContain('198.51.100.9');
  });

  it('lists the deadline, WhatsApp and worker figures for every service, and answers an admin without the token', async () => {
    const { createUser } = await import('../workspace-factories');
    const admin = await createUser('admin');
    session.current = { user: { id: admin.userId } };
    delete process.env.METRICS_TOKEN;
    const response = await scrape();
    expect(response.status).toBe(200);
    const parsed = parsePrometheusText(await response.text());
    for (const service of ['ouvidoria', 'balcao']) {
      expect(sampleValue(parsed, 'ouvidoria_demands_due_soon', { service })).toBeGreaterThanOrEqual(0);
      expect(sampleValue(parsed, 'ouvidoria_demands_overdue', { service })).toBeGreaterThanOrEqual(0);
    }
    expect(sampleValue(parsed, 'ouvidoria_whatsapp_inbound_unprocessed')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(parsed, 'ouvidoria_worker_heartbeat_age_seconds')).toBeDefined();
    expect(parsed.some((sample) => sample.name === 'ouvidoria_process_resident_memory_bytes')).toBe(true);

    const citizen = await createUser('ombudsman');
    session.current = { user: { id: citizen.userId } };
    expect((await scrape()).status).toBe(404);
  });
});
