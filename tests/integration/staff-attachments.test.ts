import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { idleState } from '@/lib/actions/form-state';
import type { WorkspaceFormState } from '@/lib/actions/workspace-form-state';
import { getDb, type Database } from '@/lib/db/client';
import { attachments, demandEvents, outbox } from '@/lib/db/schema';
import { createStatusToken } from '@/lib/delivery/status-token';
import { addInternalNote, postPublicReply } from '@/lib/demands/staff-messages';
import { sendFinalAnswer } from '@/lib/demands/resolution';
import { fileDemandOnBehalf } from '@/lib/demands/staff-intake';
import { demandVersion } from '@/lib/demands/workflow';
import { answerAction, noteAction } from '@/app/(staff)/painel/demandas/[protocolo]/actions';
import { GET as downloadAttachment } from '@/app/api/anexos/[id]/route';
import { fileOf, htmlPage, jpegWithGps, pdfDocument } from '../support/files';
import { requestAfterOpeningStatusLink } from '../support/status-link';
import { balcaoInput } from '../factories';
import { createCast, expectOk, fileOuvidoria, type Cast } from '../workspace-factories';

/**
 * Files staff send with a movement: stored as attachments of the event the use case writes, in its
 * transaction; a file on an internal note stays internal. Downloads go through the real route; the
 * signed-in user comes from a stand-in for Auth.js's `auth()` (it needs a request's cookies), and the
 * route's guard reads who they are from the database.
 */
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock('@/lib/auth/auth', () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null),
}));

// revalidatePath needs Next's request store; what is tested here is what the action writes and where it sends.
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

let dataDir: string;
const savedDataDir = process.env.DATA_DIR;
let cast: Cast;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-staff-files-'));
  process.env.DATA_DIR = dataDir;
  cast = await createCast();
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => {
  session.userId = null;
});

function storedFileCount(): number {
  const root = path.join(dataDir, 'files');
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length : 0;
}

async function attachmentCount(): Promise<number> {
  const [row] = await (await getDb()).select({ n: count() }).from(attachments);
  return row?.n ?? 0;
}

async function eventsOf(demandId: string, type: 'note' | 'public_reply' | 'answered') {
  return (await getDb()).select().from(demandEvents).where(and(eq(demandEvents.demandId, demandId), eq(demandEvents.type, type)));
}

async function filesOfEvent(eventId: number | undefined) {
  return (await getDb()).select().from(attachments).where(eq(attachments.eventId, eventId ?? -1));
}

/** A demand of Cidadã Alfa's account, with an e-mail so that a status link can be made for it. */
async function citizenDemand() {
  const email = cast.citizenA.email;
  const demand = await fileOuvidoria({ email }, { requesterUserId: cast.citizenA.userId });
  const token = createStatusToken({ demandId: demand.id, recipient: email, generation: 0, expiresAt: new Date(Date.now() + 86_400_000) });
  return { ...demand, token };
}

async function download(attachmentId: string, as: { userId: string } | { token: string }): Promise<Response> {
  session.userId = 'userId' in as ? as.userId : null;
  const url = `http://localhost/api/anexos/${attachmentId}`;
  return downloadAttachment('token' in as ? requestAfterOpeningStatusLink(url, as.token) : new Request(url), { params: Promise.resolve({ id: attachmentId }) });
}

/** A server action that succeeds redirects; Next's redirect() throws to do it. */
async function redirectOf(run: Promise<WorkspaceFormState>): Promise<string> {
  try {
    const state = await run;
    throw new Error(`expected a redirect, got ${JSON.stringify(state)}`);
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (!digest.startsWith('NEXT_REDIRECT')) throw error;
    return digest.split(';')[2] ?? '';
  }
}

function form(fields: Record<string, string | File | File[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(name, item);
  }
  return data;
}

/** The version the demand page would put in its forms. */
async function versionOf(demandId: string): Promise<string> {
  return String(await demandVersion(await getDb(), demandId));
}

