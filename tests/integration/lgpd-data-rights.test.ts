import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { updateUserAccess } from '@/lib/admin/users';
import { AuthorizationError } from '@/lib/auth/guards';
import { getDb } from '@/lib/db/client';
import {
  attachments,
  demandEvents,
  demandFacts,
  emailInboundMessages,
  messengerContactDemands,
  messengerContacts,
  messengerInboundMessages,
  messengerOutboundMessages,
  outbox,
  protocolCounters,
  pushSubscriptions,
  requesterProfiles,
  retentionRuns,
  whatsappContactDemands,
  whatsappContacts,
  whatsappOutboundMessages,
} from '@/lib/db/schema';
import { closeAnsweredDemands } from '@/lib/demands/jobs';
import { appUrl } from '@/lib/delivery/config';
import { renderEmail } from '@/lib/delivery/templates/render';
import { sendFinalAnswer } from '@/lib/demands/resolution';
import { addInternalNote, postPublicReply } from '@/lib/demands/staff-messages';
import { exportCitizenData } from '@/lib/privacy/export';
import { dataExportPdf } from '@/lib/privacy/export-pdf';
import { decideDataProtectionRequest, fileDataProtectionRequest, listDataProtectionQueue } from '@/lib/privacy/requests';
import { RetentionNotPreviewedError, runRetention, runScheduledRetention } from '@/lib/privacy/retention';
import { summarize } from '@/lib/stats/indicators';
import { ALL_DEPARTMENTS } from '@/lib/stats/filters';
import { requesterProfileTables } from '@/lib/stats/requester-profile';
import { getFileStore, StoredFileMissingError } from '@/lib/storage';
import { createCast, createUser, demandRow, expectOk, fileOuvidoria, type Cast } from '../workspace-factories';

/**
 * The citizen's data rights end to end (LGPD arts. 9, 18, 19 and 41), on whichever database the suite
 * runs (PGlite, or PostgreSQL with DATABASE_URL).
 */

const day = (iso: string) => new Date(`${iso}T15:00:00Z`);
const INTERNAL_NOTE = 'Nota interna: a servidora Fulana está de licença.';
const PUBLIC_REPLY = 'A direção da UBS reorganizou a triagem da manhã.';

let cast: Cast;
let officer: Awaited<ReturnType<typeof createUser>>;

async function fileAndClose(requesterUserId: string, overrides: Record<string, unknown>, filedOn: string) {
  const filed = await fileOuvidoria(overrides, { requesterUserId }, day(filedOn));
  expectOk(await addInternalNote(cast.ombudsman, { demandId: filed.id, body: INTERNAL_NOTE }, { now: day(filedOn) }));
  expectOk(await postPublicReply(cast.ombudsman, { demandId: filed.id, body: PUBLIC_REPLY }, { now: day(filedOn) }));
  expectOk(await sendFinalAnswer(cast.ombudsman, { demandId: filed.id, body: 'A UBS passou a atender com hora marcada.' }, { now: day(filedOn) }));
  return filed;
}

async function factsOf(id: string) {
  const [facts] = await (await getDb()).select().from(demandFacts).where(eq(demandFacts.demandId, id));
  return facts;
}

beforeAll(async () => {
  cast = await createCast();
  officer = await createUser('ombudsman', { name: 'Encarregada' });
  // The permission is configuration: the admin grants it on the user's page.
  expectOk(await updateUserAccess({ ...cast.admin, departmentIds: [...cast.admin.departmentIds] }, officer.userId, { role: 'ombudsman', departmentIds: [], dataProtectionOfficer: 'on' }));
});

