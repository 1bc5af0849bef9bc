import { spawn, type ChildProcess } from 'node:child_process';
import { eq, isNotNull } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { imapConfig, PROCESSED_KEYWORD } from '@/lib/channels/email/config';
import { processEmail } from '@/lib/channels/email/inbound';
import { startEmailReader } from '@/lib/channels/email/reader';
import { getDb } from '@/lib/db/client';
import { demands, emailInboundMessages } from '@/lib/db/schema';
import { dovecotInstalled, startDovecot, type Dovecot } from '../support/dovecot';
import { pdfDocument } from '../support/files';
import { rawMessage } from '../support/mail-messages';

/**
 * "No message lost or doubled": the reader is stopped dead in the middle of a batch and another takes
 * over. On PostgreSQL the worker runs as its own process (`npm run worker` with IMAP_URL) and is killed
 * with SIGKILL while it works; PGlite cannot be shared by a second process, so there the test recreates
 * the crash's footprint — messages committed to the database but never marked in the mailbox — and
 * starts a reader over it.
 */

const MESSAGES = 24;
const installed = dovecotInstalled();
const database = inject('testDatabase');
const title = installed ? 'e-mail in survives a reader killed mid-batch' : 'e-mail in crash (SKIPPED: /usr/sbin/dovecot is not installed — apt-get install dovecot-imapd)';

describe.skipIf(!installed)(title, () => {
  let dovecot: Dovecot;
  let mailbox: ImapFlow;
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    dovecot = await startDovecot();
    mailbox = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: 'ouvidoria', pass: 'senha-de-teste' }, logger: false });
    await mailbox.connect();
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await mailbox?.logout().catch(() => mailbox.close());
    await dovecot?.stop();
  });

  /** A batch of citizens' messages, every third with a PDF (slower to apply: the kill lands mid-batch). */
  async function deliverBatch(): Promise<{ raw: string; messageId: string }[]> {
    const batch = Array.from({ length: MESSAGES }, (_, i) =>
      rawMessage({
        from: `Cidadão ${i} <cidadao.${i}@exemplo.com.br>`,
        subject: `Problema número ${i} no bairro`,
        text: `Descrição do problema número ${i}, que precisa de atenção da Prefeitura.`,
        ...(i % 3 === 0 ? { attachments: [{ name: `foto-${i}.pdf`, type: 'application/pdf', content: pdfDocument(`anexo ${i}`) }] } : {}),
      }),
    );
    for (const message of batch) await mailbox.append('INBOX', message.raw);
    return batch;
  }

  async function processedCount(): Promise<number> {
    const db = await getDb();
    return (await db.select({ id: emailInboundMessages.id }).from(emailInboundMessages).where(isNotNull(emailInboundMessages.processedAt))).length;
  }

  async function unmarkedInMailbox(): Promise<number> {
    const lock = await mailbox.getMailboxLock('INBOX');
    try {
      return ((await mailbox.search({ unKeyword: PROCESSED_KEYWORD }, { uid: true })) || []).length;
    } finally {
      lock.release();
    }
  }

  async function expectEachFiledOnce(batch: { messageId: string }[]) {
    const db = await getDb();
    const rows = await db.select({ key: emailInboundMessages.messageKey, demandId: emailInboundMessages.demandId, outcome: emailInboundMessages.outcome }).from(emailInboundMessages);
    expect(rows.map((row) => row.key).sort()).toEqual(batch.map((message) => message.messageId).sort());
    expect(rows.every((row) => row.outcome === 'new_demand' && row.demandId)).toBe(true);
    const filed = await db.select({ id: demands.id, subject: demands.subject }).from(demands).where(eq(demands.channel, 'email'));
    expect(filed).toHaveLength(MESSAGES);
    expect(new Set(filed.map((demand) => demand.subject)).size).toBe(MESSAGES);
    expect(await unmarkedInMailbox()).toBe(0);
  }

  async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string, output: () => string = () => '') {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it.runIf(database.kind === 'postgres')('a worker killed with SIGKILL mid-batch loses and doubles nothing: the next one carries on', { timeout: 240_000 }, async () => {
    const batch = await deliverBatch();
    const output: string[] = [];
    const spawnWorker = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--import', './lib/delivery/node-hooks/register.mjs', 'lib/delivery/worker-main.ts'], {
        cwd: process.cwd(),
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          DATABASE_URL: process.env.TEST_DATABASE_URL,
          IMAP_URL: dovecot.url,
          IMAP_POLL_MS: '200',
          IMAP_LEASE_MS: '1500',
          WORKER_POLL_MS: '100',
        },
      });
      child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      children.add(child);
      return child;
    };
    const first = spawnWorker();
    await waitFor(async () => (await processedCount()) >= 3, 120_000, 'the first worker to process a few messages', () => output.join(''));
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    children.delete(first);
    const done = await processedCount();
    expect(done).toBeLessThan(MESSAGES);

    const second = spawnWorker();
    await waitFor(async () => (await processedCount()) === MESSAGES && (await unmarkedInMailbox()) === 0, 120_000, 'the second worker to finish the batch', () => output.join(''));
    second.kill('SIGTERM');
    expect(await new Promise((resolve) => second.once('exit', resolve))).toBe(0);
    children.delete(second);
    await expectEachFiledOnce(batch);
  });

  it.runIf(database.kind === 'pglite')('messages committed but never marked in the mailbox (the crash window) are marked, not filed again', { timeout: 120_000 }, async () => {
    const batch = await deliverBatch();
    const lock = await mailbox.getMailboxLock('INBOX');
    const uidValidity = mailbox.mailbox ? String(mailbox.mailbox.uidValidity) : '';
    const uids = ((await mailbox.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b);
    // A reader that died after applying the first third: their effects committed, their flags never set.
    for (const uid of uids.slice(0, MESSAGES / 3)) {
      const message = await mailbox.fetchOne(String(uid), { source: true }, { uid: true });
      if (!message || !message.source) throw new Error('message not found');
      expect(await processEmail(message.source, { folder: 'INBOX', uidValidity, uid })).toMatchObject({ status: 'processed' });
    }
    lock.release();
    expect(await unmarkedInMailbox()).toBe(MESSAGES);

    const config = imapConfig({ IMAP_URL: dovecot.url, IMAP_POLL_MS: '200' });
    if (!config) throw new Error('no config');
    const reader = startEmailReader({ holder: 'after-crash', config, leaseMs: 5_000 });
    await waitFor(async () => (await processedCount()) === MESSAGES && (await unmarkedInMailbox()) === 0, 90_000, 'the reader to finish the batch');
    await reader?.stop();
    await expectEachFiledOnce(batch);
  });
});
