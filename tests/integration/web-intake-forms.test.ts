import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IntakeReceipt } from '@/components/demand/receipt';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { getDb } from '@/lib/db/client';
import { attachments, demandEvents, demands, protocolCounters, users } from '@/lib/db/schema';
import { listOwnDemands } from '@/lib/demands/citizen-demands';
import { webFormDefaults } from '@/lib/channels/web-form';
import { fileOuvidoriaDemand } from '@/app/(ouvidoria)/ouvidoria/actions';
import { fileBalcaoRequest, type BalcaoFormState } from '@/app/(balcao)/balcao/actions';
import { createUser } from '../account-factories';
import { balcaoInput, ouvidoriaInput } from '../factories';
import { fileOf, htmlPage, jpegWithGps, pdfDocument, pngImage } from '../support/files';

/**
 * The public Ouvidoria and Balcão forms, called as React calls their server actions: a multipart
 * FormData post. Auth.js's `auth()` needs a request to read the session cookie from, so it stands in
 * here with the session it would decode; who that user is (role, still active) is read from the
 * database by the project's own guard, as in production.
 */
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock('@/lib/auth/auth', () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null),
}));

// The address the request came from, as the server stamps it from the socket (the actions read it from the request's headers).
const request = vi.hoisted(() => ({ address: '198.51.100.7' }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-ouvidoria-socket-address': request.address }) }));

let dataDir: string;
const savedDataDir = process.env.DATA_DIR;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-web-intake-'));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => {
  session.userId = null;
});

/** What the browser posts: every field as text, files under `files`, and the one empty File an untouched input sends. */
function post(fields: Record<string, unknown>, files: File[] = [fileOf('', new Uint8Array())]): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'service') continue;
    if (value && typeof value === 'object') {
      for (const [inner, innerValue] of Object.entries(value)) data.append(`${name}.${inner}`, String(innerValue));
    } else if (value !== undefined) {
      data.append(name, String(value));
    }
  }
  for (const file of files) data.append('files', file);
  // These posts file the same request again and again: the "already asked here" offer has its own tests.
  data.append('duplicateCheck', 'seen');
  return data;
}