describe('the data export (LGPD art. 18 II and V)', () => {
  it('holds the citizen’s account, demands, public events and profile, and nothing of another person or of staff', async () => {
    const own = await fileAndClose(
      cast.citizenA.userId,
      { name: 'Cidadã Alfa', email: cast.citizenA.email, profile: { ageRange: '25 a 34 anos', race: 'Parda' } },
      '2026-03-02',
    );
    const other = await fileOuvidoria({ name: 'Beto Outro', email: 'beto.outro@exemplo.com.br', description: 'Texto do pedido de outra pessoa, que não é da Alfa.' }, { requesterUserId: cast.citizenB.userId }, day('2026-03-03'));
    // Same e-mail, not linked to the account: still not theirs to download (it could be anyone's typo).
    const sameEmail = await fileOuvidoria({ name: 'Alguém', email: cast.citizenA.email }, {}, day('2026-03-04'));

    const data = await exportCitizenData(cast.citizenA, 'https://ouvidoria.example.org');
    expect(data).not.toBeNull();
    const json = JSON.stringify(data);
    expect(data?.account.email).toBe(cast.citizenA.email);
    expect(data?.demands.map((demand) => demand.protocol)).toEqual([own.protocol]);
    const [demand] = data?.demands ?? [];
    expect(demand?.consents.profile).toEqual({ 'Faixa etária': '25 a 34 anos', 'Raça/cor': 'Parda' });
    expect(demand?.events.map((event) => event.text)).toContain(PUBLIC_REPLY);
    expect(json).not.toContain(INTERNAL_NOTE);
    expect(json).not.toContain(other.protocol);
    expect(json).not.toContain(sameEmail.protocol);
    expect(json).not.toMatch(/Beto Outro|beto\.outro/);
    for (const staffOnly of ['requesterPseudonym', 'accessCodeHash', 'assignedUserId', 'departmentDueOn', cast.ombudsman.name]) expect(json).not.toContain(staffOnly);

    const pdf = await dataExportPdf(data ?? (await Promise.reject(new Error('no export'))));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('a request to anonymise, decided by the encarregado (LGPD art. 18 IV, art. 19 II, art. 41)', () => {
  it('anonymises the finished demands, keeps the protocol, the sequence and the statistics, and tells the citizen', async () => {
    const citizen = await createUser('citizen', { name: 'Carla Dias' });
    const closed = await fileAndClose(
      citizen.userId,
      { name: 'Carla Dias', email: citizen.email, phone: '(14) 99876-5432', cpf: '529.982.247-25', description: `Sou Carla Dias, escrevam para ${citizen.email}. A UBS fechou antes do horário.` },
      '2026-04-01',
    );
    expect(await closeAnsweredDemands({ now: day('2026-04-20') })).toMatchObject({ closed: expect.any(Number) });
    const running = await fileOuvidoria({ name: 'Carla Dias', email: citizen.email }, { requesterUserId: citizen.userId }, day('2026-04-21'));
    const db = await getDb();
    const counterBefore = await db.select().from(protocolCounters).orderBy(asc(protocolCounters.year));
    const factsBefore = await factsOf(closed.id);
    const query = { filter: { from: '2026-01-01', to: '2026-12-31' }, scope: ALL_DEPARTMENTS };
    const totalsBefore = await summarize(query);

    const filed = await fileDataProtectionRequest(citizen, { scope: 'demands', reason: 'Não quero mais meu nome nos registros.' }, day('2026-04-22'));
    expectOk(filed);
    expect(filed.value.dueOn).toBe('2026-05-07');
    // The encarregado hears of it; a second request while one is pending is refused.
    const notices = await db.select().from(outbox).where(eq(outbox.template, 'privacy_request_filed'));
    expect(notices.map((notice) => notice.recipient)).toContain(officer.email);
    expect(await fileDataProtectionRequest(citizen, { scope: 'account' })).toMatchObject({ ok: false, fieldErrors: { scope: [expect.any(String)] } });

    // Only the encarregado decides: the ombudsman without the permission cannot even see the queue.
    const decision = { requestId: filed.value.id, decision: 'granted', reason: 'Pedido procedente; pedidos guardados pela tabela de temporalidade.' };
    await expect(decideDataProtectionRequest(cast.ombudsman, decision)).rejects.toBeInstanceOf(AuthorizationError);
    await expect(listDataProtectionQueue(cast.citizenA)).rejects.toBeInstanceOf(AuthorizationError);
    expect((await listDataProtectionQueue(officer)).pending.map((request) => request.id)).toContain(filed.value.id);
    const decided = await decideDataProtectionRequest(officer, decision, day('2026-04-25'));
    expectOk(decided);
    expect(decided.value.anonymised).toBe(1);
    expect(await decideDataProtectionRequest(officer, decision)).toMatchObject({ ok: false });

    const after = await demandRow(closed.id);
    expect(after).toMatchObject({
      protocol: closed.protocol,
      requesterUserId: null,
      requesterName: null,
      requesterEmail: null,
      requesterPhone: null,
      requesterCpf: null,
      accessCodeHash: null,
      notifyByWhatsapp: false,
      state: 'closed',
    });
    expect(after.anonymisedAt).not.toBeNull();
    expect(after.description).toContain('A UBS fechou antes do horário.');
    expect(after.description).not.toMatch(/Carla|Dias|@/);
    // The statistics and the protocol sequence do not move.
    expect(await factsOf(closed.id)).toEqual(factsBefore);
    expect(await summarize(query)).toEqual(totalsBefore);
    expect(await db.select().from(protocolCounters).orderBy(asc(protocolCounters.year))).toEqual(counterBefore);
    // The reason is recorded on the demand, internal.
    const [event] = await db.select().from(demandEvents).where(and(eq(demandEvents.demandId, closed.id), eq(demandEvents.type, 'anonymised')));
    expect(event).toMatchObject({ visibility: 'internal', actorUserId: officer.userId, stateBefore: 'closed', stateAfter: 'closed' });
    expect(event?.body).toContain(decision.reason);
    // No notice still carries the address; the decision goes to the citizen.
    const left = await db.select().from(outbox).where(eq(outbox.demandId, closed.id));
    for (const row of left) expect(row.recipient).not.toBe(citizen.email);
    const [told] = await db.select().from(outbox).where(eq(outbox.idempotencyKey, `privacy_request_decided:${filed.value.id}`));
    expect(told).toMatchObject({ recipient: citizen.email, payload: expect.objectContaining({ decision: 'granted', anonymised: 1, running: 1 }) });
    const email = await renderEmail({ template: 'privacy_request_decided', payload: told?.payload, demandId: null, recipient: citizen.email, createdAt: new Date() });
    expect(email.subject).toBe('Seu pedido sobre dados pessoais foi atendido');
    expect(email.text).toContain(decision.reason);
    expect(email.text).toMatch(/1 pedido ainda está em andamento/);
    expect(email.html).toContain(`${appUrl()}/privacidade`);
    const [queueNotice] = notices.filter((notice) => notice.recipient === officer.email);
    const officerEmail = await renderEmail({ template: 'privacy_request_filed', payload: queueNotice?.payload, demandId: null, recipient: officer.email, createdAt: new Date() });
    expect(officerEmail.html).toContain(`${appUrl()}/painel/privacidade`);
    expect(officerEmail.text).not.toContain(citizen.email);
    // The running demand keeps its requester until it is answered.
    expect(await demandRow(running.id)).toMatchObject({ requesterEmail: citizen.email, anonymisedAt: null });
  });

  it('removes the files the requester sent and keeps the staff’s', async () => {
    const citizen = await createUser('citizen');
    const filed = await fileAndClose(citizen.userId, { email: citizen.email }, '2026-05-04');
    await closeAnsweredDemands({ now: day('2026-05-20') });
    const db = await getDb();
    const [received] = await db.select().from(demandEvents).where(and(eq(demandEvents.demandId, filed.id), eq(demandEvents.type, 'received')));
    const [answer] = await db.select().from(demandEvents).where(and(eq(demandEvents.demandId, filed.id), eq(demandEvents.type, 'answered')));
    const store = getFileStore();
    const photo = await store.put({ bytes: new Uint8Array([1, 2, 3]), contentType: 'image/jpeg', extension: 'jpg' });
    const report = await store.put({ bytes: new Uint8Array([4, 5, 6]), contentType: 'application/pdf', extension: 'pdf' });
    await db.insert(attachments).values([
      { demandId: filed.id, eventId: received?.id, storageKey: photo.key, fileName: 'rg.jpg', contentType: 'image/jpeg', sizeBytes: 3 },
      { demandId: filed.id, eventId: answer?.id, storageKey: report.key, fileName: 'laudo.pdf', contentType: 'application/pdf', sizeBytes: 3, uploadedByUserId: cast.ombudsman.userId },
    ]);
    const request = await fileDataProtectionRequest(citizen, { scope: 'account' });
    expectOk(request);
    expectOk(await decideDataProtectionRequest(officer, { requestId: request.value.id, decision: 'granted', reason: 'Procedente, conta encerrada.' }));
    const files = await db.select({ fileName: attachments.fileName }).from(attachments).where(eq(attachments.demandId, filed.id));
    expect(files.map((file) => file.fileName)).toEqual(['laudo.pdf']);
    await expect(store.read(photo.key)).rejects.toBeInstanceOf(StoredFileMissingError);
    await expect(store.read(report.key)).resolves.toBeDefined();
    // The account is closed and names nobody.
    expect(await exportCitizenData(citizen, 'https://x.example')).toBeNull();
  });
  it('removes what the e-mail, WhatsApp, Messenger and Web Push channels kept of the requester, and the account’s WhatsApp contact', async () => {
    const phone = `+55149${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const citizen = await createUser('citizen', { name: 'Bruna Quintal', phone });
    const filed = await fileAndClose(citizen.userId, { name: 'Bruna Quintal', email: citizen.email }, '2026-06-01');
    await closeAnsweredDemands({ now: day('2026-06-20') });
    const db = await getDb();
    const tag = crypto.randomUUID().slice(0, 8);
    await db.insert(emailInboundMessages).values({
      messageKey: `<${tag}@exemplo.com>`,
      folder: 'INBOX',
      uidValidity: '1',
      uid: Math.floor(Math.random() * 1e9),
      fromAddress: citizen.email,
      fromName: 'Bruna Quintal',
      subject: 'Reclamação da Bruna Quintal',
      body: `A UBS fechou cedo. Bruna Quintal, ${phone}, ${citizen.email}`,
      headers: { From: `Bruna Quintal <${citizen.email}>` },
      outcome: 'new_demand',
      demandId: filed.id,
    });
    const [waContact] = await db.insert(whatsappContacts).values({ waId: phone.slice(1), phone, profileName: 'Bruna' }).returning();
    if (!waContact) throw new Error('no WhatsApp contact');
    await db.insert(whatsappOutboundMessages).values({ contactId: waContact.id, demandId: filed.id, kind: 'text', content: { text: 'Olá, Bruna Quintal' }, preview: 'Olá, Bruna Quintal' });
    await db.insert(whatsappContactDemands).values({ contactId: waContact.id, demandId: filed.id });
    const [fbContact] = await db.insert(messengerContacts).values({ platform: 'messenger', scopedId: `psid-${tag}`, profileName: 'Bruna Quintal' }).returning();
    if (!fbContact) throw new Error('no Messenger contact');
    await db.insert(messengerContactDemands).values({ contactId: fbContact.id, demandId: filed.id });
    await db.insert(messengerInboundMessages).values({ platform: 'messenger', messageId: `mid-${tag}`, contactId: fbContact.id, type: 'text', payload: { message: { text: 'Sou a Bruna Quintal' } }, sentAt: day('2026-06-01'), demandId: filed.id });
    await db.insert(messengerOutboundMessages).values({ contactId: fbContact.id, demandId: filed.id, kind: 'text', content: { text: 'Olá, Bruna Quintal' }, preview: 'Olá, Bruna Quintal' });
    await db.insert(pushSubscriptions).values({ demandId: filed.id, endpoint: `https://push.exemplo/${tag}`, p256dh: 'k', auth: 'a' });

    const request = await fileDataProtectionRequest(citizen, { scope: 'account' });
    expectOk(request);
    expectOk(await decideDataProtectionRequest(officer, { requestId: request.value.id, decision: 'granted', reason: 'Procedente, conta encerrada.' }));

    const [email] = await db.select().from(emailInboundMessages).where(eq(emailInboundMessages.demandId, filed.id));
    expect(email).toMatchObject({ fromAddress: null, fromName: null, headers: {} });
    expect(`${email?.subject} ${email?.body}`).not.toMatch(/Bruna|Quintal|@|\d{8}/);
    expect(email?.body).toContain('A UBS fechou cedo.');
    expect(await db.select().from(messengerContactDemands).where(eq(messengerContactDemands.demandId, filed.id))).toEqual([]);
    const [fbIn] = await db.select().from(messengerInboundMessages).where(eq(messengerInboundMessages.contactId, fbContact.id));
    expect(fbIn).toMatchObject({ payload: { redacted: true }, demandId: null });
    const outbound = [
      ...(await db.select().from(messengerOutboundMessages).where(eq(messengerOutboundMessages.demandId, filed.id))),
      ...(await db.select().from(whatsappOutboundMessages).where(eq(whatsappOutboundMessages.demandId, filed.id))),
    ];
    for (const message of outbound) expect(JSON.stringify(message)).not.toContain('Bruna');
    expect(await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.demandId, filed.id))).toEqual([]);
    // The account's number no longer names a WhatsApp contact.
    expect(await db.select().from(whatsappContacts).where(eq(whatsappContacts.phone, phone))).toEqual([]);
  });
});

describe('the retention rule (LGPD art. 16)', () => {
  it('refuses a real run before a dry run, lists without changing, then anonymises and logs the runs', async () => {
    const citizen = await createUser('citizen');
    const old = await fileAndClose(citizen.userId, { name: 'Dora Antiga', email: citizen.email, profile: { gender: 'Feminino' } }, '2026-01-05');
    await closeAnsweredDemands({ now: day('2026-01-20') });
    const recent = await fileAndClose(citizen.userId, { name: 'Dora Antiga', email: citizen.email }, '2026-06-01');
    await closeAnsweredDemands({ now: day('2026-06-15') });
    const rule = { complaint: 100, denunciation: null, suggestion: null, praise: null, request: null, information: null, service_request: null };
    const now = day('2026-07-01');
    const db = await getDb();

    await expect(runRetention({ dryRun: false, trigger: 'command', rule, now })).rejects.toBeInstanceOf(RetentionNotPreviewedError);
    expect(await runScheduledRetention({ now, env: {} })).toBe('not_previewed');

    const before = await demandRow(old.id);
    const dry = await runRetention({ dryRun: true, trigger: 'command', rule, now });
    expect(dry.demands.map((demand) => demand.protocol)).toContain(old.protocol);
    expect(dry.demands.map((demand) => demand.protocol)).not.toContain(recent.protocol);
    expect(dry.anonymised).toBe(0);
    expect(await demandRow(old.id)).toEqual(before);

    const real = await runRetention({ dryRun: false, trigger: 'command', rule, now });
    expect(real.anonymised).toBe(real.demands.length);
    expect(await demandRow(old.id)).toMatchObject({ protocol: old.protocol, requesterEmail: null, requesterName: null });
    expect(await demandRow(recent.id)).toMatchObject({ requesterEmail: citizen.email });
    // The profile stays, apart, for the statistics.
    expect(await db.select().from(requesterProfiles).where(eq(requesterProfiles.demandId, old.id))).toEqual([
      { demandId: old.id, ageRange: null, gender: 'Feminino', race: null, education: null },
    ]);

    const runs = await db.select().from(retentionRuns).orderBy(asc(retentionRuns.id));
    expect(runs.map((run) => [run.dryRun, run.selected, run.anonymised])).toEqual([
      [true, dry.demands.length, 0],
      [false, real.demands.length, real.anonymised],
    ]);
    expect(runs.every((run) => run.finishedAt !== null && run.rule.complaint === 100)).toBe(true);
    expect(await runScheduledRetention({ now, env: { RETENTION_WORKER: 'off' } })).toBe('off');
  });
});

describe('the requester profile in statistics', () => {
  it('publishes no count under 5', async () => {
    const tables = await requesterProfileTables({ from: '2026-01-01', to: '2026-12-31' });
    const race = tables.find((table) => table.question === 'race');
    expect(race?.rows.find((row) => row.answer === 'Parda')?.published).toEqual({ value: '<5', count: null });
    for (const table of tables) {
      for (const row of table.rows) expect(row.published.count === null || row.published.count === 0 || row.published.count >= 5).toBe(true);
    }
    // The profile never reaches a demand's identity: its table holds none.
    const columns = Object.keys((await (await getDb()).select().from(requesterProfiles).limit(1))[0] ?? {});
    expect(columns.sort()).toEqual(['ageRange', 'demandId', 'education', 'gender', 'race']);
    expect(columns).not.toContain('requesterUserId');
  });
});
