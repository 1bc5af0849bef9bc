import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db/client';
import { attachments } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { createStatusToken } from '@/lib/delivery/status-token';
import { getFileStore, StoredFileMissingError, type FileStore } from '@/lib/storage';
import { createLocalFileStore } from '@/lib/storage/local';
import { createUploadThingStore, uploadThingSettingsFromEnv } from '@/lib/storage/uploadthing';
import { GET as downloadAttachment } from '@/app/api/anexos/[id]/route';
import { startFakeUploadThing, type FakeUploadThing } from '../support/fake-uploadthing';
import { requestAfterOpeningStatusLink } from '../support/status-link';
import { fileOf, pdfDocument, pngImage } from '../support/files';
import { ouvidoriaInput } from '../factories';

// The download route asks Auth.js for a session before the status link's cookie: here, nobody is signed in.
vi.mock('@/lib/auth/auth', () => ({ auth: async () => null }));

async function readAll(store: FileStore, key: string): Promise<Uint8Array> {
  return new Uint8Array(await new Response(await store.read(key)).arrayBuffer());
}

let fake: FakeUploadThing;
let dataDir: string;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await startFakeUploadThing();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-storage-'));
});
afterAll(async () => {
  await fake.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => {
  for (const name of Object.keys(fake.env)) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('local file store', () => {
  it('keeps, returns and deletes bytes under DATA_DIR, under keys it made', async () => {
    const store = createLocalFileStore(path.join(dataDir, 'files'));
    const bytes = pdfDocument();
    const { key } = await store.put({ bytes, contentType: 'application/pdf', extension: 'pdf' });
    expect(key).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}\.pdf$/);
    expect(await readAll(store, key)).toEqual(bytes);
    expect((fs.statSync(path.join(dataDir, 'files', key)).mode & 0o777).toString(8)).toBe('600');
    await store.delete([key]);
    await expect(store.read(key)).rejects.toBeInstanceOf(StoredFileMissingError);
    await expect(store.read('../../etc/passwd')).rejects.toBeInstanceOf(StoredFileMissingError);
  });
});

describe('UploadThing store, against a local server playing UploadThing', () => {
  it('uploads privately, reads back through a short-lived signed URL, and deletes', async () => {
    const settings = uploadThingSettingsFromEnv({ ...process.env, ...fake.env });
    if (!settings) throw new Error('settings not read from the environment');
    const store = createUploadThingStore(settings);
    const bytes = await pngImage();
    const { key } = await store.put({ bytes, contentType: 'image/png', extension: 'png' });
    expect(fake.files.get(key)).toMatchObject({ acl: 'private', type: 'image/png' });
    expect(await readAll(store, key)).toEqual(bytes);
    await store.delete([key]);
    expect(fake.files.has(key)).toBe(false);
    await expect(store.read(key)).rejects.toBeInstanceOf(StoredFileMissingError);
    expect(fake.requests.filter((r) => r.status === 403)).toEqual([]);
  });

  it('is the store the app uses when UPLOADTHING_TOKEN is set: intake stores there, the route streams from there', async () => {
    Object.assign(process.env, fake.env);
    expect(getFileStore().kind).toBe('uploadthing');
    const filed = await fileDemand(ouvidoriaInput({ email: 'ut@exemplo.com.br' }), { channel: 'web' }, { files: [fileOf('comprovante.pdf', pdfDocument())] });
    if (!filed.ok) throw new Error(JSON.stringify(filed.fieldErrors));
    const db = await getDb();
    const [row] = await db.select().from(attachments).where(eq(attachments.demandId, filed.demand.id));
    if (!row) throw new Error('no attachment');
    // The PDF as stored: rewritten without metadata or scripts, its text kept.
    const stored = fake.files.get(row.storageKey)?.bytes ?? new Uint8Array();
    expect(Buffer.from(stored).includes(Buffer.from('Comprovante de teste'))).toBe(true);
    const token = createStatusToken({ demandId: filed.demand.id, recipient: 'ut@exemplo.com.br', generation: 0, expiresAt: new Date(Date.now() + 86_400_000) });
    const response = await downloadAttachment(requestAfterOpeningStatusLink(`http://localhost/api/anexos/${row.id}`, token), { params: Promise.resolve({ id: row.id }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array(stored));
  });
});
