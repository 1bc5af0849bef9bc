import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/api/whatsapp/webhook/route';
import { signWebhookBody } from '@/lib/channels/whatsapp/signature';
import { getDb } from '@/lib/db/client';
import { whatsappContacts, whatsappInboundMessages, whatsappOutboundMessages } from '@/lib/db/schema';
import { APP_SECRET, deliverWebhook, withFakeCloudApi, VERIFY_TOKEN } from '../support/whatsapp-harness';
import { inboundPayload, maria, message, statusPayload, text } from '../support/whatsapp-payloads';

const { graph } = withFakeCloudApi();
const webhookUrl = 'https://ouvidoria.botucatu.sp.gov.br/api/whatsapp/webhook';

async function stored() {
  const db = await getDb();
  const [contacts] = await db.select({ n: count() }).from(whatsappContacts);
  const [messages] = await db.select({ n: count() }).from(whatsappInboundMessages);
  return { contacts: contacts?.n, messages: messages?.n };
}

describe('the WhatsApp webhook', () => {
  it('answers Meta’s verification handshake with the challenge, as plain text', async () => {
    const ok = GET(new Request(`${webhookUrl}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain');
    expect(await ok.text()).toBe('1158201444');
    for (const query of [
      `hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`,
      `hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`,
      `hub.mode=subscribe&hub.challenge=1`,
    ]) {
      expect(GET(new Request(`${webhookUrl}?${query}`)).status).toBe(403);
    }
  });

  it('refuses a tampered or unsigned payload with 401 and stores nothing', async () => {
    const before = await stored();
    const body = JSON.stringify(inboundPayload(maria, [message(maria, text('Quero registrar uma reclamação'))]));
    const signature = signWebhookBody(body, APP_SECRET);
    const tampered = body.replace('reclamação', 'denúncia');
    const post = (payload: string, headers: Record<string, string>) =>
      POST(new Request(webhookUrl, { method: 'POST', body: payload, headers: { 'Content-Type': 'application/json', ...headers } }));

    expect((await post(tampered, { 'X-Hub-Signature-256': signature })).status).toBe(401);
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, { 'X-Hub-Signature-256': signWebhookBody(body, 'another-app-secret') })).status).toBe(401);
    expect((await post(body, { 'X-Hub-Signature-256': 'sha256=zz' })).status).toBe(401);
    expect(await stored()).toEqual(before);
    expect(graph().sent).toEqual([]);
  });

  it('refuses a signed body that is not a WhatsApp payload with 400', async () => {
    const post = (payload: string) => POST(new Request(webhookUrl, { method: 'POST', body: payload, headers: { 'X-Hub-Signature-256': signWebhookBody(payload, APP_SECRET) } }));
    expect((await post('{not json')).status).toBe(400);
    expect((await post(JSON.stringify({ object: 'page', entry: [] }))).status).toBe(400);
  });

  it('stores a message once however often Meta delivers it', async () => {
    const payload = inboundPayload(maria, [message(maria, text('oi'))]);
    const before = await stored();
    const first = await deliverWebhook(payload);
    const retry = await deliverWebhook(payload);
    expect(first.contactIds).toHaveLength(1);
    expect(retry.contactIds).toEqual([]);
    const after = await stored();
    expect(Number(after.messages) - Number(before.messages)).toBe(1);
    // Greeting and menu, once.
    expect(graph().sent).toHaveLength(2);
  });

  it('ignores messages to another number of the same business account', async () => {
    const payload = inboundPayload(maria, [message(maria, text('oi'))]);
    const value = payload.entry[0]?.changes[0]?.value;
    if (!value) throw new Error('bad payload');
    value.metadata.phone_number_id = '999999999999999';
    const receipt = await deliverWebhook(payload);
    expect(receipt).toMatchObject({ status: 200, contactIds: [] });
  });

  it('moves an outbound message forward with Meta’s status callbacks, even out of order', async () => {
    await deliverWebhook(inboundPayload(maria, [message(maria, text('menu'))]));
    const db = await getDb();
    const [reply] = await db.select().from(whatsappOutboundMessages).where(eq(whatsappOutboundMessages.status, 'accepted')).limit(1);
    const wamid = reply?.providerMessageId ?? '';
    expect(wamid).toMatch(/^wamid\./);
    const statusOf = async () => (await db.select().from(whatsappOutboundMessages).where(eq(whatsappOutboundMessages.providerMessageId, wamid)))[0]?.status;

    await deliverWebhook(statusPayload([{ id: wamid, status: 'delivered', recipient: maria.waId ?? '' }]));
    expect(await statusOf()).toBe('delivered');
    await deliverWebhook(statusPayload([{ id: wamid, status: 'sent', recipient: maria.waId ?? '' }]));
    expect(await statusOf()).toBe('delivered');
    await deliverWebhook(statusPayload([{ id: wamid, status: 'read', recipient: maria.waId ?? '' }]));
    expect(await statusOf()).toBe('read');
  });

  it('records a failed delivery with Meta’s error', async () => {
    await deliverWebhook(inboundPayload(maria, [message(maria, text('oi'))]));
    const db = await getDb();
    const [reply] = await db.select().from(whatsappOutboundMessages).where(eq(whatsappOutboundMessages.status, 'accepted')).limit(1);
    const wamid = reply?.providerMessageId ?? '';
    await deliverWebhook(
      statusPayload([
        {
          id: wamid,
          status: 'failed',
          recipient: maria.waId ?? '',
          errors: [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'Message Undeliverable.' } }],
        },
      ]),
    );
    const [failed] = await db.select().from(whatsappOutboundMessages).where(eq(whatsappOutboundMessages.providerMessageId, wamid));
    expect(failed).toMatchObject({ status: 'failed', errorCode: 131026, lastError: '131026 — Message undeliverable — Message Undeliverable.' });
  });
});
