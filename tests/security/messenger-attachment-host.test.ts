import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMetaAttachmentUrl } from '@/lib/channels/messenger/graph';
import { messengerMediaDownloader } from '@/lib/channels/messenger/media';
import { withFakeMessengerApi } from '../support/messenger-harness';

/**
 * A Messenger attachment URL comes inside a signed webhook, but the download follows redirects: every hop
 * must be on Meta's CDNs (or the configured API host), or the server would fetch whatever it is pointed at.
 */

const { api } = withFakeMessengerApi();
let elsewhere: http.Server;
let elsewhereUrl = '';
let elsewhereHits = 0;

beforeAll(async () => {
  elsewhere = http.createServer((_request, response) => {
    elsewhereHits++;
    response.writeHead(200, { 'Content-Type': 'image/jpeg' });
    response.end('not a photo');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/internal.jpg`;
});
afterAll(() => new Promise<void>((resolve) => elsewhere.close(() => resolve())));

describe('Messenger attachment downloads', () => {
  it.each([
    ['https://scontent.xx.fbcdn.net/v/t1.15752-9/a.jpg', true],
    ['https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1', true],
    ['https://scontent.cdninstagram.com/v/a.jpg', true],
    ['http://scontent.xx.fbcdn.net/a.jpg', false],
    ['https://fbcdn.net.attacker.example/a.jpg', false],
    ['https://user:pass@scontent.xx.fbcdn.net/a.jpg', false],
    ['https://169.254.169.254/latest/meta-data', false],
  ])('%s → %s', (url, allowed) => {
    expect(isMetaAttachmentUrl(url, 'https://graph.facebook.com/v23.0')).toBe(allowed);
  });

  it('never fetches a URL outside Meta, and names the refusal to the citizen', async () => {
    const result = await messengerMediaDownloader('messenger')([{ mediaId: elsewhereUrl, kind: 'image', mimeType: 'image/jpeg' }]);
    expect(result.files).toEqual([]);
    expect(result.skipped).toEqual([{ name: 'messenger-1.jpg', reason: 'o endereço do arquivo não é do Messenger' }]);
    expect(elsewhereHits).toBe(0);
    expect(api().cdnRequests).toEqual([]);
  });
});
