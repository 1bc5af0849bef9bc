import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sendWhatsappOutboxMessage, WhatsappDeliveryError } from '@/lib/channels/whatsapp/send';
import { getDb } from '@/lib/db/client';
import { outbox, whatsappContactDemands, whatsappConversations, whatsappOutboundMessages, type OutboxMessage } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { balcaoInput } from '../factories';
import { deliverWebhook, withFakeCloudApi } from '../support/whatsapp-harness';
import { inboundPayload, message, text, type Sender } from '../support/whatsapp-payloads';

const { graph } = withFakeCloudApi();

/** A Balcão request filed on the web with a mobile and the WhatsApp opt-in: its receipt is a WhatsApp outbox row. */
async function aWhatsappReceipt(phone: string): Promise<OutboxMessage> {
  const filed = await fileDemand(await balcaoInput({ phone, notifyByWhatsapp: 'on' }), { channel: 'web' });
  if (!filed.ok) throw new Error(JSON.stringify(filed.fieldErrors));
  const db = await getDb();
  const [row] = await db.select().from(outbox).where(and(eq(outbox.demandId, filed.demand.id), eq(outbox.channel, 'whatsapp')));
  if (!row) throw new Error('no WhatsApp receipt');
  return row;
}

describe('sending outbox notifications over WhatsApp', () => {
  it('uses the approved template outside the 24-hour window, with protocol and state as parameters', async () => {
    const row = await aWhatsappReceipt('(14) 99111-0001');
    const { id } = await sendWhatsappOutboxMessage(row);
    expect(id).toMatch(/^wamid\./);
    expect(graph().sent).toHaveLength(1);
    expect(graph().sent[0]?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5514991110001',
      type: 'template',
      template: {
        name: 'atualizacao_manifestacao',
        language: { code: 'pt_BR' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: (row.payload as { protocol: string }).protocol }, { type: 'text', text: 'Recebida' }] }],
      },
    });
  });

  it('sends text inside the window, and takes the citizen’s next message as being about that demand', async () => {
    const citizen: Sender = { name: 'Paula', waId: '5514991110002' };
    await deliverWebhook(inboundPayload(citizen, [message(citizen, text('oi'), { timestamp: String(Math.floor(Date.now() / 1000) - 3600) })]));
    graph().sent.splice(0);

    const row = await aWhatsappReceipt('(14) 99111-0002');
    await sendWhatsappOutboxMessage(row);
    const protocol = (row.payload as { protocol: string }).protocol;
    const sent = graph().sent[0]?.body as { type: string; to: string; text: { body: string } };
    expect(sent.type).toBe('text');
    expect(sent.to).toBe('5514991110002');
    expect(sent.text.body).toContain(`Recebemos seu pedido. Protocolo: *${protocol}*.`);
    // The status link bound to this number, as the e-mailed one is bound to the address.
    expect(sent.text.body).toMatch(/Acompanhe: https:\/\/ouvidoria\.botucatu\.sp\.gov\.br\/situacao\/[A-Za-z0-9._-]+$/);

    const db = await getDb();
    const [link] = await db.select().from(whatsappContactDemands).where(eq(whatsappContactDemands.demandId, row.demandId ?? ''));
    expect(link).toBeDefined();
    const [conversation] = await db.select().from(whatsappConversations).where(eq(whatsappConversations.contactId, link?.contactId ?? ''));
    expect(conversation?.state).toMatchObject({ step: 'following', protocol, canMessage: true, fromNotification: true });
  });

  it('surfaces a Graph API 500 as a retryable error, and a retry of the row sends it once', async () => {
    const row = await aWhatsappReceipt('(14) 99111-0003');
    graph().failSends(1, 500, { message: 'An unknown error has occurred.', code: 1 });
    const failure = await sendWhatsappOutboxMessage(row).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WhatsappDeliveryError);
    expect(failure).toMatchObject({ retryable: true });
    const db = await getDb();
    const [failed] = await db.select().from(whatsappOutboundMessages).where(eq(whatsappOutboundMessages.outboxId, row.id));
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, errorCode: 1 });
    expect(failed?.lastError).toContain('Graph API 500');

    // The worker tries again later: it goes, and the row is recorded once.
    const { id } = await sendWhatsappOutboxMessage(row);
    const [sent] = await db.select().from(whatsappOutboundMessages).where(eq(whatsappOutboundMessages.outboxId, row.id));
    expect(sent).toMatchObject({ status: 'accepted', attempts: 2, providerMessageId: id, lastError: null });

    // A third call for the same row (a worker that lost its lease) does not send it again.
    expect(await sendWhatsappOutboxMessage(row)).toEqual({ id });
    expect(graph().sent).toHaveLength(2);
  });

  it('says a refused request is not worth retrying', async () => {
    const row = await aWhatsappReceipt('(14) 99111-0004');
    graph().failSends(1, 400, { message: '(#132001) Template name does not exist in the translation', code: 132001 });
    await expect(sendWhatsappOutboxMessage(row)).rejects.toMatchObject({ name: 'WhatsappDeliveryError', retryable: false });
  });

  it('falls back to the template when Meta says the window is closed', async () => {
    const citizen: Sender = { name: 'Lia', waId: '5514991110005' };
    await deliverWebhook(inboundPayload(citizen, [message(citizen, text('oi'))]));
    graph().sent.splice(0);
    const row = await aWhatsappReceipt('(14) 99111-0005');
    graph().failSends(1, 400, { message: 'Re-engagement message', code: 131047, details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' });
    await sendWhatsappOutboxMessage(row);
    expect(graph().sent.map((s) => s.body.type)).toEqual(['text', 'template']);
  });

  it('refuses rows it cannot send', async () => {
    const row = await aWhatsappReceipt('(14) 99111-0006');
    await expect(sendWhatsappOutboxMessage({ ...row, template: 'staff_digest' })).rejects.toMatchObject({ retryable: false });
    await expect(sendWhatsappOutboxMessage({ ...row, channel: 'email' })).rejects.toMatchObject({ retryable: false });
    await expect(sendWhatsappOutboxMessage({ ...row, recipient: 'not a phone' })).rejects.toMatchObject({ retryable: false });
  });
});
