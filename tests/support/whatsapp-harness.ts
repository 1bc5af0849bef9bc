import { processWhatsappContacts } from '@/lib/channels/whatsapp/inbound';
import { signWebhookBody } from '@/lib/channels/whatsapp/signature';
import { receiveWebhook } from '@/lib/channels/whatsapp/webhook';
import { startFakeGraphApi, type FakeGraphApi } from './fake-graph-api';
import { withFakeMetaApi } from './fake-meta-harness';
import { PHONE_NUMBER_ID } from './whatsapp-payloads';

export const APP_SECRET = 'test-app-secret';
export const VERIFY_TOKEN = 'test-verify-token';

/**
 * Points the channel at a fake Graph API with test credentials (and a scratch DATA_DIR for attachments)
 * for the test file, and delivers webhooks the way the route does: store, answer, then process.
 */
export function withFakeCloudApi(): { graph: () => FakeGraphApi } {
  const graph = withFakeMetaApi({
    name: 'whatsapp',
    start: startFakeGraphApi,
    env: (api) => ({
      WHATSAPP_API_URL: api.url,
      WHATSAPP_ACCESS_TOKEN: api.token,
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
      WHATSAPP_TEMPLATE_STATUS: 'atualizacao_manifestacao',
    }),
    reset: (api) => {
      api.sent.splice(0);
      api.mediaRequests.splice(0);
    },
  });
  return { graph };
}

/** What the route does with a POST, minus Next's `after`: the processing is awaited here. */
export async function deliverWebhook(payload: unknown, options: { secret?: string } = {}) {
  const body = new TextEncoder().encode(JSON.stringify(payload));
  const receipt = await receiveWebhook(body, signWebhookBody(body, options.secret ?? APP_SECRET));
  await processWhatsappContacts(receipt.contactIds);
  return receipt;
}

/** The texts (and interactive bodies) the fake received, in order. */
export function sentTexts(graph: FakeGraphApi): string[] {
  return graph.sent.map(({ body }) => {
    const text = body.text as { body?: string } | undefined;
    const interactive = body.interactive as { body?: { text?: string } } | undefined;
    return text?.body ?? interactive?.body?.text ?? `[${String(body.type)}]`;
  });
}

export function lastInteractive(graph: FakeGraphApi) {
  const last = [...graph.sent].reverse().find((s) => s.body.type === 'interactive');
  return last?.body.interactive as
    | { type: 'list'; action: { sections: { rows: { id: string; title: string }[] }[] } }
    | { type: 'button'; action: { buttons: { reply: { id: string; title: string } }[] } }
    | undefined;
}
