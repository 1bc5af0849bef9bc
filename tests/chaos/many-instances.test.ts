import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBMISSION_KEY_FIELD } from '@/lib/actions/form-state';
import { signWebhookBody } from '@/lib/channels/whatsapp/signature';
import { postgresDatabase } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { seedDatabase } from '@/lib/db/seed';
import { startFakeGraphApi, type FakeGraphApi } from '../support/fake-graph-api';
import { FAKE_RESEND_API_KEY, startFakeResend, type FakeResend } from '../support/fake-resend';
import { buttonReply, inboundPayload, message, PHONE_NUMBER_ID, text, type Sender } from '../support/whatsapp-payloads';
import { startWeb, startWorkerProcess, tail, waitUntilReady, type Env, type Instance } from './processes';

/**
 * Issue 15 §3, "many instances, nothing lost or doubled". Two web instances (`next start`) and three outbox
 * workers (`npm run worker`'s entry) share one fresh PostgreSQL database; Resend and the WhatsApp Cloud API
 * are local fakes at the network edge. Citizens file through both instances at once — no-JS posts of the
 * Ouvidoria form (some posted twice with the same submission key, to the other instance) and signed
 * WhatsApp webhook conversations — while one web instance and two workers are killed with SIGKILL. Then,
 * once the outbox has drained, it checks what a citizen and the Ouvidoria would notice.
 *
 * The web instances run no worker of their own: lib/startup/server-start.ts starts the in-process worker
 * only on the embedded database, so with DATABASE_URL the three worker processes are all the workers.
 *
 * Needs `npm run build` first, and a PostgreSQL server it may create a scratch database on
 * (CHAOS_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres).
 */

const WEB_CITIZENS = Number(process.env.CHAOS_WEB_CITIZENS ?? 48);
const WHATSAPP_CITIZENS = Number(process.env.CHAOS_WHATSAPP_CITIZENS ?? 14);
/** Posts from one address while the per-hour intake limit is INTAKE_LIMIT. */
const GREEDY_POSTS = 12;
const INTAKE_LIMIT = 5;
const WEB_CONCURRENCY = 6;
const WHATSAPP_CONCURRENCY = 7;
const FIRST_PORT = Number(process.env.CHAOS_PORT ?? 3470);
const START_TIMEOUT_MS = 240_000;
const DRAIN_TIMEOUT_MS = 120_000;
const WHATSAPP_SECRET = 'chaos-app-secret';
const GREEDY_ADDRESS = '203.0.113.50';

const adminUrl = process.env.CHAOS_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `ouvidoria_chaos_${process.pid}`;
const databaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();

type Form = { hidden: [string, string][]; submissionKey: string };
type Posted = { kind: 'receipt'; protocol: string } | { kind: 'refused'; status: number; summary: string } | { kind: 'lost'; error: string };

