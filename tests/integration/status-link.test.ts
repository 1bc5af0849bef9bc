import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db/client';
import { attachments, demandEvents, demands, outbox, satisfactionRatings } from '@/lib/db/schema';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { fileDemand } from '@/lib/demands/intake';
import { openStatusLink } from '@/lib/demands/status-link';
import { createStatusToken } from '@/lib/delivery/status-token';
import { rateFromStatusLink, reopenFromStatusLink, replyFromStatusLink } from '@/app/(public)/situacao/[token]/actions';
import { GET as downloadAttachment } from '@/app/api/anexos/[id]/route';
import { fileOf, htmlPage, jpegWithGps, pdfDocument } from '../support/files';
import { requestAfterOpeningStatusLink } from '../support/status-link';
import { answerDemand, requestInformation } from '../support/staff-steps';
import { ouvidoriaInput } from '../factories';

// The download route asks Auth.js for a session before the status link's cookie: here, nobody is signed in.
vi.mock('@/lib/auth/auth', () => ({ auth: async () => null }));

let dataDir: string;
const savedDataDir = process.env.DATA_DIR;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-status-'));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const inAYear = () => new Date(Date.now() + 365 * 86_400_000);

async function fileWithEmail(email: string, files?: File[]) {
  const filed = await fileDemand(ouvidoriaInput({ email }), { channel: 'web' }, files ? { files } : {});
  if (!filed.ok) throw new Error(JSON.stringify(filed.fieldErrors));
  return { ...filed.demand, token: createStatusToken({ demandId: filed.demand.id, recipient: email, generation: 0, expiresAt: inAYear() }) };
}

function form(fields: Record<string, string | File | File[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(name, item);
  }
  return data;
}

/** A server action that succeeds redirects; Next's redirect() throws to do it. */
async function redirectOf(run: Promise<FormState>): Promise<string> {
  try {
    const state = await run;
    throw new Error(`expected a redirect, got ${JSON.stringify(state)}`);
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (!digest.startsWith('NEXT_REDIRECT')) throw error;
    return digest.split(';')[2] ?? '';
  }
}

function storedFileCount(): number {
  const root = path.join(dataDir, 'files');
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0;
}