function storedFiles(): string[] {
  const root = path.join(dataDir, 'files');
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

async function rowCounts() {
  const db = await getDb();
  const [demandCount] = await db.select({ n: count() }).from(demands);
  const [attachmentCount] = await db.select({ n: count() }).from(attachments);
  const counters = await db.select().from(protocolCounters);
  return { demands: demandCount?.n, attachments: attachmentCount?.n, counters, files: storedFiles().length };
}

function filed(state: FormState<IntakeReceipt> | BalcaoFormState): IntakeReceipt {
  if (state.status !== 'success') throw new Error(`expected a filed demand, got ${JSON.stringify(state)}`);
  return state.result;
}

async function demandByProtocol(protocol: string) {
  const db = await getDb();
  const [demand] = await db.select().from(demands).where(eq(demands.protocol, protocol));
  if (!demand) throw new Error(`no demand ${protocol}`);
  return demand;
}

describe('attachments on the public forms', () => {
  it('files an Ouvidoria demand with a phone photo, stored re-encoded without its EXIF and GPS', async () => {
    const photo = await jpegWithGps();
    expect((await sharp(Buffer.from(photo)).metadata()).exif).toBeDefined();
    const receipt = filed(await fileOuvidoriaDemand(idleState, post(ouvidoriaInput(), [fileOf('buraco.jpg', photo, 'image/jpeg')])));

    const demand = await demandByProtocol(receipt.protocol);
    const db = await getDb();
    const [received] = await db.select().from(demandEvents).where(eq(demandEvents.demandId, demand.id));
    const files = await db.select().from(attachments).where(eq(attachments.demandId, demand.id));
    expect(files).toEqual([expect.objectContaining({ eventId: received?.id, fileName: 'buraco.jpg', contentType: 'image/jpeg', uploadedByUserId: null })]);
    expect(received).toMatchObject({ type: 'received', visibility: 'public' });

    const stored = fs.readFileSync(path.join(dataDir, 'files', files[0]?.storageKey ?? 'missing'));
    expect(stored.byteLength).toBe(files[0]?.sizeBytes);
    const metadata = await sharp(stored).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
    expect(metadata.exif).toBeUndefined();
    expect(stored.includes(Buffer.from('CameraDeTeste'))).toBe(false);
  });

  it('files a Balcão request with a photo and a PDF', async () => {
    const receipt = filed(
      await fileBalcaoRequest(idleState, post(await balcaoInput(), [fileOf('rua.png', await pngImage()), fileOf('protocolo-antigo.pdf', pdfDocument())])),
    );
    const demand = await demandByProtocol(receipt.protocol);
    const files = await (await getDb()).select().from(attachments).where(eq(attachments.demandId, demand.id));
    expect(files.map((file) => [file.fileName, file.contentType]).sort()).toEqual([
      ['protocolo-antigo.pdf', 'application/pdf'],
      ['rua.png', 'image/png'],
    ]);
  });

  it('refuses a web page renamed .jpg, naming the file, keeps what was typed and writes nothing', async () => {
    const before = await rowCounts();
    const state = await fileOuvidoriaDemand(idleState, post(ouvidoriaInput({ subject: 'Lixo acumulado na praça' }), [fileOf('foto.jpg', htmlPage, 'image/jpeg')]));

    expect(state).toMatchObject({
      status: 'error',
      fieldErrors: { files: ['"foto.jpg" não é uma foto (JPEG, PNG, WebP ou HEIC) nem um documento PDF: o conteúdo do arquivo não corresponde a nenhum desses formatos.'] },
      values: { subject: 'Lixo acumulado na praça', name: 'Maria da Silva' },
    });
    if (state.status !== 'error') throw new Error('unreachable');
    expect(Object.keys(state.fieldErrors)).toEqual(['files']);
    expect(state.values).not.toHaveProperty('files');
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a sixth file and writes nothing', async () => {
    const before = await rowCounts();
    const photos = await Promise.all(Array.from({ length: 6 }, async (_, i) => fileOf(`foto-${i + 1}.png`, await pngImage())));
    const state = await fileBalcaoRequest(idleState, post(await balcaoInput(), photos));
    expect(state).toMatchObject({
      status: 'error',
      fieldErrors: { files: ['Você escolheu 6 arquivos; o limite é 5 por mensagem. Remova 1 e envie de novo.'] },
    });
    expect(await rowCounts()).toEqual(before);
  });

  it('reports a refused file together with the other fields, in one round', async () => {
    const state = await fileOuvidoriaDemand(idleState, post(ouvidoriaInput({ description: 'curta' }), [fileOf('nota.pdf', htmlPage)]));
    expect(state).toMatchObject({ status: 'error', fieldErrors: { description: [expect.any(String)], files: [expect.stringContaining('"nota.pdf"')] } });
  });

  it('asks for the files again when they were fine but another field was not', async () => {
    const before = await rowCounts();
    const state = await fileOuvidoriaDemand(idleState, post(ouvidoriaInput({ subject: '' }), [fileOf('a.pdf', pdfDocument()), fileOf('b.png', await pngImage())]));
    expect(state).toMatchObject({
      status: 'error',
      fieldErrors: { subject: [expect.any(String)], form: ['Os 2 anexos escolhidos não foram enviados: escolha os arquivos de novo antes de enviar.'] },
    });
    expect(await rowCounts()).toEqual(before);
  });
});

describe('a signed-in citizen files as themself', () => {
  it('links the demand to their account, so it is listed in Minhas manifestações', async () => {
    const citizen = await createUser({ role: 'citizen', name: 'Ana Cidadã' });
    session.userId = citizen.userId;
    const ouvidoria = filed(await fileOuvidoriaDemand(idleState, post(ouvidoriaInput({ email: citizen.email }))));
    const balcao = filed(await fileBalcaoRequest(idleState, post(await balcaoInput())));

    expect((await demandByProtocol(ouvidoria.protocol)).requesterUserId).toBe(citizen.userId);
    expect((await demandByProtocol(balcao.protocol)).requesterUserId).toBe(citizen.userId);
    const own = await listOwnDemands(citizen);
    expect(own.demands.map((demand) => demand.protocol).sort()).toEqual([ouvidoria.protocol, balcao.protocol].sort());
  });

  it('does not link an anonymous demand, even when signed in', async () => {
    const citizen = await createUser({ role: 'citizen' });
    session.userId = citizen.userId;
    const receipt = filed(await fileOuvidoriaDemand(idleState, post(ouvidoriaInput({ identity: 'anonymous', name: '', email: '' }))));
    expect(receipt.accessCode).toBeDefined();
    expect((await demandByProtocol(receipt.protocol)).requesterUserId).toBeNull();
    expect((await listOwnDemands(citizen)).total).toBe(0);
  });

  it('does not link demands filed by staff on the public form, nor by visitors, nor by a deactivated account', async () => {
    const ombudsman = await createUser({ role: 'ombudsman' });
    session.userId = ombudsman.userId;
    const byStaff = filed(await fileOuvidoriaDemand(idleState, post(ouvidoriaInput())));
    session.userId = null;
    const byVisitor = filed(await fileOuvidoriaDemand(idleState, post(ouvidoriaInput())));
    const former = await createUser({ role: 'citizen', active: false });
    session.userId = former.userId;
    const byFormer = filed(await fileBalcaoRequest(idleState, post(await balcaoInput())));

    for (const receipt of [byStaff, byVisitor, byFormer]) {
      expect(await demandByProtocol(receipt.protocol)).toMatchObject({ requesterUserId: null, enteredByUserId: null, channel: 'web' });
    }
  });

  it('starts the form with the citizen’s own name and contacts; visitors and staff get none', async () => {
    const citizen = await createUser({ role: 'citizen', name: 'Bruno Cidadão' });
    const db = await getDb();
    await db.update(users).set({ phone: '+5514991234567' }).where(eq(users.id, citizen.userId));
    session.userId = citizen.userId;
    expect(await webFormDefaults()).toEqual({ name: 'Bruno Cidadão', email: citizen.email, phone: '(14) 99123-4567' });
    session.userId = (await createUser({ role: 'attendant' })).userId;
    expect(await webFormDefaults()).toEqual({});
    session.userId = null;
    expect(await webFormDefaults()).toEqual({});
  });
});

describe('many posts from one connection', () => {
  it('stops taking forms from an address past the hourly limit, keeping what was typed, and goes on taking others', async () => {
    const saved = process.env.WEB_INTAKE_LIMIT_PER_HOUR;
    process.env.WEB_INTAKE_LIMIT_PER_HOUR = '2';
    request.address = '203.0.113.50';
    try {
      const input = ouvidoriaInput({ subject: 'Lâmpada queimada na praça' });
      for (let i = 0; i < 2; i++) expect(await fileOuvidoriaDemand(idleState, post(input))).toMatchObject({ status: 'success' });
      const before = await rowCounts();
      const third = await fileOuvidoriaDemand(idleState, post(input));
      expect(third).toMatchObject({
        status: 'error',
        message: expect.stringMatching(/^Recebemos muitos envios desta conexão na última hora\. Tente de novo em \d+ minutos? — o que você digitou continua aqui\./),
        values: { subject: 'Lâmpada queimada na praça' },
      });
      expect(await rowCounts()).toEqual(before);

      request.address = '203.0.113.51';
      expect(await fileOuvidoriaDemand(idleState, post(input))).toMatchObject({ status: 'success' });
    } finally {
      if (saved === undefined) delete process.env.WEB_INTAKE_LIMIT_PER_HOUR;
      else process.env.WEB_INTAKE_LIMIT_PER_HOUR = saved;
      request.address = '198.51.100.7';
    }
  });
});