describe('two web instances and three workers on one PostgreSQL, with SIGKILLs in the middle', () => {
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-chaos-'));
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  let sql: postgres.Sql;
  let resend: FakeResend;
  let graph: FakeGraphApi;
  const webs: Instance[] = [];
  const workers: Instance[] = [];
  const killed = new Set<Instance>();
  let environment: Env = {};

  beforeAll(async () => {
    await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
    await admin.unsafe(`create database ${databaseName}`);
    // Migrated and seeded before anything starts: the deployment's migrations job, in one step.
    const { database, close } = postgresDatabase(databaseUrl, { max: 2 });
    await migrateDatabase(database);
    await seedDatabase(database, { demo: false });
    await close();
    sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });

    // Slow enough that a killed worker is likely to die with sends in flight.
    resend = await startFakeResend({ delayMs: () => 50 + Math.random() * 200 });
    graph = await startFakeGraphApi();
    const authSecret = randomBytes(32).toString('base64url');
    environment = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      // Shared by every instance: a form rendered by one is posted to the other.
      AUTH_SECRET: authSecret,
      STATUS_LINK_SECRET: randomBytes(32).toString('base64url'),
      AUTH_TRUST_HOST: 'true',
      APP_URL: `http://127.0.0.1:${FIRST_PORT}`,
      RESEND_API_KEY: FAKE_RESEND_API_KEY,
      RESEND_BASE_URL: resend.url,
      EMAIL_DELIVERY: 'on',
      DEV_MAILBOX: 'off',
      DEMO_DATA: 'off',
      // The test plays the reverse proxy: it says who the client is in X-Forwarded-For.
      TRUSTED_PROXY_COUNT: '1',
      WEB_INTAKE_LIMIT_PER_HOUR: String(INTAKE_LIMIT),
      WHATSAPP_API_URL: graph.url,
      WHATSAPP_ACCESS_TOKEN: graph.token,
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: WHATSAPP_SECRET,
      WHATSAPP_VERIFY_TOKEN: 'chaos-verify-token',
      WHATSAPP_CONTACT_LEASE_SECONDS: '10',
      WORKER_POLL_MS: '100',
      WORKER_BATCH_SIZE: '10',
      WORKER_CONCURRENCY: '4',
      WORKER_LEASE_MS: '5000',
      WORKER_BACKOFF_BASE_MS: '200',
      WORKER_BACKOFF_MAX_MS: '2000',
      WORKER_MAX_ATTEMPTS: '50',
      WORKER_SCAN_INTERVAL_MS: '1000',
    };
    delete environment.NODE_OPTIONS;
    delete environment.VITEST;
    for (let i = 0; i < 2; i++) webs.push(startWeb(`web-${i + 1}`, FIRST_PORT + i, environment, logDir));
    for (let i = 0; i < 3; i++) workers.push(startWorkerProcess(`worker-${i + 1}`, environment, logDir));
    await Promise.all([...webs.map((web) => waitUntilReady(web, START_TIMEOUT_MS, '/ouvidoria/nova')), ...workers.map((worker) => waitUntilReady(worker, START_TIMEOUT_MS))]);
  }, START_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await Promise.all([...webs, ...workers].map((instance) => instance.stop()));
    await graph?.close();
    await resend?.close();
    await sql?.end();
    if (process.env.CHAOS_KEEP) {
      console.info(`chaos: database ${databaseName} and logs in ${logDir} kept`);
    } else {
      await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
      fs.rmSync(logDir, { recursive: true, force: true });
    }
    await admin.end();
  });

  const liveWebs = () => webs.filter((web) => !killed.has(web));
  /** The instance asked for, or a live one when it is dead (as a load balancer would route). */
  const route = (index: number) => {
    const web = webs[index % webs.length];
    const chosen = web && !killed.has(web) ? web : liveWebs()[0];
    if (!chosen) throw new Error('no web instance left');
    return chosen;
  };

  async function readForm(web: Instance): Promise<Form> {
    const response = await fetch(`${web.baseUrl}/ouvidoria/nova`, { signal: AbortSignal.timeout(60_000) });
    const html = await response.text();
    if (!response.ok) throw new Error(`GET /ouvidoria/nova answered ${response.status}`);
    const hidden: [string, string][] = [];
    let submissionKey = '';
    for (const [input] of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
      const name = /name="([^"]*)"/.exec(input)?.[1];
      const value = decodeHtml(/value="([^"]*)"/.exec(input)?.[1] ?? '');
      if (name?.startsWith('$ACTION')) hidden.push([name, value]);
      if (name === SUBMISSION_KEY_FIELD) submissionKey = value;
    }
    if (!hidden.length || !submissionKey) throw new Error('No server-action form with a submission key on /ouvidoria/nova');
    return { hidden, submissionKey };
  }

  /** A browser with JavaScript off posting the form, through a proxy that names the client's address. */
  async function postForm(web: Instance, form: Form, citizen: { address: string; name: string; email: string }): Promise<Posted> {
    const body = new FormData();
    for (const [name, value] of form.hidden) body.append(name, value);
    body.append(SUBMISSION_KEY_FIELD, form.submissionKey);
    body.append('kind', 'complaint');
    body.append('subject', 'Demora no atendimento');
    body.append('description', `Esperei quatro horas na unidade de saúde sem nenhuma informação (${citizen.email}).`);
    body.append('identity', 'identified');
    body.append('name', citizen.name);
    body.append('email', citizen.email);
    try {
      const response = await fetch(`${web.baseUrl}/ouvidoria/nova`, {
        method: 'POST',
        body,
        headers: { origin: web.baseUrl, 'x-forwarded-for': citizen.address },
        signal: AbortSignal.timeout(60_000),
        redirect: 'manual',
      });
      // Filed, the post is answered with a 303 to /recibo and the receipt cookie, as a browser without
      // JavaScript gets it; the browser then loads the receipt with that cookie.
      const receiptCookie = response.status === 303 ? response.headers.getSetCookie().find((cookie) => cookie.startsWith('recibo=')) : undefined;
      if (response.status === 303) await response.arrayBuffer();
      const page = receiptCookie
        ? await fetch(new URL(response.headers.get('location') ?? '/recibo', web.baseUrl), {
            headers: { cookie: receiptCookie.split(';')[0] ?? '', 'x-forwarded-for': citizen.address },
            signal: AbortSignal.timeout(60_000),
          })
        : response;
      const html = await page.text();
      const protocol = receiptProtocol(html);
      if (page.ok && protocol) return { kind: 'receipt', protocol };
      return { kind: 'refused', status: page.status, summary: errorSummary(html) };
    } catch (error) {
      return { kind: 'lost', error: (error as Error).message };
    }
  }

  function sentTo(waId: string) {
    return graph.sent.filter((sent) => sent.body.to === waId);
  }

  /** Meta's delivery: signed with the app secret; a failed POST is delivered again (to whichever instance answers). */
  async function deliverWebhook(payload: unknown, preferred: number): Promise<number> {
    const bytes = JSON.stringify(payload);
    for (let attempt = 0; attempt < 20; attempt++) {
      const web = route(preferred + attempt);
      try {
        const response = await fetch(`${web.baseUrl}/api/whatsapp/webhook`, {
          method: 'POST',
          body: bytes,
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookBody(bytes, WHATSAPP_SECRET) },
          signal: AbortSignal.timeout(30_000),
        });
        await response.arrayBuffer();
        if (response.status === 200) return attempt;
      } catch {
        // The instance died under the request: Meta retries.
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error('the webhook was never accepted');
  }

  async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('keeps every acknowledged protocol once, the sequence gapless, each notice sent once, limits and ticks shared', { timeout: 600_000 }, async () => {
    const started = Date.now();
    const acknowledged = new Map<string, string>(); // protocol -> who saw it
    const protocolsByKey = new Map<string, Set<string>>();
    let webAcks = 0;
    let retriesAcrossInstances = 0;
    let lostPosts = 0;
    let webhookRedeliveries = 0;
    const acknowledge = (protocol: string, who: string) => {
      const earlier = acknowledged.get(protocol);
      if (earlier && earlier !== who) throw new Error(`protocol ${protocol} shown to ${earlier} and to ${who}`);
      acknowledged.set(protocol, who);
    };

    /** A person filing on the web: reads the form, posts it, and posts it again (same key) until a receipt shows. */
    async function webCitizen(i: number): Promise<void> {
      const citizen = { address: `198.18.${Math.floor(i / 200)}.${(i % 200) + 1}`, name: `Cidadã ${i}`, email: `cidada-${i}@exemplo.com.br` };
      let form: Form | undefined;
      for (let attempt = 0; !form; attempt++) {
        try {
          form = await readForm(route(i + attempt));
        } catch (error) {
          if (attempt > 10) throw error;
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
      }
      const seen = new Set<string>();
      protocolsByKey.set(form.submissionKey, seen);
      const first = route(i);
      // Every third one double-posts: the same form sent to both instances at once (a retry after a timeout
      // at a proxy that tried the other upstream).
      const posts = i % 3 === 0 ? [postForm(first, form, citizen), postForm(route(i + 1), form, citizen)] : [postForm(first, form, citizen)];
      if (posts.length > 1) retriesAcrossInstances++;
      let results = await Promise.all(posts);
      for (let attempt = 0; !results.some((r) => r.kind === 'receipt'); attempt++) {
        if (attempt > 10) throw new Error(`citizen ${i} never got a receipt: ${JSON.stringify(results)}`);
        lostPosts += results.filter((r) => r.kind === 'lost').length;
        await new Promise((resolve) => setTimeout(resolve, 300));
        retriesAcrossInstances++;
        results = [await postForm(route(i + 1 + attempt), form, citizen)];
      }
      for (const result of results) if (result.kind === 'receipt') seen.add(result.protocol);
      for (const protocol of seen) acknowledge(protocol, citizen.email);
      webAcks++;
    }

    const greedyResults: Posted[] = [];
    /** One address posting many fresh forms, alternating instances: the per-hour limit is counted in the database. */
    async function greedyClient(): Promise<void> {
      await Promise.all(
        Array.from({ length: GREEDY_POSTS }, async (_, i) => {
          const form = await readForm(route(i));
          const result = await postForm(route(i), form, { address: GREEDY_ADDRESS, name: 'Sempre a mesma conexão', email: `mesma-conexao-${i}@exemplo.com.br` });
          greedyResults.push(result);
          if (result.kind === 'receipt') acknowledge(result.protocol, `greedy ${i}`);
        }),
      );
    }

    /** A person filing over WhatsApp: one message at a time, each after the reply to the one before. */
    async function whatsappCitizen(i: number): Promise<string> {
      const waId = `55149${String(80000000 + i).padStart(8, '0')}`;
      const sender: Sender = { name: `Zap ${i}`, waId };
      const steps = [
        text('oi'),
        text('1'),
        text('3'),
        text(`Sugiro uma ciclofaixa ligando o centro ao bairro ${i}.`),
        text('sem anexos'),
        text('1'),
        text('1'),
        buttonReply('confirm:yes', 'Confirmar'),
      ];
      for (const [step, body] of steps.entries()) {
        const before = sentTo(waId).length;
        webhookRedeliveries += await deliverWebhook(inboundPayload(sender, [message(sender, body)]), i + step);
        await waitFor(`a reply to ${waId} step ${step}`, () => sentTo(waId).length > before);
      }
      const protocol = await waitFor(`the receipt to ${waId}`, () => {
        for (const sent of sentTo(waId)) {
          const body = (sent.body.text as { body?: string } | undefined)?.body ?? '';
          const match = body.match(/Protocolo: \*(\d{4}-\d{6}-\d)\*/);
          if (match?.[1]) return match[1];
        }
        return undefined;
      });
      acknowledge(protocol, waId);
      return protocol;
    }

    async function pool(count: number, concurrency: number, work: (i: number) => Promise<unknown>) {
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let i = next++; i < count; i = next++) await work(i);
        }),
      );
    }

    // The kills: once about a third of the web citizens have their receipt, while everything is in flight.
    let killsAt = 0;
    let killedMidBatch = false;
    const chaos = (async () => {
      await waitFor('a third of the receipts', () => webAcks >= WEB_CITIZENS / 3, 300_000);
      const victimWeb = webs[1];
      if (!victimWeb) throw new Error('no second web instance');
      const victimWorkers = workers.slice(0, 2);
      // Workers die mid-batch: wait (a little) for a moment when both victims hold claimed rows.
      const holding = async () => {
        const rows = await sql<{ lockedBy: string }[]>`select locked_by as "lockedBy" from outbox where status = 'pending' and locked_by is not null`;
        return victimWorkers.every((worker) => rows.some((row) => row.lockedBy.includes(`:${worker.child.pid}:`)));
      };
      const holdDeadline = Date.now() + 10_000;
      while (!(await holding()) && Date.now() < holdDeadline) await new Promise((resolve) => setTimeout(resolve, 20));
      killedMidBatch = await holding();
      killsAt = Date.now() - started;
      for (const victim of [victimWeb, ...victimWorkers]) killed.add(victim);
      await Promise.all([victimWeb, ...victimWorkers].map((victim) => victim.kill()));
      // One worker comes back a little later (a supervisor restarting it); the other stays dead.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const replacement = startWorkerProcess('worker-4', environment, logDir);
      workers.push(replacement);
      await waitUntilReady(replacement, START_TIMEOUT_MS);
    })();

    const whatsappProtocols: string[] = [];
    await Promise.all([
      pool(WEB_CITIZENS, WEB_CONCURRENCY, webCitizen),
      pool(WHATSAPP_CITIZENS, WHATSAPP_CONCURRENCY, async (i) => whatsappProtocols.push(await whatsappCitizen(i))),
      greedyClient(),
      chaos,
    ]);
    const drivenAt = Date.now() - started;

    // Drained: no outbox row pending, no WhatsApp message unprocessed or unsent.
    const backlog = async () => {
      const [row] = await sql<{ outbox: number; inbound: number; outbound: number }[]>`
        select (select count(*) from outbox where status = 'pending')::int as outbox,
               (select count(*) from whatsapp_inbound_messages where processed_at is null)::int as inbound,
               (select count(*) from whatsapp_outbound_messages where status in ('pending', 'sending'))::int as outbound`;
      if (!row) throw new Error('no backlog row');
      return row;
    };
    const drainDeadline = Date.now() + DRAIN_TIMEOUT_MS;
    for (let left = await backlog(); left.outbox + left.inbound + left.outbound > 0; left = await backlog()) {
      if (Date.now() > drainDeadline) throw new Error(`not drained after ${DRAIN_TIMEOUT_MS / 1000}s: ${JSON.stringify(left)}\n${workers.map((w) => `${w.name}:\n${tail(w.logFile, 10)}`).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const drainedAt = Date.now() - started;

    // 1. Every acknowledged protocol exists once; every person filed once, whatever they retried.
    const demands = await sql<{ protocol: string; year: number; sequence: number; channel: string; email: string | null; phone: string | null }[]>`
      select protocol, protocol_year as year, protocol_sequence as sequence, channel, requester_email as email, requester_phone as phone from demands`;
    const byProtocol = new Map<string, number>();
    for (const demand of demands) byProtocol.set(demand.protocol, (byProtocol.get(demand.protocol) ?? 0) + 1);
    expect([...acknowledged.keys()].filter((protocol) => byProtocol.get(protocol) !== 1)).toEqual([]);
    expect([...protocolsByKey.values()].filter((seen) => seen.size !== 1).length).toBe(0);
    const perEmail = countBy(demands.filter((d) => d.email?.startsWith('cidada-')).map((d) => d.email));
    expect(perEmail.size).toBe(WEB_CITIZENS);
    expect([...perEmail.values()].every((n) => n === 1)).toBe(true);
    const perPhone = countBy(demands.filter((d) => d.channel === 'whatsapp').map((d) => d.phone));
    expect(perPhone.size).toBe(WHATSAPP_CITIZENS);
    expect([...perPhone.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(whatsappProtocols).size).toBe(WHATSAPP_CITIZENS);

    // 2. The per-year sequence is 1..N: no hole, no number twice.
    for (const year of new Set(demands.map((d) => d.year))) {
      const sequences = demands.filter((d) => d.year === year).map((d) => d.sequence).sort((a, b) => a - b);
      expect(sequences).toEqual(sequences.map((_, i) => i + 1));
    }

    // 3. The intake limit held across both instances: one address, at most INTAKE_LIMIT demands.
    const greedyFiled = demands.filter((d) => d.email?.startsWith('mesma-conexao-')).length;
    const greedyReceipts = greedyResults.filter((r) => r.kind === 'receipt').length;
    expect(greedyFiled).toBeLessThanOrEqual(INTAKE_LIMIT);
    expect(greedyReceipts).toBeGreaterThan(0);
    expect(greedyResults.filter((r) => r.kind === 'refused').every((r) => r.kind === 'refused' && r.summary.includes('muitos envios'))).toBe(true);
    expect(demands.length).toBe(WEB_CITIZENS + WHATSAPP_CITIZENS + greedyFiled);

    // 4. Every e-mail sent once per idempotency key: re-sends after a kill carry the key, Resend keeps one.
    const emails = await sql<{ key: string; status: string; providerMessageId: string | null }[]>`
      select idempotency_key as key, status, provider_message_id as "providerMessageId" from outbox where channel = 'email'`;
    expect(emails.filter((row) => row.status !== 'sent')).toEqual([]);
    const deliveredKeys = resend.delivered.map((email) => email.idempotencyKey);
    expect(deliveredKeys.length).toBe(new Set(deliveredKeys).size);
    expect(new Set(deliveredKeys)).toEqual(new Set(emails.map((row) => row.key)));
    const idByKey = new Map(resend.delivered.map((email) => [email.idempotencyKey, email.id]));
    expect(emails.filter((row) => row.providerMessageId !== idByKey.get(row.key))).toEqual([]);

    // 5. WhatsApp: Meta takes no idempotency key, so the promise is at-least-once with the row's outcome
    // recorded: every message recorded as accepted was accepted by Meta once, every notification row is
    // sent, and a second copy can only come from a send whose process was killed before recording it.
    const outbound = await sql<{ providerMessageId: string | null; status: string }[]>`
      select provider_message_id as "providerMessageId", status from whatsapp_outbound_messages`;
    const whatsappOutbox = await sql<{ status: string }[]>`select status from outbox where channel = 'whatsapp'`;
    expect(whatsappOutbox.filter((row) => row.status !== 'sent')).toEqual([]);
    const issued = countBy(graph.sent.map((sent) => sent.id).filter(Boolean));
    const recorded = outbound.map((row) => row.providerMessageId).filter((id): id is string => Boolean(id));
    expect(recorded.filter((id) => issued.get(id) !== 1)).toEqual([]);
    expect(new Set(recorded).size).toBe(recorded.length);
    expect(outbound.filter((row) => !['accepted', 'sent', 'delivered', 'read'].includes(row.status))).toEqual([]);
    const unrecordedSends = [...issued.keys()].filter((id) => !recorded.includes(id as string)).length;
    const receiptsPerCitizen = countBy(
      graph.sent.filter((sent) => /Protocolo: \*/.test((sent.body.text as { body?: string } | undefined)?.body ?? '')).map((sent) => sent.body.to),
    );
    const doubledReceipts = [...receiptsPerCitizen.values()].filter((n) => n > 1).length;
    // Each killed process had at most one WhatsApp send in flight per contact it held, and a worker sends
    // WORKER_CONCURRENCY at a time: beyond that, a copy would be a bug, not a crash.
    expect(unrecordedSends).toBeLessThanOrEqual(killed.size * 4);
    expect(doubledReceipts).toBeLessThanOrEqual(unrecordedSends);

    // 6. Scheduled tasks: one run per tick across all the workers, still running after two were killed.
    // On a quiet machine everything above drains within seconds of the kills: give the survivors the
    // ticks to show they carried on.
    const killedAtTime = started + killsAt;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const [after] = await sql<{ n: number }[]>`
        select count(*)::int as n from scheduled_task_runs where tick_at > ${new Date(killedAtTime + 5_000)} and finished_at is not null`;
      if ((after?.n ?? 0) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const ticks = await sql<{ tickAt: Date; workerId: string; finishedAt: Date | null }[]>`
      select tick_at as "tickAt", worker_id as "workerId", finished_at as "finishedAt" from scheduled_task_runs order by tick_at`;
    const perTick = countBy(ticks.map((tick) => tick.tickAt.toISOString()));
    expect([...perTick.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(ticks.map((tick) => tick.workerId)).size).toBeGreaterThanOrEqual(2);
    expect(ticks.filter((tick) => tick.tickAt.getTime() > killedAtTime + 5_000 && tick.finishedAt).length).toBeGreaterThan(0);
    expect(ticks.filter((tick) => !tick.finishedAt).length).toBeLessThanOrEqual(2);
    const first = ticks[0]?.tickAt.getTime() ?? 0;
    const elapsedTicks = ticks.length ? ((ticks.at(-1)?.tickAt.getTime() ?? first) - first) / 1000 + 1 : 0;

    const summary = {
      citizens: { web: WEB_CITIZENS, whatsapp: WHATSAPP_CITIZENS, oneAddress: `limit ${INTAKE_LIMIT}/h, ${GREEDY_POSTS} posts, ${greedyReceipts} receipts, ${greedyFiled} filed` },
      protocols: { acknowledged: acknowledged.size, inDatabase: demands.length, sequence: `1..${demands.length}, gapless` },
      retries: { sameKeyOnAnotherInstance: retriesAcrossInstances, postsLostToTheKill: lostPosts, webhookRedeliveries },
      kills: { at: `${(killsAt / 1000).toFixed(1)}s`, workersHeldClaims: killedMidBatch, processes: [...killed].map((instance) => instance.name).join(', '), restarted: 'worker-4' },
      deliveries: {
        emails: `${emails.length} rows, ${resend.delivered.length} delivered, ${resend.replays()} re-sent with the same key (deduplicated), ${resend.requests()} requests`,
        whatsapp: `${graph.sent.length} sends, ${recorded.length} recorded, ${unrecordedSends} sent by a process killed before it recorded them, ${doubledReceipts} receipt(s) doubled`,
      },
      scheduledTicks: `${ticks.length} runs for ${elapsedTicks} ticks of 1 s (${elapsedTicks - ticks.length} skipped), by ${new Set(ticks.map((tick) => tick.workerId)).size} workers, ${ticks.filter((t) => !t.finishedAt).length} cut by a kill`,
      duration: `driving ${(drivenAt / 1000).toFixed(1)}s, drained at ${(drainedAt / 1000).toFixed(1)}s`,
    };
    console.log(`\nchaos summary\n${JSON.stringify(summary, null, 2)}\nload: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  });
});

function countBy<T>(values: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** The receipt's protocol: the element the receipt marks (data-testid), or the text around "Protocolo". */
function receiptProtocol(html: string): string | undefined {
  return (
    /data-testid="protocolo"[^>]*>\s*(?:<!-- -->)?\s*(\d{4}-\d{6}-\d)/.exec(html)?.[1] ??
    /data-protocol(?:o)?="(\d{4}-\d{6}-\d)"/.exec(html)?.[1] ??
    /Número do protocolo[\s\S]{0,400}?(\d{4}-\d{6}-\d)/.exec(html)?.[1]
  );
}

function errorSummary(html: string): string {
  return decodeHtml(html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').match(/Recebemos muitos envios[^.]*\.|NÃO foi registrad[ao][^.]*\./)?.[0] ?? `(status page ${html.length} bytes)`;
}

function decodeHtml(value: string): string {
  return value.replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}