function containsText(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes).includes(Buffer.from(text));
}

describe('files on an internal note', () => {
  it('stores a PDF as an attachment of the internal note event, readable by staff only', async () => {
    const demand = await citizenDemand();
    const pdf = pdfDocument('Laudo da vistoria');
    expectOk(await addInternalNote(cast.ombudsman, { demandId: demand.id, body: 'Laudo da vistoria anexado.' }, { files: [fileOf('laudo.pdf', pdf)] }));

    const [note] = await eventsOf(demand.id, 'note');
    expect(note).toMatchObject({ visibility: 'internal', body: 'Laudo da vistoria anexado.' });
    const files = await filesOfEvent(note?.id);
    expect(files).toEqual([
      expect.objectContaining({ demandId: demand.id, fileName: 'laudo.pdf', contentType: 'application/pdf', uploadedByUserId: cast.ombudsman.userId }),
    ]);
    const id = files[0]?.id ?? '';
    // PDFs are rewritten without metadata or scripts (tests/security/pdf-metadata-and-scripts-removed.test.ts): the text stays.
    const stored = new Uint8Array(fs.readFileSync(path.join(dataDir, 'files', files[0]?.storageKey ?? 'missing')));
    expect(files[0]?.sizeBytes).toBe(stored.byteLength);
    expect(containsText(stored, 'Laudo da vistoria')).toBe(true);

    const asOmbudsman = await download(id, { userId: cast.ombudsman.userId });
    expect(asOmbudsman.status).toBe(200);
    expect(new Uint8Array(await asOmbudsman.arrayBuffer())).toEqual(stored);
    // The requester, signed in or through the e-mailed link, does not see an internal note's file.
    expect((await download(id, { userId: cast.citizenA.userId })).status).toBe(404);
    expect((await download(id, { token: demand.token })).status).toBe(404);
    // Nor does a department the demand was never forwarded to.
    expect((await download(id, { userId: cast.saude.userId })).status).toBe(404);
  });

  it('refuses a web page named .pdf, naming the file, and writes no event and no file', async () => {
    const demand = await citizenDemand();
    const [files, attachmentRows] = [storedFileCount(), await attachmentCount()];
    const result = await addInternalNote(cast.ombudsman, { demandId: demand.id, body: 'Segue o laudo.' }, { files: [fileOf('laudo.pdf', htmlPage, 'application/pdf')] });
    expect(result).toEqual({
      ok: false,
      status: 400,
      error: 'Confira os campos destacados.',
      fieldErrors: { files: ['"laudo.pdf" não é uma foto (JPEG, PNG, WebP ou HEIC) nem um documento PDF: o conteúdo do arquivo não corresponde a nenhum desses formatos.'] },
    });
    expect(await eventsOf(demand.id, 'note')).toEqual([]);
    expect(storedFileCount()).toBe(files);
    expect(await attachmentCount()).toBe(attachmentRows);
  });

  it('removes the stored files when the use case refuses: a demand the department does not hold', async () => {
    const demand = await citizenDemand();
    const before = storedFileCount();
    const result = await addInternalNote(cast.saude, { demandId: demand.id, body: 'Nota de quem não deveria.' }, { files: [fileOf('laudo.pdf', pdfDocument())] });
    expect(result).toMatchObject({ ok: false, status: 404 });
    expect(storedFileCount()).toBe(before);
    expect(await eventsOf(demand.id, 'note')).toEqual([]);
  });

  it('removes the stored files when the transaction fails', async () => {
    const demand = await citizenDemand();
    const before = { files: storedFileCount(), rows: await attachmentCount() };
    const real = await getDb();
    // Everything is written, then the commit fails: the rows roll back, and the files must go too.
    const failing = new Proxy(real, {
      get(target, key, receiver) {
        if (key !== 'transaction') return Reflect.get(target, key, receiver);
        return (run: Parameters<Database['transaction']>[0]) =>
          target.transaction(async (tx) => {
            await run(tx);
            throw new Error('commit refused');
          });
      },
    });
    await expect(
      addInternalNote(cast.ombudsman, { demandId: demand.id, body: 'Nota que não chega a ser gravada.' }, { db: failing, files: [fileOf('laudo.pdf', pdfDocument())] }),
    ).rejects.toThrow('commit refused');
    expect({ files: storedFileCount(), rows: await attachmentCount() }).toEqual(before);
    expect(await eventsOf(demand.id, 'note')).toEqual([]);
  });

  it('from the demand page: the posted PDF reaches the note, and the empty file entry is ignored', async () => {
    const demand = await citizenDemand();
    session.userId = cast.ombudsman.userId;
    const target = await redirectOf(
      noteAction(idleState, form({ demandId: demand.id, protocol: demand.protocol, seenVersion: await versionOf(demand.id), body: 'Ofício da secretaria anexado.', files: [fileOf('oficio.pdf', pdfDocument()), fileOf('', new Uint8Array())] })),
    );
    expect(target).toBe(`/painel/demandas/${demand.protocol}?feito=nota`);
    const [note] = await eventsOf(demand.id, 'note');
    expect((await filesOfEvent(note?.id)).map((file) => file.fileName)).toEqual(['oficio.pdf']);
  });

  it('from the demand page: reports the missing text and the refused file together', async () => {
    const demand = await citizenDemand();
    session.userId = cast.ombudsman.userId;
    const state: WorkspaceFormState = await noteAction(
      idleState,
      form({ demandId: demand.id, protocol: demand.protocol, body: '', files: [fileOf('foto.jpg', htmlPage), fileOf('', new Uint8Array())] }),
    );
    expect(state).toMatchObject({
      status: 'error',
      fieldErrors: { body: ['Escreva a nota (pelo menos 3 caracteres).'], files: [expect.stringContaining('"foto.jpg" não é uma foto')] },
    });
    expect(await eventsOf(demand.id, 'note')).toEqual([]);
  });

  it('from the demand page: tells staff to choose the files again when only the text was wrong', async () => {
    const demand = await citizenDemand();
    session.userId = cast.ombudsman.userId;
    const state = await noteAction(idleState, form({ demandId: demand.id, protocol: demand.protocol, body: '', files: [fileOf('laudo.pdf', pdfDocument())] }));
    expect(state).toMatchObject({
      status: 'error',
      message: 'Confira os campos destacados. O anexo escolhido não foi enviado: escolha o arquivo de novo antes de enviar.',
      fieldErrors: { body: [expect.any(String)] },
    });
  });
});

