import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isMetaMediaUrl } from '@/lib/channels/whatsapp/graph';
import { downloadDraftMedia } from '@/lib/channels/whatsapp/media';
import { pdfDocument } from '../support/files';
import { withFakeCloudApi } from '../support/whatsapp-harness';

/**
 * Threat: the media download follows whatever URL the Graph API answer holds, with our bearer token, and
 * reads the whole file. A spoofed or compromised answer sends the token (and the server's request) to any
 * host, or an endless file fills the memory. Only Meta's hosts are fetched, and a download stops at the
 * size Meta declared (and at the attachment limit).
 */
const { graph } = withFakeCloudApi();

/** Another host on the network, recording who called it and with which token. */
let elsewhere: { url: string; requests: { authorization: string | undefined }[]; close: () => Promise<void> };
beforeAll(async () => {
  const requests: { authorization: string | undefined }[] = [];
  const server = http.createServer((request, response) => {
    requests.push({ authorization: request.headers.authorization });
    response.writeHead(200, { 'Content-Type': 'application/pdf' });
    response.end(Buffer.from(pdfDocument()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  elsewhere = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
afterAll(() => elsewhere.close());

describe('WhatsApp media downloads', () => {
  it('refuses a media URL outside Meta: the token never leaves for another host, and the citizen is told', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    graph().addMedia('media-elsewhere', pdfDocument(), 'application/pdf', { url: `${elsewhere.url}/steal` });

    const result = await downloadDraftMedia([{ mediaId: 'media-elsewhere', kind: 'document', mimeType: 'application/pdf', fileName: 'boleto.pdf' }]);

    expect(elsewhere.requests).toEqual([]);
    expect(result.files).toEqual([]);
    expect(result.skipped).toEqual([{ name: 'boleto.pdf', reason: expect.stringMatching(/não é do WhatsApp/) }]);
    warn.mockRestore();
  });

  it('stops a download that runs past the size Meta declared', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const big = new Uint8Array(3 * 1024 * 1024).fill(0x25);
    graph().addMedia('media-lying', big, 'application/pdf', { declaredSize: 2048 });

    const result = await downloadDraftMedia([{ mediaId: 'media-lying', kind: 'document', mimeType: 'application/pdf', fileName: 'nota.pdf' }]);

    expect(result.files).toEqual([]);
    expect(result.skipped).toEqual([{ name: 'nota.pdf', reason: expect.stringMatching(/maior que o tamanho informado/) }]);
    warn.mockRestore();
  });

  it('does not download a file Meta declares larger than an attachment may be', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    graph().addMedia('media-huge', pdfDocument(), 'application/pdf', { declaredSize: 80 * 1024 * 1024 });
    graph().mediaRequests.splice(0);

    const result = await downloadDraftMedia([{ mediaId: 'media-huge', kind: 'document', mimeType: 'application/pdf', fileName: 'video.pdf' }]);

    expect(result.skipped).toEqual([{ name: 'video.pdf', reason: expect.stringMatching(/10 MB/) }]);
    expect(graph().mediaRequests.map((request) => request.path)).not.toContain('/media-download/media-huge');
    warn.mockRestore();
  });

  it('still downloads a file from Meta of the declared size', async () => {
    graph().addMedia('media-ok', pdfDocument(), 'application/pdf');
    const result = await downloadDraftMedia([{ mediaId: 'media-ok', kind: 'document', mimeType: 'application/pdf', fileName: 'ok.pdf' }]);
    expect(result.files.map((file) => file.name)).toEqual(['ok.pdf']);
  });

  it('knows Meta’s media hosts from look-alikes', () => {
    const api = 'https://graph.facebook.com/v23.0';
    for (const url of [
      'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=123&ext=1&hash=abc',
      'https://scontent.xx.fbcdn.net/v/t61/abc.jpg',
      'https://mmg.whatsapp.net/d/f/abc.enc',
    ]) {
      expect(isMetaMediaUrl(url, api)).toBe(true);
    }
    for (const url of [
      'http://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1',
      'https://lookaside.fbsbx.com.evil.example/x',
      'https://evilfbcdn.net/x',
      'https://fbcdn.net.evil.example/x',
      'https://user:pass@lookaside.fbsbx.com/x',
      'https://lookaside.fbsbx.com:8443/x',
      'https://169.254.169.254/latest/meta-data/',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(isMetaMediaUrl(url, api)).toBe(false);
    }
  });
});
