import { processMessengerContacts } from '@/lib/channels/messenger/inbound';
import { receiveMessengerWebhook } from '@/lib/channels/messenger/webhook';
import { signWebhookBody } from '@/lib/channels/whatsapp/signature';
import type { MessengerPlatform } from '@/lib/domain/vocabulary';
import { startFakeMessengerApi, type FakeMessengerApi } from './fake-messenger-api';
import { withFakeMetaApi } from './fake-meta-harness';
import { INSTAGRAM_ID, PAGE_ID } from './messenger-payloads';

export const MESSENGER_SECRET = 'test-messenger-app-secret';
export const INSTAGRAM_SECRET = 'test-instagram-app-secret';
export const SECRET_OF: Record<MessengerPlatform, string> = { messenger: MESSENGER_SECRET, instagram: INSTAGRAM_SECRET };

/**
 * Points Messenger and Instagram at a local Send API stand-in with test credentials (and a scratch
 * DATA_DIR for attachments) for the test file; delivers webhooks as the route does: store, then process.
 */
export function withFakeMessengerApi(): { api: () => FakeMessengerApi } {
  const api = withFakeMetaApi({
    name: 'messenger',
    start: startFakeMessengerApi,
    env: (fake) => ({
      MESSENGER_API_URL: fake.url,
      MESSENGER_ACCESS_TOKEN: fake.token,
      MESSENGER_ACCOUNT_ID: PAGE_ID,
      MESSENGER_APP_SECRET: MESSENGER_SECRET,
      MESSENGER_VERIFY_TOKEN: 'test-messenger-verify-token',
      INSTAGRAM_API_URL: fake.url,
      INSTAGRAM_ACCESS_TOKEN: fake.token,
      INSTAGRAM_ACCOUNT_ID: INSTAGRAM_ID,
      INSTAGRAM_APP_SECRET: INSTAGRAM_SECRET,
      INSTAGRAM_VERIFY_TOKEN: 'test-instagram-verify-token',
    }),
    reset: (fake) => {
      fake.sent.splice(0);
      fake.cdnRequests.splice(0);
    },
  });
  return { api };
}

export async function deliverMessengerWebhook(platform: MessengerPlatform, payload: unknown, options: { secret?: string } = {}) {
  const body = new TextEncoder().encode(JSON.stringify(payload));
  const receipt = await receiveMessengerWebhook(platform, body, signWebhookBody(body, options.secret ?? SECRET_OF[platform]));
  await processMessengerContacts(receipt.contactIds);
  return receipt;
}
