import { and, count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/api/messenger/webhook/route';
import { toChatMessages } from '@/lib/channels/chat/chat-view';
import { chatThreadsForStaff } from '@/lib/channels/chat/staff-thread';
import { sendMessengerOutboxMessage } from '@/lib/channels/messenger/send';
import { listMessengerThreadForDemand } from '@/lib/channels/messenger/thread';
import { signWebhookBody } from '@/lib/channels/whatsapp/signature';
import { getDb } from '@/lib/db/client';
import {
  attachments,
  demandEvents,
  demands,
  messengerContacts,
  messengerInboundMessages,
  messengerOutboundMessages,
  outbox,
  type OutboxMessage,
} from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { citizenNotifications } from '@/lib/demands/notifications';
import type { MessengerPlatform } from '@/lib/domain/vocabulary';
import { getFileStore } from '@/lib/storage';
import { ouvidoriaInput } from '../factories';
import { deliverMessengerWebhook, MESSENGER_SECRET, withFakeMessengerApi } from '../support/messenger-harness';
import { deliveryEvent, echoEvent, imageEvent, quickReplyEvent, textEvent, webhookBody, type MessagingEvent } from '../support/messenger-payloads';

const { api } = withFakeMessengerApi();

function citizen(platform: MessengerPlatform, scopedId: string) {
  return (event: (platform: MessengerPlatform, id: string) => MessagingEvent) => deliverMessengerWebhook(platform, webhookBody(platform, [event(platform, scopedId)]));
}
const say = (text: string) => (platform: MessengerPlatform, id: string) => textEvent(platform, id, text);
const tap = (title: string, payload: string) => (platform: MessengerPlatform, id: string) => quickReplyEvent(platform, id, title, payload);

const lastText = () => api().sent.at(-1)?.body.message.text ?? '';
const texts = () => api().sent.map((s) => s.body.message.text);

async function aPhotoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 10, g: 120, b: 60 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Celular' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '22/1 53/1 0/1' } })
    .toBuffer();
}

/** Files an Ouvidoria complaint with a photo through the whole Messenger conversation; returns its protocol. */
async function fileComplaintOnMessenger(scopedId: string, email: string): Promise<string> {
  const act = citizen('messenger', scopedId);
  const photoUrl = api().addAttachment(`photo-${scopedId}.jpg`, await aPhotoWithGps(), 'image/jpeg');
  await act(say('Oi'));
  await act(tap('1. Ouvidoria', 'menu:ouvidoria'));
  await act(tap('Reclamação', 'kind:complaint'));
  await act(say('A calçada da Rua Curuzu está quebrada há meses e um idoso caiu ontem.'));
  await act((platform, id) => imageEvent(platform, id, photoUrl));
  expect(lastText()).toContain('Recebi 1 arquivo.');
  await act(tap('Continuar', 'attachments:done'));
  await act(tap('Identificada', 'identity:identified'));
  await act(say('Joana Pereira'));
  await act(say(email));
  expect(lastText()).toContain('• Anexos: 1 arquivo');
  await act(tap('Confirmar', 'confirm:yes'));
  const receipt = texts().at(-2) ?? '';
  const protocol = receipt.match(/Protocolo: \*(\d{4}-\d{6}-\d)\*/)?.[1];
  if (!protocol) throw new Error(`no protocol in: ${receipt}`);
  return protocol;
}

async function noticeFor(demandId: string, template: 'public_reply' | 'demand_forwarded'): Promise<OutboxMessage> {
  const db = await getDb();
  const [demand] = await db.select().from(demands).where(eq(demands.id, demandId));
  if (!demand) throw new Error('no demand');
  // What a workflow use case writes for a movement, for a demand that came by Messenger.
  const rows = citizenNotifications(demand, template, { protocol: demand.protocol, service: demand.service, body: 'A equipe de obras vistoriou o local.' }, `${template}-${Date.now()}`);
  expect(rows.map((r) => r.channel)).toEqual(['messenger']);
  const [row] = await db.insert(outbox).values(rows).returning();
  if (!row) throw new Error('no outbox row');
  return row;
}

