import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
// `next/server` exports only the type; the proxy is given one of these by Next.
import { NextFetchEvent } from 'next/dist/server/web/spec-extension/fetch-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db/client';
import { attachments } from '@/lib/db/schema';
import { createStatusToken } from '@/lib/delivery/status-token';
import { fileDemand } from '@/lib/demands/intake';
import { openStatusLink, revokeStatusLinks } from '@/lib/demands/status-link';
import { GET as downloadAttachment } from '@/app/api/anexos/[id]/route';
import { proxy } from '@/proxy';
import { fileOf, jpegWithGps } from '../support/files';
import { ouvidoriaInput } from '../factories';
import { createCast, expectOk, fileOuvidoria } from '../workspace-factories';

/**
 * Threat: the status page linked its files as `/api/anexos/<id>?token=<the link's token>`, so the
 * credential that opens the demand (and acts as its requester) ended up in Referer headers, proxy and
 * server logs and the browser history of whoever downloaded a file. Now the file URL carries no token:
 * opening the status page leaves an httpOnly cookie, for /api/anexos only, that lives an hour (also
 * enforced by the server) and dies with the link when the ombudsman revokes it.
 */

// The download route asks Auth.js for a session first: here, nobody is signed in.
vi.mock('@/lib/auth/auth', () => ({ auth: async () => null }));

let dataDir: string;
const savedDataDir = process.env.DATA_DIR;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-file-cookie-'));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const email = 'lia.arquivos@exemplo.com.br';

/** A demand filed with a photo and an e-mail, and a status link for it as an e-mail would carry. */
async function demandWithPhoto() {
  const filed = await fileDemand(ouvidoriaInput({ email }), { channel: 'web' }, { files: [fileOf('rua.jpg', await jpegWithGps())] });
  if (!filed.ok) throw new Error(JSON.stringify(filed.fieldErrors));
  const db = await getDb();
  const [photo] = await db.select().from(attachments).where(eq(attachments.demandId, filed.demand.id));
  if (!photo) throw new Error('no photo');
  const token = createStatusToken({ demandId: filed.demand.id, recipient: email, generation: 0, expiresAt: new Date(Date.now() + 90 * 86_400_000) });
  return { demandId: filed.demand.id, photoId: photo.id, token };
}

/** What the browser does when it opens the status page: the proxy's answer, and the cookie it sets. */
async function openStatusPage(token: string): Promise<{ setCookie: string; cookieHeader: string }> {
  const request = new NextRequest(`http://localhost:3000/situacao/${token}`);
  const response = await proxy(request, new NextFetchEvent({ request, page: '/situacao/[token]', context: undefined }));
  const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith('situacao-')) ?? '';
  return { setCookie, cookieHeader: setCookie.split(';')[0] ?? '' };
}

function download(id: string, init: { query?: string; cookie?: string } = {}): Promise<Response> {
  const request = new Request(`http://localhost/api/anexos/${id}${init.query ?? ''}`, { headers: init.cookie ? { cookie: init.cookie } : {} });
  return downloadAttachment(request, { params: Promise.resolve({ id }) });
}

describe('status-link token not in file URLs', () => {
  it('a file URL with the token in its query string opens nothing', async () => {
    const { photoId, token } = await demandWithPhoto();
    expect((await download(photoId, { query: `?token=${token}` })).status).toBe(401);
  });

  it('opening the status page leaves an httpOnly, SameSite=Lax cookie for /api/anexos that lives an hour, and it opens that demand’s files', async () => {
    const { demandId, photoId, token } = await demandWithPhoto();

    const { setCookie, cookieHeader } = await openStatusPage(token);
    expect(setCookie).toMatch(/; Path=\/api\/anexos(;|$)/);
    expect(setCookie).toMatch(/; Max-Age=3600(;|$)/);
    expect(setCookie).toMatch(/; HttpOnly(;|$)/);
    expect(setCookie).toMatch(/; SameSite=Lax(;|$)/);
    // The cookie is not the link's token: a copy that the server refuses after the hour.
    expect(cookieHeader).not.toContain(token);

    expect((await download(photoId, { cookie: cookieHeader })).status).toBe(200);
    expect((await download(photoId)).status).toBe(401);
    // A cookie kept past its hour (a browser that ignores Max-Age, a copy) is refused by the server.
    const kept = cookieHeader.slice(cookieHeader.indexOf('=') + 1);
    expect(await openStatusLink(kept, new Date(Date.now() + 61 * 60_000))).toEqual({ ok: false, reason: 'expired' });

    // Another demand's cookie does not open this one's files.
    const other = await fileOuvidoria({ email: 'outra.pessoa@exemplo.com.br' });
    const otherToken = createStatusToken({ demandId: other.id, recipient: 'outra.pessoa@exemplo.com.br', generation: 0, expiresAt: new Date(Date.now() + 86_400_000) });
    expect((await download(photoId, { cookie: (await openStatusPage(otherToken)).cookieHeader })).status).toBe(404);

    // Revoking the links revokes the cookies made from them.
    const cast = await createCast();
    expectOk(await revokeStatusLinks(cast.ombudsman, { demandId, reason: 'Link encaminhado por engano.' }));
    expect((await download(photoId, { cookie: cookieHeader })).status).toBe(404);
  });

  it('a forged or tampered token leaves no cookie', async () => {
    const token = createStatusToken({ demandId: crypto.randomUUID(), recipient: email, generation: 0, expiresAt: new Date(Date.now() + 86_400_000) });
    expect((await openStatusPage(`${token}x`)).setCookie).toBe('');
    expect((await openStatusPage('nada-disso')).setCookie).toBe('');
  });
});