describe('files on a public reply and on the final answer', () => {
  it('go with the public events, re-encoded, and the requester downloads them with the link', async () => {
    const demand = await citizenDemand();
    expectOk(
      await postPublicReply(cast.ombudsman, { demandId: demand.id, body: 'A equipe esteve no local; veja a foto.' }, { files: [fileOf('vistoria.jpg', await jpegWithGps())] }),
    );
    expectOk(
      await sendFinalAnswer(
        cast.ombudsman,
        { demandId: demand.id, body: 'O atendimento da unidade foi reorganizado; segue o ofício.' },
        { files: [fileOf('oficio.pdf', pdfDocument('Oficio 12/2026'))] },
      ),
    );

    const [reply] = await eventsOf(demand.id, 'public_reply');
    const [answer] = await eventsOf(demand.id, 'answered');
    expect(reply?.visibility).toBe('public');
    expect(answer?.visibility).toBe('public');
    const [photo] = await filesOfEvent(reply?.id);
    const [letter] = await filesOfEvent(answer?.id);
    expect(photo).toMatchObject({ fileName: 'vistoria.jpg', contentType: 'image/jpeg' });
    expect(letter).toMatchObject({ fileName: 'oficio.pdf', contentType: 'application/pdf' });
    // The citizen's notice of the answer names the file it came with.
    const notices = await (await getDb()).select().from(outbox).where(and(eq(outbox.demandId, demand.id), eq(outbox.template, 'final_answer')));
    expect(notices.map((notice) => (notice.payload as { attachmentNames?: string[] }).attachmentNames)).toEqual([['oficio.pdf']]);

    const viaLink = await download(photo?.id ?? '', { token: demand.token });
    expect(viaLink.status).toBe(200);
    expect((await sharp(Buffer.from(await viaLink.arrayBuffer())).metadata()).exif).toBeUndefined();
    expect((await download(letter?.id ?? '', { userId: cast.citizenA.userId })).status).toBe(200);
    // Another citizen does not.
    expect((await download(letter?.id ?? '', { userId: cast.citizenB.userId })).status).toBe(404);
  });

  it('from the demand page: the final answer form sends its files', async () => {
    const demand = await citizenDemand();
    session.userId = cast.ombudsman.userId;
    const target = await redirectOf(
      answerAction(
        idleState,
        form({ demandId: demand.id, protocol: demand.protocol, seenVersion: await versionOf(demand.id), body: 'Resposta conclusiva com o relatório da vistoria.', files: [fileOf('relatorio.pdf', pdfDocument())] }),
      ),
    );
    expect(target).toBe(`/painel/demandas/${demand.protocol}?feito=respondida`);
    const [answer] = await eventsOf(demand.id, 'answered');
    expect((await filesOfEvent(answer?.id)).map((file) => file.fileName)).toEqual(['relatorio.pdf']);
  });

  it('a final answer refused by the state table stores nothing', async () => {
    const demand = await citizenDemand();
    expectOk(await sendFinalAnswer(cast.ombudsman, { demandId: demand.id, body: 'Primeira resposta conclusiva, completa e enviada.' }));
    const before = { files: storedFileCount(), rows: await attachmentCount() };
    const again = await sendFinalAnswer(cast.ombudsman, { demandId: demand.id, body: 'Segunda resposta conclusiva, que não cabe mais.' }, { files: [fileOf('oficio.pdf', pdfDocument())] });
    expect(again).toMatchObject({ ok: false, status: 409 });
    expect({ files: storedFileCount(), rows: await attachmentCount() }).toEqual(before);
  });
});

