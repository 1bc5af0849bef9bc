import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imapConfig, PROCESSED_KEYWORD } from '@/lib/channels/email/config';
import type { ProcessResult } from '@/lib/channels/email/inbound';
import { startEmailReader } from '@/lib/channels/email/reader';
import { getDb } from '@/lib/db/client';
import { attachments, demandEvents, demands, devMailbox, emailInboundMessages, outbox } from '@/lib/db/schema';
import { listBouncedMessages, listFailedInboundEmails } from '@/lib/delivery/outbox-admin';
import { drainOnce } from '@/lib/delivery/worker';
import { requestInformation } from '@/lib/demands/staff-messages';
import { forwardDemand } from '@/lib/demands/triage';
import { emailThreadForStaff } from '@/lib/channels/email/staff-thread';
import { getDemandForStaff } from '@/lib/db/queries/demand-page';
import { dovecotInstalled, startDovecot, type Dovecot } from '../support/dovecot';
import { pdfDocument } from '../support/files';
import { bounceReport, CITIZEN_ADDRESS, outOfOffice, rawMessage } from '../support/mail-messages';
import { createUser, department } from '../workspace-factories';

/**
 * The e-mail channel against a real IMAP server: dovecot on a loopback port with a throwaway mailbox
 * (tests/support/dovecot.ts). Messages are appended over IMAP as a mail server would deliver them, and
 * the reader (the one the worker runs) takes them from there.
 */

const installed = dovecotInstalled();
const title = installed ? 'e-mail in, read from a real IMAP server' : 'e-mail in (SKIPPED: /usr/sbin/dovecot is not installed — apt-get install dovecot-imapd)';