describe('opening a status link', () => {
  it('opens the demand for its requester and nobody else', async () => {
    const maria = await fileWithEmail('maria.status@exemplo.com.br');
    expect(await openStatusLink(maria.token)).toMatchObject({ ok: true, demand: { id: maria.id } });
    const forJoao = createStatusToken({ demandId: maria.id, recipient: 'joao@exemplo.com.br', generation: 0, expiresAt: inAYear() });
    expect(await openStatusLink(forJoao)).toEqual({ ok: false, reason: 'invalid' });
    const expired = createStatusToken({ demandId: maria.id, recipient: 'maria.status@exemplo.com.br', generation: 0, expiresAt: new Date(Date.now() - 1000) });
    expect(await openStatusLink(expired)).toEqual({ ok: false, reason: 'expired' });
    // Her link to one demand does not open her other demand.
    const second = await fileWithEmail('maria.status@exemplo.com.br');
    expect(await openStatusLink(`${second.id}.${maria.token.split('.').slice(1).join('.')}`)).toEqual({ ok: false, reason: 'invalid' });
    // If the demand's e-mail is corrected, links sent to the old address stop working.
    const db = await getDb();
    await db.update(demands).set({ requesterEmail: 'maria.nova@exemplo.com.br' }).where(eq(demands.id, maria.id));
    expect(await openStatusLink(maria.token)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('answering a request for information from the link', () => {
  it('resumes the deadline and records the reply with its re-encoded photo', async () => {
    const demand = await fileWithEmail('carlos@exemplo.com.br');
    const db = await getDb();
    const askedAt = new Date(Date.now() - 4 * 86_400_000);
    await db.update(demands).set({ state: 'forwarded' }).where(eq(demands.id, demand.id));
    await requestInformation(demand.id, 'Qual é o número do poste?', askedAt);
    const target = await redirectOf(
      replyFromStatusLink(idleState, form({ token: demand.token, body: 'O poste é o de número 4521, em frente à escola.', files: [fileOf('poste.jpg', await jpegWithGps()), fileOf('', new Uint8Array())] })),
    );
    expect(target).toBe(`/situacao/${demand.token}?enviado=complementacao`);
    const [after] = await db.select().from(demands).where(eq(demands.id, demand.id));
    expect(after).toMatchObject({ state: 'forwarded', suspendedAt: null });
    const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    expect(after?.dueOn).toBe(addDays(demand.dueOn, 4));
    const [reply] = await db.select().from(demandEvents).where(and(eq(demandEvents.demandId, demand.id), eq(demandEvents.type, 'citizen_replied')));
    expect(reply).toMatchObject({ visibility: 'public', body: 'O poste é o de número 4521, em frente à escola.', stateBefore: 'awaiting_citizen' });
    const files = await db.select().from(attachments).where(eq(attachments.eventId, reply?.id ?? -1));
    expect(files).toEqual([expect.objectContaining({ fileName: 'poste.jpg', contentType: 'image/jpeg' })]);

    // The photo can be fetched with the link, without EXIF.
    const response = await downloadAttachment(requestAfterOpeningStatusLink(`http://localhost/api/anexos/${files[0]?.id}`, demand.token), { params: Promise.resolve({ id: files[0]?.id ?? '' }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).exif).toBeUndefined();
  });

  it('reports refused files and missing text together, and stores nothing', async () => {
    const demand = await fileWithEmail('ana@exemplo.com.br');
    await requestInformation(demand.id, 'Envie uma foto.');
    const before = storedFileCount();
    const state = await replyFromStatusLink(idleState, form({ token: demand.token, body: '', files: [fileOf('foto.jpg', htmlPage)] }));
    expect(state).toMatchObject({ status: 'error', fieldErrors: { body: [expect.any(String)], files: [expect.stringContaining('"foto.jpg"')] } });
    expect(storedFileCount()).toBe(before);
  });

  it('refuses a reply when nothing was asked, and throws the uploaded file away', async () => {
    const demand = await fileWithEmail('bruno@exemplo.com.br');
    const before = storedFileCount();
    const state = await replyFromStatusLink(idleState, form({ token: demand.token, body: 'Segue o documento pedido.', files: [fileOf('doc.pdf', pdfDocument())] }));
    expect(state).toMatchObject({ status: 'error', message: 'Não há pedido de complementação esperando resposta nesta manifestação.' });
    const db = await getDb();
    expect(await db.select().from(attachments).where(and(eq(attachments.demandId, demand.id), isNull(attachments.eventId)))).toEqual([]);
    expect(storedFileCount()).toBe(before);
  });

  it('refuses a tampered link', async () => {
    const demand = await fileWithEmail('clara@exemplo.com.br');
    await requestInformation(demand.id, 'Qual o endereço?');
    const state = await replyFromStatusLink(idleState, form({ token: `${demand.token.slice(0, -3)}abc`, body: 'Rua das Flores, 10.' }));
    expect(state).toMatchObject({ status: 'error', message: expect.stringContaining('não é mais válido') });
  });
});

describe('rating and reopening from the link', () => {
  it('rates once after the answer', async () => {
    const demand = await fileWithEmail('dora@exemplo.com.br');
    const early = await rateFromStatusLink(idleState, form({ token: demand.token, rating: '4', resolved: 'sim' }));
    expect(early).toMatchObject({ status: 'error', message: expect.stringContaining('depois da resposta') });
    await answerDemand(demand.id, 'O buraco foi tapado.');
    const missing = await rateFromStatusLink(idleState, form({ token: demand.token }));
    expect(missing).toMatchObject({ status: 'error', fieldErrors: { rating: ['Escolha uma nota de 1 a 5.'], resolved: ['Responda se o problema foi resolvido.'] } });
    await redirectOf(rateFromStatusLink(idleState, form({ token: demand.token, rating: '4', resolved: 'sim', comment: 'Rápido.' })));
    const db = await getDb();
    expect(await db.select().from(satisfactionRatings).where(eq(satisfactionRatings.demandId, demand.id))).toEqual([
      expect.objectContaining({ rating: 4, resolved: true, comment: 'Rápido.' }),
    ]);
    const again = await rateFromStatusLink(idleState, form({ token: demand.token, rating: '1', resolved: 'nao' }));
    expect(again).toMatchObject({ status: 'error', message: 'Esta manifestação já foi avaliada. Obrigado!' });
  });

  it('reopens once within 10 days of the answer, and tells the citizen', async () => {
    const demand = await fileWithEmail('elisa@exemplo.com.br');
    await answerDemand(demand.id, 'Vistoria feita.', new Date(Date.now() - 3 * 86_400_000));
    await redirectOf(reopenFromStatusLink(idleState, form({ token: demand.token, reason: 'O buraco continua lá, maior ainda.' })));
    const db = await getDb();
    const [after] = await db.select().from(demands).where(eq(demands.id, demand.id));
    // A reopened demand goes back to triage, with a new deadline.
    expect(after).toMatchObject({ state: 'received', reopenCount: 1, answeredAt: null });
    const notices = await db.select().from(outbox).where(and(eq(outbox.demandId, demand.id), eq(outbox.template, 'demand_reopened')));
    expect(notices).toEqual([expect.objectContaining({ recipient: 'elisa@exemplo.com.br', channel: 'email' })]);
    await answerDemand(demand.id, 'Agora foi tapado.');
    const twice = await reopenFromStatusLink(idleState, form({ token: demand.token, reason: 'Continua com problema.' }));
    expect(twice).toMatchObject({ status: 'error', message: 'Esta manifestação já foi reaberta uma vez.' });
  });

  it('does not reopen after the window', async () => {
    const demand = await fileWithEmail('fabio@exemplo.com.br');
    await answerDemand(demand.id, 'Resolvido.', new Date(Date.now() - 11 * 86_400_000));
    const late = await reopenFromStatusLink(idleState, form({ token: demand.token, reason: 'Não foi resolvido de verdade.' }));
    expect(late).toMatchObject({ status: 'error', message: expect.stringMatching(/^O prazo para reabrir terminou 10 dias após a resposta \(até \d{2}\/\d{2}\/\d{4}\)\.$/) });
  });
});

describe('downloading attachments with a status link', () => {
  it('serves the requester the files of public movements, and nothing else', async () => {
    const demand = await fileWithEmail('gabi@exemplo.com.br', [fileOf('rua.jpg', await jpegWithGps())]);
    const other = await fileWithEmail('hugo@exemplo.com.br');
    const db = await getDb();
    const [photo] = await db.select().from(attachments).where(eq(attachments.demandId, demand.id));
    if (!photo) throw new Error('no attachment');
    const get = (id: string, token: string) => downloadAttachment(requestAfterOpeningStatusLink(`http://localhost/api/anexos/${id}`, token), { params: Promise.resolve({ id }) });

    const ok = await get(photo.id, demand.token);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toContain("filename*=UTF-8''rua.jpg");
    expect(Number(ok.headers.get('content-length'))).toBe(photo.sizeBytes);

    expect((await get(photo.id, other.token)).status).toBe(404);
    expect((await get(photo.id, `${demand.token}x`)).status).toBe(401);
    expect((await get('not-a-uuid', demand.token)).status).toBe(404);

    // A file on an internal note is staff-only.
    const [note] = await db
      .insert(demandEvents)
      .values({ demandId: demand.id, type: 'note', stateAfter: 'received', actorLabel: 'Ouvidoria', visibility: 'internal', body: 'Foto da vistoria' })
      .returning({ id: demandEvents.id });
    await db.update(attachments).set({ eventId: note?.id ?? null }).where(eq(attachments.id, photo.id));
    expect((await get(photo.id, demand.token)).status).toBe(404);
  });
});
