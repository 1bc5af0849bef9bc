import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { processMessengerContacts } from '@/lib/channels/messenger/inbound';
import { receiveMessengerWebhook } from '@/lib/channels/messenger/webhook';
import { signWebhookBody } from '@/lib/channels/whatsapp/signature';
import type { MessengerPlatform } from '@/lib/domain/vocabulary';
import { startFakeMessengerApi, type FakeMessengerApi } from './fake-messenger-api';
import { INSTAGRAM_ID, PAGE_ID } from './messenger-payloads';

export const MESSENGER_SECRET = 'test-messenger-app-secret';
export const INSTAGRAM_SECRET = 'test-instagram-app-secret';
export const SECRET_OF: Record<MessengerPlatform, string> = { messenger: MESSENGER_SECRET, instagram: INSTAGRAM_SECRET };

/**
 * Points Messenger and Instagram at a local Send API stand-in with test credentials (and a scratch
 * DATA_DIR for attachments) for the test file; delivers webhooks as the route does: store, then process.
 */
export function withFakeMessengerApi(): { api: () => FakeMessengerApi } {
  let api: FakeMessengerApi | undefined;
  const saved = { ...process.env };
  let dataDir = '';
  beforeAll(async () => {
    api = await startFakeMessengerApi();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-messenger-'));
    Object.assign(process.env, {
      MESSENGER_API_URL: api.url,
      MESSENGER_ACCESS_TOKEN: api.token,
      MESSENGER_ACCOUNT_ID: PAGE_ID,
      MESSENGER_APP_SECRET: MESSENGER_SECRET,
      MESSENGER_VERIFY_TOKEN: 'test-messenger-verify-token',
      INSTAGRAM_API_URL: api.url,
      INSTAGRAM_ACCESS_TOKEN: api.token,
      INSTAGRAM_ACCOUNT_ID: INSTAGRAM_ID,
      INSTAGRAM_APP_SECRET: INSTAGRAM_SECRET,
      INSTAGRAM_VERIFY_TOKEN: 'test-instagram-verify-token',
      APP_URL: 'https://ouvidoria.botucatu.sp.gov.br',
      DATA_DIR: dataDir,
    });
  });
  beforeEach(() => {
    api?.sent.splice(0);
    api?.cdnRequests.splice(0);
  });
  afterAll(async () => {
    await api?.close();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    api: () => {
      if (!api) throw new Error('fake Messenger API not started');
      return api;
    },
  };
}

export async function deliverMessengerWebhook(platform: MessengerPlatform, payload: unknown, options: { secret?: string } = {}) {
  const body = new TextEncoder().encode(JSON.stringify(payload));
  const receipt = await receiveMessengerWebhook(platform, body, signWebhookBody(body, options.secret ?? SECRET_OF[platform]));
  await processMessengerContacts(receipt.contactIds);
  return receipt;
}