describe.skipIf(!installed)(title, () => {
  let dovecot: Dovecot;
  let mailbox: ImapFlow;
  const savedFrom = process.env.EMAIL_FROM;

  beforeAll(async () => {
    process.env.EMAIL_FROM = 'Ouvidoria Digital <ouvidoria@botucatu.sp.gov.br>';
    dovecot = await startDovecot();
    mailbox = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: 'ouvidoria', pass: 'senha-de-teste' }, logger: false });
    await mailbox.connect();
  });
  afterAll(async () => {
    await mailbox?.logout().catch(() => mailbox.close());
    await dovecot?.stop();
    if (savedFrom === undefined) delete process.env.EMAIL_FROM;
    else process.env.EMAIL_FROM = savedFrom;
  });

  async function deliver(...messages: { raw: string }[]): Promise<void> {
    for (const message of messages) await mailbox.append('INBOX', message.raw);
  }

  /** Runs the reader until it has handled `expected` messages, then stops it. */
  async function readMailbox(expected: number): Promise<ProcessResult[]> {
    const config = imapConfig({ IMAP_URL: dovecot.url, IMAP_POLL_MS: '200', IMAP_RECONNECT_BASE_MS: '100' });
    if (!config) throw new Error('no config');
    const results: ProcessResult[] = [];
    let reached: () => void = () => {};
    const done = new Promise<void>((resolve) => (reached = resolve));
    const reader = startEmailReader({
      holder: 'test-reader',
      config,
      leaseMs: 5_000,
      onMessage: (_uid, result) => {
        results.push(result);
        if (results.length >= expected) reached();
      },
    });
    if (!reader) throw new Error('reader did not start');
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 20_000));
    await Promise.race([done, timeout]);
    await reader.stop();
    expect(results).toHaveLength(expected);
    return results;
  }

  async function flagsOf(messageId: string): Promise<string[]> {
    const lock = await mailbox.getMailboxLock('INBOX');
    try {
      const uids = (await mailbox.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
      const uid = uids[0];
      if (!uid) return [];
      const message = await mailbox.fetchOne(String(uid), { flags: true }, { uid: true });
      return message && message.flags ? [...message.flags] : [];
    } finally {
      lock.release();
    }
  }

  async function demandFiledBy(messageId: string) {
    const db = await getDb();
    const [row] = await db
      .select({ demand: demands, outcome: emailInboundMessages.outcome })
      .from(emailInboundMessages)
      .innerJoin(demands, eq(demands.id, emailInboundMessages.demandId))
      .where(eq(emailInboundMessages.messageKey, messageId));
    return row;
  }

  /** Sends the receipts and notices the use cases queued (to the development mailbox). */
  async function sendQueued() {
    await drainOnce({ config: { batchSize: 50 }, scheduledTasks: false, emailReader: false });
  }

  it('files a new demand from an e-mail with a PDF, refuses an HTML attachment by name, and threads the receipt to the message', async () => {
    const message = rawMessage({
      subject: 'Buraco na Rua Amando de Barros',
      attachments: [
        { name: 'boletim.pdf', type: 'application/pdf', content: pdfDocument('Boletim de ocorrência') },
        { name: 'pagina.html', type: 'text/html', content: '<script>alert(1)</script>' },
      ],
    });
    await deliver(message);
    const [result] = await readMailbox(1);
    expect(result).toMatchObject({ status: 'processed', outcome: 'new_demand' });

    const filed = await demandFiledBy(message.messageId);
    expect(filed?.demand).toMatchObject({ channel: 'email', identity: 'identified', requesterEmail: CITIZEN_ADDRESS, requesterName: 'Maria da Silva', subject: 'Buraco na Rua Amando de Barros' });
    expect(filed?.demand.description).toContain('Já caíram duas motos.');
    const db = await getDb();
    const files = await db.select().from(attachments).where(eq(attachments.demandId, filed?.demand.id ?? ''));
    expect(files.map((file) => [file.fileName, file.contentType])).toEqual([['boletim.pdf', 'application/pdf']]);
    expect(await flagsOf(message.messageId)).toEqual(expect.arrayContaining(['\\Seen', PROCESSED_KEYWORD]));

    await sendQueued();
    const [receipt] = await db.select().from(devMailbox).where(and(eq(devMailbox.recipient, CITIZEN_ADDRESS), eq(devMailbox.subject, `Recebemos sua manifestação — protocolo ${filed?.demand.protocol}`)));
    expect(receipt?.headers['In-Reply-To']).toBe(message.messageId);
    expect(receipt?.headers.References).toContain(message.messageId);
    expect(receipt?.text).toContain('"pagina.html"');
    expect(receipt?.text).not.toContain('"boletim.pdf"');
    const [row] = await db.select().from(outbox).where(and(eq(outbox.demandId, filed?.demand.id ?? ''), eq(outbox.template, 'demand_received'), eq(outbox.channel, 'email')));
    expect(row?.emailMessageId).toBe(receipt?.headers['Message-ID']);
  });

  it('turns an HTML-only e-mail into plain text, scripts and markup left out', async () => {
    const message = rawMessage({
      subject: 'Lâmpada queimada na praça',
      html: '<html><head><style>p{color:red}</style><script>steal()</script></head><body><p>A lâmpada da <b>Praça do Bosque</b> está queimada há um mês.</p></body></html>',
    });
    await deliver(message);
    await readMailbox(1);
    const filed = await demandFiledBy(message.messageId);
    expect(filed?.demand.subject).toBe('Lâmpada queimada na praça');
    expect(filed?.demand.description).toContain('A lâmpada da Praça do Bosque está queimada há um mês.');
    expect(filed?.demand.description).not.toMatch(/<|steal|color:red/);
  });

  it('takes a reply to our e-mail as the citizen’s answer on that demand, without the quoted text', async () => {
    const first = rawMessage({ subject: 'Calçada quebrada na escola' });
    await deliver(first);
    await readMailbox(1);
    const filed = await demandFiledBy(first.messageId);
    if (!filed) throw new Error('not filed');
    const ombudsman = await createUser('ombudsman');
    expect(await requestInformation(ombudsman, { demandId: filed.demand.id, body: 'Em frente a qual escola fica a calçada?' })).toEqual({ ok: true });
    await sendQueued();
    const db = await getDb();
    const [question] = await db.select().from(outbox).where(and(eq(outbox.demandId, filed.demand.id), eq(outbox.template, 'info_requested'), eq(outbox.channel, 'email')));
    expect(question?.emailMessageId).toBeTruthy();
    const ourId = question?.emailMessageId ?? '';

    const reply = rawMessage({
      subject: `Re: Precisamos de mais informações — protocolo ${filed.demand.protocol}`,
      inReplyTo: ourId,
      references: [first.messageId, ourId],
      text: `Fica em frente à EMEF Cardeal Arcoverde.\r\n\r\nEm qui., 3 de dez. de 2026 às 10:00, Ouvidoria Digital <ouvidoria@botucatu.sp.gov.br> escreveu:\r\n> Em frente a qual escola fica a calçada?\r\n`,
      attachments: [{ name: 'mapa-da-escola.pdf', type: 'application/pdf', content: pdfDocument('mapa') }],
    });
    await deliver(reply);
    const [result] = await readMailbox(1);
    expect(result).toMatchObject({ status: 'processed', outcome: 'reply', demandId: filed.demand.id });

    const events = await db.select().from(demandEvents).where(eq(demandEvents.demandId, filed.demand.id)).orderBy(asc(demandEvents.id));
    const answer = events.at(-1);
    expect(answer).toMatchObject({ type: 'citizen_replied', body: 'Fica em frente à EMEF Cardeal Arcoverde.', data: expect.objectContaining({ via: 'email' }) });
    const linked = await db.select().from(attachments).where(eq(attachments.eventId, answer?.id ?? -1));
    expect(linked.map((file) => file.fileName)).toEqual(['mapa-da-escola.pdf']);
    const [after] = await db.select({ state: demands.state }).from(demands).where(eq(demands.id, filed.demand.id));
    expect(after?.state).not.toBe('awaiting_citizen');
    expect(await db.select().from(demands).where(eq(demands.channel, 'email'))).not.toContainEqual(expect.objectContaining({ subject: expect.stringContaining('Precisamos') }));
  });

  it('files a new demand, and says why, when the reply is to a demand closed beyond the reopen window', async () => {
    const first = rawMessage({ subject: 'Poda de árvore na Rua Curuzu' });
    await deliver(first);
    await readMailbox(1);
    const filed = await demandFiledBy(first.messageId);
    if (!filed) throw new Error('not filed');
    const db = await getDb();
    // The demand was answered and closed long ago (what the close use case leaves behind).
    await db.update(demands).set({ state: 'closed', closedAt: new Date('2026-01-10T12:00:00Z') }).where(eq(demands.id, filed.demand.id));

    const reply = rawMessage({ subject: `Re: protocolo ${filed.demand.protocol}`, inReplyTo: first.messageId, references: [first.messageId], text: 'A árvore voltou a crescer sobre a fiação, por favor voltem aqui.' });
    await deliver(reply);
    const [result] = await readMailbox(1);
    expect(result).toMatchObject({ status: 'processed', outcome: 'new_demand_after_closed' });
    const second = await demandFiledBy(reply.messageId);
    expect(second?.demand.id).not.toBe(filed.demand.id);
    await sendQueued();
    const [receipt] = await db.select().from(devMailbox).where(eq(devMailbox.subject, `Recebemos sua manifestação — protocolo ${second?.demand.protocol}`));
    expect(receipt?.text).toContain(`A manifestação ${filed.demand.protocol}, a que o seu e-mail respondia, já foi encerrada`);
    expect(receipt?.headers['In-Reply-To']).toBe(reply.messageId);
  });

  it('never files auto-replies, out-of-office answers or mailing-list mail, and marks them read', async () => {
    const before = await emailDemandCount();
    const outboxBefore = await outboxCount();
    const robots = [
      outOfOffice(),
      rawMessage({ subject: 'Fora do escritório', text: 'Estarei fora do escritório até segunda-feira, sem acesso ao e-mail.', headers: { 'X-Autoreply': 'yes' } }),
      rawMessage({ subject: 'Boletim semanal da Associação', text: 'Confira as novidades da semana no nosso site e participe.', headers: { 'List-Id': '<boletim.associacao.org.br>', 'List-Unsubscribe': '<mailto:sair@associacao.org.br>' } }),
      rawMessage({ subject: 'Aviso', text: 'Esta é uma mensagem automática de cobrança, não responda.', headers: { Precedence: 'bulk' } }),
    ];
    await deliver(...robots);
    const results = await readMailbox(robots.length);
    expect(results.map((result) => (result.status === 'processed' ? result.outcome : result.status))).toEqual(['auto_reply', 'auto_reply', 'mailing_list', 'auto_reply']);
    expect(await emailDemandCount()).toBe(before);
    for (const robot of robots) expect(await flagsOf(robot.messageId)).toContain(PROCESSED_KEYWORD);
    expect(await outboxCount()).toBe(outboxBefore);
  });

  it('records a bounce against the e-mail it bounced, for the admin delivery page', async () => {
    const message = rawMessage({ from: 'Joana <joana@dominio-que-nao-existe.com.br>', subject: 'Ônibus atrasado na linha 12' });
    await deliver(message);
    await readMailbox(1);
    const filed = await demandFiledBy(message.messageId);
    await sendQueued();
    const db = await getDb();
    const [receipt] = await db.select().from(outbox).where(and(eq(outbox.demandId, filed?.demand.id ?? ''), eq(outbox.template, 'demand_received'), eq(outbox.channel, 'email')));
    expect(receipt?.status).toBe('sent');

    const before = await emailDemandCount();
    await deliver(bounceReport({ originalMessageId: receipt?.emailMessageId ?? '', recipient: 'joana@dominio-que-nao-existe.com.br' }));
    const [result] = await readMailbox(1);
    expect(result).toMatchObject({ status: 'processed', outcome: 'bounce' });
    const [bounced] = await db.select().from(outbox).where(eq(outbox.id, receipt?.id ?? ''));
    expect(bounced?.bouncedAt).toBeInstanceOf(Date);
    expect(bounced?.bounceDetail).toContain('5.1.1');
    expect(await emailDemandCount()).toBe(before);
    const listed = await listBouncedMessages();
    expect(listed).toContainEqual(expect.objectContaining({ id: receipt?.id, bounceDetail: expect.stringContaining('User unknown') }));
    expect(listed.map((row) => row.recipient)).not.toContain('joana@dominio-que-nao-existe.com.br');
  });

  it('stops answering a robot that keeps writing: the loop guard limits messages per sender', async () => {
    const robot = 'Sistema de Chamados <chamados@fornecedor.com.br>';
    const messages = Array.from({ length: 12 }, (_, i) => rawMessage({ from: robot, subject: `Chamado ${1000 + i} atualizado`, text: `O chamado ${1000 + i} foi atualizado pelo sistema do fornecedor.` }));
    await deliver(...messages);
    const results = await readMailbox(messages.length);
    const outcomes = results.map((result) => (result.status === 'processed' ? result.outcome : result.status));
    expect(outcomes.filter((outcome) => outcome === 'new_demand')).toHaveLength(10);
    expect(outcomes.slice(10)).toEqual(['loop', 'loop']);
  });

  it('keeps a message that fails in the mailbox, shows it to admins, and applies it once when it works again', async () => {
    const message = rawMessage({ from: 'Carlos <carlos@exemplo.com.br>', subject: 'Foto do entulho na calçada', attachments: [{ name: 'entulho.pdf', type: 'application/pdf', content: pdfDocument('entulho') }] });
    await deliver(message);
    const savedDataDir = process.env.DATA_DIR;
    const blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'email-in-')), 'not-a-folder');
    fs.writeFileSync(blocker, 'a file where the file store wants a folder');
    process.env.DATA_DIR = blocker;
    try {
      const [result] = await readMailbox(1);
      expect(result).toMatchObject({ status: 'failed' });
    } finally {
      if (savedDataDir === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = savedDataDir;
    }
    expect(await flagsOf(message.messageId)).not.toContain(PROCESSED_KEYWORD);
    const failed = await listFailedInboundEmails();
    expect(failed).toContainEqual(expect.objectContaining({ subject: 'Foto do entulho na calçada', attempts: 1 }));

    const db = await getDb();
    // Due again now, as after the backoff.
    await db.update(emailInboundMessages).set({ retryAt: new Date(Date.now() - 1_000) }).where(eq(emailInboundMessages.messageKey, message.messageId));
    const [again] = await readMailbox(1);
    expect(again).toMatchObject({ status: 'processed', outcome: 'new_demand' });
    expect(await flagsOf(message.messageId)).toContain(PROCESSED_KEYWORD);
    expect(await listFailedInboundEmails()).not.toContainEqual(expect.objectContaining({ subject: 'Foto do entulho na calçada' }));
    const rows = await db.select().from(emailInboundMessages).where(inArray(emailInboundMessages.messageKey, [message.messageId]));
    expect(rows).toHaveLength(1);
  });

  it('shows staff the e-mail thread and how the receipt went, and hides a confidential sender from the department', async () => {
    const identified = rawMessage({ from: 'Ana Souza <ana.souza@exemplo.com.br>', subject: 'Falta de remédio no posto', headers: { 'X-Mailer': 'Thunderbird' } });
    const confidential = rawMessage({ from: 'Pedro <pedro.sigilo@exemplo.com.br>', subject: 'Servidor cobrando propina', text: 'Um servidor do setor de obras pediu dinheiro para liberar o alvará.' });
    try {
      await deliver(identified);
      await readMailbox(1);
      process.env.EMAIL_IN_IDENTITY = 'confidential';
      await deliver(confidential);
      await readMailbox(1);
    } finally {
      delete process.env.EMAIL_IN_IDENTITY;
    }
    await sendQueued();
    const ombudsman = await createUser('ombudsman');
    const open = await demandFiledBy(identified.messageId);
    const view = await getDemandForStaff({ actor: ombudsman, protocol: open?.demand.protocol ?? '' });
    if (!view) throw new Error('ombudsman cannot open the demand');
    const thread = await emailThreadForStaff(view);
    expect(thread).toMatchObject({ readable: true });
    if (!thread?.readable) throw new Error('unreadable');
    expect(thread.messages.map((message) => message.direction)).toEqual(['in', 'out']);
    expect(thread.messages[0]).toMatchObject({ from: 'Ana Souza <ana.souza@exemplo.com.br>', subject: 'Falta de remédio no posto', headers: expect.objectContaining({ 'Message-ID': identified.messageId }) });
    expect(thread.messages[1]).toMatchObject({ status: 'sent', subject: expect.stringContaining(view.protocol) });
    expect(view.events.find((event) => event.type === 'received')?.deliveries).toEqual([{ channel: 'email', status: 'sent' }]);

    const secret = await demandFiledBy(confidential.messageId);
    expect(secret?.demand.identity).toBe('confidential');
    const works = await department('infraestrutura');
    expect(await forwardDemand(ombudsman, { demandId: secret?.demand.id, departmentId: works.id })).toEqual({ ok: true });
    const clerk = await createUser('department', { departments: ['infraestrutura'] });
    const clerkView = await getDemandForStaff({ actor: clerk, protocol: secret?.demand.protocol ?? '' });
    if (!clerkView) throw new Error('the department cannot open the forwarded demand');
    const hidden = await emailThreadForStaff(clerkView);
    expect(hidden).toEqual({ readable: false, unlockedByReveal: false });
    expect(JSON.stringify([clerkView, hidden])).not.toContain('pedro.sigilo');
  });

  async function outboxCount(): Promise<number> {
    const db = await getDb();
    return (await db.select({ id: outbox.id }).from(outbox)).length;
  }

  async function emailDemandCount(): Promise<number> {
    const db = await getDb();
    return (await db.select({ id: demands.id }).from(demands).where(eq(demands.channel, 'email'))).length;
  }
});