describe('files that came with a demand entered at the counter', () => {
  it('keeps a scanned letter with the demand the attendant records, and nothing when a file is refused', async () => {
    const input = await balcaoInput({ name: 'Cidadã Alfa', email: cast.citizenA.email, phone: '' });
    const letter = fileOf('carta.pdf', pdfDocument('Carta do morador pedindo a poda'));
    const result = await fileDemandOnBehalf(cast.attendant, { intake: input, channel: 'letter', requesterUserId: cast.citizenA.userId, files: [letter] });
    expectOk(result);
    const [received] = await (await getDb()).select().from(demandEvents).where(and(eq(demandEvents.demandId, result.demand.id), eq(demandEvents.type, 'received')));
    expect(await filesOfEvent(received?.id)).toEqual([expect.objectContaining({ fileName: 'carta.pdf', contentType: 'application/pdf', uploadedByUserId: cast.attendant.userId })]);

    const before = { files: storedFileCount(), rows: await attachmentCount() };
    const refused = await fileDemandOnBehalf(cast.attendant, { intake: input, channel: 'letter', files: [fileOf('foto.jpg', htmlPage)] });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { files: [expect.stringContaining('"foto.jpg"')] } });
    expect({ files: storedFileCount(), rows: await attachmentCount() }).toEqual(before);

    // Someone who may not enter demands never gets their files decoded or stored.
    expect(await fileDemandOnBehalf(cast.saude, { intake: input, channel: 'letter', files: [letter] })).toMatchObject({ ok: false, status: 403 });
    expect({ files: storedFileCount(), rows: await attachmentCount() }).toEqual(before);
  });
});