describe('the Messenger and Instagram webhooks', () => {
  it('answers the verification handshake only with the right token', async () => {
    const ok = GET(new Request('http://localhost/api/messenger/webhook?hub.mode=subscribe&hub.verify_token=test-messenger-verify-token&hub.challenge=1158201444'));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = GET(new Request('http://localhost/api/messenger/webhook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444'));
    expect(wrong.status).toBe(403);
  });

  it('refuses a body signed with another secret, and stores nothing', async () => {
    const body = JSON.stringify(webhookBody('messenger', [textEvent('messenger', '7000000000000001', 'oi')]));
    const forged = await POST(new Request('http://localhost/api/messenger/webhook', { method: 'POST', body, headers: { 'X-Hub-Signature-256': signWebhookBody(body, 'not-the-secret') } }));
    expect(forged.status).toBe(401);
    const unsigned = await POST(new Request('http://localhost/api/messenger/webhook', { method: 'POST', body }));
    expect(unsigned.status).toBe(401);
    const db = await getDb();
    const [stored] = await db.select({ n: count() }).from(messengerContacts).where(eq(messengerContacts.scopedId, '7000000000000001'));
    expect(stored?.n).toBe(0);
    // The same bytes with the right signature are taken.
    const receipt = await deliverMessengerWebhook('messenger', JSON.parse(body), { secret: MESSENGER_SECRET });
    expect(receipt.status).toBe(200);
    expect(texts().at(-2)).toContain('Aqui é a Ouvidoria Digital');
  });

  it('applies a redelivered message once, and ignores the echoes of its own sends', async () => {
    const event = textEvent('instagram', '8000000000000001', 'oi', { mid: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAw' });
    await deliverMessengerWebhook('instagram', webhookBody('instagram', [event]));
    await deliverMessengerWebhook('instagram', webhookBody('instagram', [event, echoEvent('instagram', '8000000000000001', 'Olá!')]));
    const db = await getDb();
    const [inbound] = await db.select({ n: count() }).from(messengerInboundMessages).where(eq(messengerInboundMessages.messageId, event.message ? String((event.message as { mid: string }).mid) : ''));
    expect(inbound?.n).toBe(1);
    // One greeting and one menu, on Instagram's Send API, as quick replies.
    expect(api().sent).toHaveLength(2);
    expect(api().sent[0]?.path).toBe('/v23.0/17841400000000000/messages');
    expect(api().sent[1]?.body.message.quick_replies?.map((q) => q.payload)).toEqual(['menu:ouvidoria', 'menu:balcao', 'menu:follow', 'menu:attendant']);
    expect(api().sent[1]?.body.messaging_type).toBe('RESPONSE');
  });
});

describe('filing and following on Messenger', () => {
  it('files a complaint with a photo and answers with the protocol; the demand remembers where to answer', async () => {
    const protocol = await fileComplaintOnMessenger('7100000000000001', 'joana@example.com');
    const db = await getDb();
    const [demand] = await db.select().from(demands).where(eq(demands.protocol, protocol));
    expect(demand).toMatchObject({ channel: 'messenger', kind: 'complaint', requesterName: 'Joana Pereira', requesterEmail: 'joana@example.com', requesterChatId: '7100000000000001', notifyByWhatsapp: false });
    if (!demand) return;
    // The photo was fetched from Meta's CDN without our token, checked and stored without its EXIF/GPS.
    expect(api().cdnRequests).toEqual([{ path: '/cdn/photo-7100000000000001.jpg', authorization: undefined }]);
    const files = await db.select().from(attachments).where(eq(attachments.demandId, demand.id));
    expect(files).toEqual([expect.objectContaining({ contentType: 'image/jpeg' })]);
    const stored = await sharp(Buffer.from(await new Response(await getFileStore().read(files[0]?.storageKey ?? '')).arrayBuffer())).metadata();
    expect(stored.exif).toBeUndefined();
    // No second receipt: the conversation gave the protocol, and no e-mail goes beside the Messenger one.
    const notices = await db.select().from(outbox).where(eq(outbox.demandId, demand.id));
    expect(notices.filter((n) => n.template === 'demand_received').map((n) => n.channel)).toEqual(['messenger']);
    const receiptRow = notices.find((n) => n.template === 'demand_received');
    if (!receiptRow) return;
    const sentBefore = api().sent.length;
    await sendMessengerOutboxMessage(receiptRow);
    expect(api().sent).toHaveLength(sentBefore);
  });

  it('looks a protocol up by number for the contact that filed it', async () => {
    const protocol = await fileComplaintOnMessenger('7100000000000002', 'lucas@example.com');
    await citizen('messenger', '7100000000000002')(say(protocol));
    const summary = texts().at(-2) ?? '';
    expect(summary).toContain(`Protocolo *${protocol}* — Ouvidoria`);
    expect(summary).toContain('Situação: *Recebida*');
    expect(lastText()).toContain('Quer mandar uma mensagem sobre o protocolo');
  });

  it('files anonymously: no Messenger id kept on the demand, no link, no notice, and the typed words blanked', async () => {
    const act = citizen('messenger', '7100000000000004');
    await act(say('Oi'));
    await act(tap('1. Ouvidoria', 'menu:ouvidoria'));
    await act(tap('Denúncia', 'kind:denunciation'));
    await act(say('O fiscal da obra da praça cobra propina dos comerciantes toda sexta.'));
    await act(tap('Sem anexos', 'attachments:done'));
    await act(tap('Anônima', 'identity:anonymous'));
    await act(tap('Confirmar', 'confirm:yes'));
    const receipt = texts().at(-2) ?? '';
    expect(receipt).toContain('Não guardamos esta conta do Messenger nem enviaremos avisos.');
    const protocol = receipt.match(/Protocolo: \*(\d{4}-\d{6}-\d)\*/)?.[1] ?? '';
    const db = await getDb();
    const [demand] = await db.select().from(demands).where(eq(demands.protocol, protocol));
    expect(demand).toMatchObject({ identity: 'anonymous', requesterChatId: null, requesterEmail: null });
    if (!demand) return;
    expect(await db.select().from(outbox).where(and(eq(outbox.demandId, demand.id), eq(outbox.channel, 'messenger')))).toEqual([]);
    const stored = await db.select({ payload: messengerInboundMessages.payload }).from(messengerInboundMessages).innerJoin(messengerContacts, eq(messengerContacts.id, messengerInboundMessages.contactId)).where(eq(messengerContacts.scopedId, '7100000000000004'));
    expect(JSON.stringify(stored)).not.toContain('propina');
  });

  it('shows the conversation to staff under the identity rule of the WhatsApp thread', async () => {
    const protocol = await fileComplaintOnMessenger('7100000000000003', 'bia@example.com');
    const db = await getDb();
    const [demand] = await db.select().from(demands).where(eq(demands.protocol, protocol));
    if (!demand) throw new Error('no demand');
    const view = { id: demand.id, channel: demand.channel, identity: demand.identity };
    const open = await chatThreadsForStaff({ ...view, identityVisibility: 'identity', requester: { kind: 'identity', pseudonym: 'P', name: 'Bia', email: null, phone: null, cpf: null, hasAccount: false } });
    expect(open.map((t) => [t.platform, t.readable])).toEqual([['messenger', true]]);
    const [thread] = open;
    expect(thread?.readable && thread.messages.some((m) => m.direction === 'in' && m.text === '[Confirmar]')).toBe(true);
    // A department on a protected demand, and the ombudsman before revealing it, see no words of it.
    const hidden = await chatThreadsForStaff({ ...view, identityVisibility: 'pseudonym', requester: { kind: 'pseudonym', pseudonym: 'P' } });
    expect(hidden).toEqual([{ platform: 'messenger', name: 'Messenger', readable: false, unlockedByReveal: false }]);
    const onRequest = await chatThreadsForStaff({ ...view, identityVisibility: 'identity_on_request', requester: { kind: 'hidden', pseudonym: 'P' } });
    expect(onRequest).toEqual([{ platform: 'messenger', name: 'Messenger', readable: false, unlockedByReveal: true }]);
  });

  it('on Instagram, shows someone else’s protocol only after proof (the e-mail given when filing)', async () => {
    const filed = await fileDemand(await ouvidoriaInput({ email: 'ana@example.com' }), { channel: 'web' });
    if (!filed.ok) throw new Error('not filed');
    const act = citizen('instagram', '8100000000000001');
    await act(say(filed.demand.protocol));
    expect(lastText()).toContain(`Para ver o protocolo ${filed.demand.protocol}, confirme que ele é seu`);
    await act(say('ana@example.com'));
    expect(texts().at(-2)).toContain(`Protocolo *${filed.demand.protocol}*`);
  });
});

describe('notices back on Messenger, or by e-mail when the window is closed', () => {
  it('sends inside the 24-hour window as an update, marks it delivered, and the timeline says it went by Messenger', async () => {
    const protocol = await fileComplaintOnMessenger('7200000000000001', 'rita@example.com');
    const db = await getDb();
    const [demand] = await db.select().from(demands).where(eq(demands.protocol, protocol));
    if (!demand) throw new Error('no demand');
    const row = await noticeFor(demand.id, 'public_reply');
    const { id } = await sendMessengerOutboxMessage(row);
    const sent = api().sent.at(-1);
    expect(sent?.body).toMatchObject({ recipient: { id: '7200000000000001' }, messaging_type: 'UPDATE' });
    expect(sent?.body.message.text).toContain(`Nova mensagem sobre o protocolo *${protocol}*:\nA equipe de obras vistoriou o local.`);

    await deliverMessengerWebhook('messenger', webhookBody('messenger', [deliveryEvent('messenger', '7200000000000001', [id])]));
    const [outbound] = await db.select().from(messengerOutboundMessages).where(eq(messengerOutboundMessages.outboxId, row.id));
    expect(outbound?.status).toBe('delivered');
    const notes = await db.select().from(demandEvents).where(and(eq(demandEvents.demandId, demand.id), eq(demandEvents.type, 'note')));
    expect(notes.map((n) => n.body)).toContain('Aviso ao cidadão enviado pelo Messenger (dentro da janela de 24 horas).');

    // Staff read the whole conversation on the demand's page, with each message's delivery state.
    const thread = toChatMessages(await listMessengerThreadForDemand(demand.id, 'messenger'), { platformName: 'Messenger' });
    expect(thread.filter((m) => m.direction === 'in').map((m) => m.text)).toContain('[Confirmar]');
    const notice = thread.find((m) => m.direction === 'out' && m.text.includes('A equipe de obras vistoriou o local.'));
    expect(notice?.direction === 'out' && notice.statusLabel).toBe('entregue');
  });

  it('outside the window sends the notice by e-mail instead, and says so on the timeline', async () => {
    const protocol = await fileComplaintOnMessenger('7200000000000002', 'paulo@example.com');
    const db = await getDb();
    const [demand] = await db.select().from(demands).where(eq(demands.protocol, protocol));
    if (!demand) throw new Error('no demand');
    await db.update(messengerContacts).set({ lastInboundAt: new Date(Date.now() - 3 * 86_400_000) }).where(eq(messengerContacts.scopedId, '7200000000000002'));
    const row = await noticeFor(demand.id, 'demand_forwarded');
    const sentBefore = api().sent.length;
    await expect(sendMessengerOutboxMessage(row)).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('o aviso foi por e-mail') });
    expect(api().sent).toHaveLength(sentBefore);
    const emails = await db.select().from(outbox).where(and(eq(outbox.demandId, demand.id), eq(outbox.channel, 'email'), eq(outbox.template, 'demand_forwarded')));
    expect(emails.map((e) => e.recipient)).toEqual(['paulo@example.com']);
    const notes = await db.select().from(demandEvents).where(and(eq(demandEvents.demandId, demand.id), eq(demandEvents.type, 'note')));
    expect(notes.map((n) => n.body)).toContain('Aviso ao cidadão não pôde ir pelo Messenger (fora da janela de 24 horas); enviado por e-mail.');
  });

  it('sends a staff answer with the HUMAN_AGENT tag within 7 days when the app has it', async () => {
    const protocol = await fileComplaintOnMessenger('7200000000000003', 'clara@example.com');
    const db = await getDb();
    const [demand] = await db.select().from(demands).where(eq(demands.protocol, protocol));
    if (!demand) throw new Error('no demand');
    await db.update(messengerContacts).set({ lastInboundAt: new Date(Date.now() - 2 * 86_400_000) }).where(eq(messengerContacts.scopedId, '7200000000000003'));
    process.env.MESSENGER_HUMAN_AGENT_TAG = 'true';
    try {
      await sendMessengerOutboxMessage(await noticeFor(demand.id, 'public_reply'));
    } finally {
      delete process.env.MESSENGER_HUMAN_AGENT_TAG;
    }
    expect(api().sent.at(-1)?.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
  });

  it('falls back to e-mail when Meta says the window closed, though our clock thought it open', async () => {
    const protocol = await fileComplaintOnMessenger('7200000000000004', 'vera@example.com');
    const db = await getDb();
    const [demand] = await db.select().from(demands).where(eq(demands.protocol, protocol));
    if (!demand) throw new Error('no demand');
    api().failSends(1, 400, { message: '(#10) This message is sent outside of allowed window.', code: 10, error_subcode: 2018278 });
    await expect(sendMessengerOutboxMessage(await noticeFor(demand.id, 'public_reply'))).rejects.toMatchObject({ retryable: false });
    const emails = await db.select().from(outbox).where(and(eq(outbox.demandId, demand.id), eq(outbox.channel, 'email')));
    expect(emails.map((e) => e.recipient)).toEqual(['vera@example.com']);
  });
});
