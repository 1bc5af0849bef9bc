import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/whatsapp/webhook/route';
import { signWebhookBody } from '@/lib/channels/whatsapp/signature';
import { APP_SECRET, withFakeCloudApi } from '../support/whatsapp-harness';
import { inboundPayload, maria, message, text } from '../support/whatsapp-payloads';

/**
 * Threat: the webhook is public and unauthenticated (the signature can only be checked over the whole
 * body), and it read any body whole before looking at its size: 300 MB took 12 s and 550 MB of memory.
 * It must refuse by the declared length, and stop reading past 1 MB when the length is absent or lies.
 */
withFakeCloudApi();
const webhookUrl = 'https://ouvidoria.botucatu.sp.gov.br/api/whatsapp/webhook';
const MB = 1024 * 1024;

/** A body the attacker keeps sending: 64 KB chunks up to `total`, counting what the server pulled. */
function endlessBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x7b);
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

function postStream(stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return POST(new Request(webhookUrl, { method: 'POST', body: stream, headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': 'sha256=00', ...headers }, duplex: 'half' } as RequestInit));
}

describe('the WhatsApp webhook body limit', () => {
  it('refuses a declared Content-Length over 1 MB with 413 without reading the body', async () => {
    const { stream, state } = endlessBody(64 * MB);
    const response = await postStream(stream, { 'Content-Length': String(300 * MB) });
    expect(response.status).toBe(413);
    expect(state.pulled).toBeLessThanOrEqual(128 * 1024);
  });

  it('stops reading a body without Content-Length as soon as it passes 1 MB', async () => {
    const { stream, state } = endlessBody(64 * MB);
    const started = performance.now();
    const response = await postStream(stream);
    expect(response.status).toBe(413);
    expect(state.pulled).toBeLessThan(2 * MB);
    expect(state.cancelled).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stops reading a body that declares a small length and keeps going', async () => {
    const { stream, state } = endlessBody(64 * MB);
    const response = await postStream(stream, { 'Content-Length': '2048' });
    expect(response.status).toBe(413);
    expect(state.pulled).toBeLessThan(2 * MB);
  });

  it('still reads a body of normal size and checks its signature', async () => {
    const body = JSON.stringify(inboundPayload(maria, [message(maria, text('oi'))]));
    const post = (signature: string) => POST(new Request(webhookUrl, { method: 'POST', body, headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signature } }));
    expect((await post(signWebhookBody(body, 'not-the-app-secret'))).status).toBe(401);
    // A signed status-free, message-free payload: read, verified and answered, with nothing to process after.
    const empty = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    const response = await POST(new Request(webhookUrl, { method: 'POST', body: empty, headers: { 'X-Hub-Signature-256': signWebhookBody(empty, APP_SECRET) } }));
    expect(response.status).not.toBe(413);
    expect(response.status).not.toBe(401);
  });
});
