import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { demandEvents, informationAppeals, outbox } from '@/lib/db/schema';
import { extendDeadline, sendFinalAnswer } from '@/lib/demands/resolution';
import { trackDemand } from '@/lib/demands/track';
import { appealFromChat, chatAppealLine } from '@/lib/channels/chat/information-appeal';
import {
  answerInformationRequest,
  citizenAppealOption,
  decideAppeal,
  fileAppeal,
  fileOmissionComplaint,
  listAppealsOfDemand,
  listPendingAppeals,
} from '@/lib/demands/information-requests';
import { informationRequestRecords, informationRequestYears } from '@/lib/stats/information-requests';
import { createCast, createUser, demandRow, expectOk, fileOuvidoria, type Cast } from '../workspace-factories';

/** Noon in São Paulo on a calendar day. */
const day = (iso: string) => new Date(`${iso}T15:00:00Z`);

async function eventsOf(demandId: string) {
  const db = await getDb();
  return db.select().from(demandEvents).where(eq(demandEvents.demandId, demandId)).orderBy(asc(demandEvents.id));
}

async function noticesOf(demandId: string, template: string) {
  const db = await getDb();
  return db.select().from(outbox).where(and(eq(outbox.demandId, demandId), eq(outbox.template, template))).orderBy(asc(outbox.createdAt));
}

const denial = {
  body: 'O pedido foi analisado pela Secretaria de Administração.',
  outcome: 'denied',
  denialGround: 'personal_data',
  groundExplanation: 'As fichas funcionais pedidas contêm endereço e dados de saúde dos servidores.',
  appealAuthority: 'o Secretário Municipal de Governo',
};

let cast: Cast;
let firstInstance: Awaited<ReturnType<typeof createUser>>;
let secondInstance: Awaited<ReturnType<typeof createUser>>;
beforeAll(async () => {
  cast = await createCast();
  firstInstance = await createUser('appeal_authority', { appealInstances: [1] });
  secondInstance = await createUser('appeal_authority', { appealInstances: [2] });
});

describe('an access-to-information request denied, appealed twice and decided (LAI arts. 11 and 15)', () => {
  it('extends once, answers with the ground, takes both appeals, each decided by its own authority, and tells the citizen each time', async () => {
    const request = await fileOuvidoria({ kind: 'information' }, {}, day('2026-03-02'));
    expect((await demandRow(request.id)).dueOn).toBe('2026-03-22');

    // Art. 11 §2: one extension of 10 days, with justification, told to the citizen.
    expect(await extendDeadline(cast.ombudsman, { demandId: request.id, justification: 'As fichas estão no arquivo intermediário da Prefeitura.' }, { now: day('2026-03-10') })).toEqual({
      ok: true,
      dueOn: '2026-04-01',
    });
    expect(await extendDeadline(cast.ombudsman, { demandId: request.id, justification: 'Ainda precisamos de mais tempo para reunir os dados.' }, { now: day('2026-03-11') })).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringMatching(/uma só prorrogação/),
    });
    expect(await noticesOf(request.id, 'deadline_extended')).toHaveLength(1);

    // The plain final answer is refused: an information request states its outcome.
    expect(await sendFinalAnswer(cast.ombudsman, { demandId: request.id, body: 'Resposta sem resultado nenhum indicado.' })).toMatchObject({ ok: false, status: 409 });
    // A denial without ground, explanation and authority does not go out.
    expect(await answerInformationRequest(cast.ombudsman, { demandId: request.id, body: denial.body, outcome: 'denied' })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { denialGround: [expect.any(String)], groundExplanation: [expect.any(String)], appealAuthority: [expect.any(String)] },
    });
    expect((await demandRow(request.id)).state).toBe('received');

    expectOk(await answerInformationRequest(cast.ombudsman, { demandId: request.id, ...denial }, { now: day('2026-03-16') }));
    const answered = await demandRow(request.id);
    expect(answered).toMatchObject({ state: 'answered', informationOutcome: 'denied', denialGround: 'personal_data' });
    const [answerNotice] = await noticesOf(request.id, 'final_answer');
    const answerText = String((answerNotice?.payload as { body?: string }).body);
    expect(answerText).toMatch(/Fundamento legal: Informação pessoal \(LAI art\. 31\)/);
    expect(answerText).toMatch(/direito de recorrer.*até 26\/03\/2026.*julgado por o Secretário Municipal de Governo/s);
    expect(citizenAppealOption(answered, [], day('2026-03-20'))).toMatchObject({ kind: 'appeal', instance: 1, lastDay: '2026-03-26' });
    // Tracking by protocol and e-mail shows until when she may appeal, and who decides.
    const tracked = await trackDemand({ protocol: request.protocol, secret: 'maria@exemplo.com.br' }, { clientAddress: '198.51.100.77' }, { now: day('2026-03-20') });
    expect(tracked).toMatchObject({ ok: true, demand: { appeals: { option: { kind: 'appeal', lastDay: '2026-03-26', authority: expect.any(String) }, pending: [] } } });

    // 1st instance: within 10 days of the answer; decided in 5 by the authority above.
    const first = await fileAppeal({ demandId: request.id, reason: 'As fichas podem ser entregues sem os dados pessoais.', via: 'status_link' }, { now: day('2026-03-20') });
    expect(first).toEqual({ ok: true, instance: 1, dueOn: '2026-03-25' });
    expect(await fileAppeal({ demandId: request.id, reason: 'Repetindo o mesmo recurso outra vez.', via: 'status_link' }, { now: day('2026-03-21') })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/em análise/),
    });
    const [pending] = await listPendingAppeals(firstInstance);
    expect(pending).toMatchObject({ protocol: request.protocol, instance: 1, dueOn: '2026-03-25', kind: 'appeal' });
    expect(await listPendingAppeals(secondInstance)).toEqual([]);
    const firstId = pending?.id ?? '';

    const decision = { demandId: request.id, appealId: firstId, decision: 'denied', decisionText: 'Mantida a negativa: a separação dos dados exige trabalho adicional.' };
    expect(await decideAppeal(secondInstance, decision)).toMatchObject({ ok: false, status: 403 });
    expect(await decideAppeal(cast.ombudsman, decision)).toMatchObject({ ok: false, status: 403 });
    expect(await decideAppeal(cast.saude, decision)).toMatchObject({ ok: false, status: 404 });
    expectOk(await decideAppeal(firstInstance, decision, { now: day('2026-03-24') }));
    expect(await decideAppeal(firstInstance, decision, { now: day('2026-03-24') })).toMatchObject({ ok: false, status: 409 });

    // 2nd instance: within 10 days of the 1st-instance decision, to the município's highest authority.
    expect(await fileAppeal({ demandId: request.id, reason: 'Peço a análise pela autoridade máxima.', via: 'status_link' }, { now: day('2026-04-04') })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/terminou em 03\/04\/2026/),
    });
    expect(await fileAppeal({ demandId: request.id, reason: 'Peço a análise pela autoridade máxima.', via: 'status_link' }, { now: day('2026-03-30') })).toEqual({
      ok: true,
      instance: 2,
      dueOn: '2026-04-04',
    });
    const [secondPending] = await listPendingAppeals(secondInstance);
    expect(secondPending).toMatchObject({ instance: 2, protocol: request.protocol });
    expect(await decideAppeal(firstInstance, { ...decision, appealId: secondPending?.id ?? '' })).toMatchObject({ ok: false, status: 403 });
    expectOk(
      await decideAppeal(
        secondInstance,
        { demandId: request.id, appealId: secondPending?.id ?? '', decision: 'granted', decisionText: 'Provido: as fichas devem ser entregues com os dados pessoais tarjados.' },
        { now: day('2026-04-02') },
      ),
    );
    expect(await fileAppeal({ demandId: request.id, reason: 'Um terceiro recurso qualquer aqui.', via: 'status_link' }, { now: day('2026-04-03') })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/não há outra instância/),
    });

    const appeals = await listAppealsOfDemand(request.id);
    expect(appeals.map((a) => [a.kind, a.instance, a.decision, a.decidedByUserId])).toEqual([
      ['appeal', 1, 'denied', firstInstance.userId],
      ['appeal', 2, 'granted', secondInstance.userId],
    ]);
    // The demand keeps its state; each movement is a public event on the same protocol.
    expect((await demandRow(request.id)).state).toBe('answered');
    const events = (await eventsOf(request.id)).map((e) => [e.type, e.visibility]);
    expect(events.slice(-5)).toEqual([
      ['answered', 'public'],
      ['appeal_filed', 'public'],
      ['appeal_decided', 'public'],
      ['appeal_filed', 'public'],
      ['appeal_decided', 'public'],
    ]);
    const filed = await noticesOf(request.id, 'appeal_filed');
    expect(filed.map((n) => (n.payload as { dueOn?: string }).dueOn)).toEqual(['2026-03-25', '2026-04-04']);
    const decided = await noticesOf(request.id, 'appeal_decided');
    expect(decided).toHaveLength(2);
    expect(String((decided[0]?.payload as { body?: string }).body)).toMatch(/Não provido.*2ª instância.*até 03\/04\/2026/s);
    expect(decided.every((n) => n.channel === 'email' && n.recipient === 'maria@exemplo.com.br')).toBe(true);
  });
});

describe('an omission complaint (Decreto 7.724 art. 22)', () => {
  it('is taken only after the missed deadline, once, and decided by the 1st instance', async () => {
    const request = await fileOuvidoria({ kind: 'information' }, {}, day('2026-05-04'));
    expect((await demandRow(request.id)).dueOn).toBe('2026-05-24');
    const complaint = { demandId: request.id, reason: 'O prazo de 20 dias acabou e não recebi resposta.', via: 'status_link' } as const;
    expect(await fileOmissionComplaint(complaint, { now: day('2026-05-24') })).toMatchObject({ ok: false, error: expect.stringMatching(/ainda não terminou/) });
    expect(await fileAppeal(complaint, { now: day('2026-05-25') })).toMatchObject({ ok: false, error: expect.stringMatching(/ainda não foi respondido/) });
    expect(await fileOmissionComplaint(complaint, { now: day('2026-05-25') })).toEqual({ ok: true, dueOn: '2026-05-30' });
    expect(await fileOmissionComplaint(complaint, { now: day('2026-05-26') })).toMatchObject({ ok: false, error: expect.stringMatching(/já foi registrada/) });

    const pending = (await listPendingAppeals(firstInstance)).find((a) => a.demandId === request.id);
    expect(pending).toMatchObject({ kind: 'omission_complaint', instance: 1, dueOn: '2026-05-30' });
    expectOk(
      await decideAppeal(
        firstInstance,
        { demandId: request.id, appealId: pending?.id ?? '', decision: 'granted', decisionText: 'Acolhida: a Secretaria deve responder o pedido em 5 dias.' },
        { now: day('2026-05-27') },
      ),
    );
    const [row] = await (await getDb()).select().from(informationAppeals).where(eq(informationAppeals.demandId, request.id));
    expect(row).toMatchObject({ kind: 'omission_complaint', decision: 'granted' });
    expect((await eventsOf(request.id)).map((e) => e.type).slice(-2)).toEqual(['omission_complaint_filed', 'appeal_decided']);
    const [notice] = await noticesOf(request.id, 'appeal_decided');
    expect(String((notice?.payload as { body?: string }).body)).toMatch(/reclamação foi acolhida/);
    // The request is still open for its answer.
    expect((await demandRow(request.id)).state).toBe('received');
  });

  it('refuses the extension once the 20 days have ended (Decreto 7.724 art. 16)', async () => {
    const request = await fileOuvidoria({ kind: 'information' }, {}, day('2026-06-01'));
    expect(await extendDeadline(cast.ombudsman, { demandId: request.id, justification: 'Os documentos estão no arquivo geral da Prefeitura.' }, { now: day('2026-06-22') })).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringMatching(/antes do fim do prazo de 20 dias/),
    });
  });
});

describe('the yearly access-to-information report (LAI art. 30 III; Decreto 7.724 art. 45)', () => {
  it('counts the outcomes, the grounds, the appeals by instance with their decisions, the omission complaints and the median days to answer', async () => {
    const [year] = await informationRequestYears({ fromYear: 2026, toYear: 2026 });
    expect(year).toMatchObject({
      year: 2026,
      denied: 1,
      deniedByGround: { personal_data: 1, classified: 0 },
      appeals: { 1: { filed: 1, granted: 0, denied: 1, pending: 0 }, 2: { filed: 1, granted: 1, denied: 0, pending: 0 } },
      omissionComplaints: { filed: 1, granted: 1, denied: 0, pending: 0 },
      // 2 March to 16 March.
      medianDaysToAnswer: 14,
    });
    expect(year?.received).toBeGreaterThanOrEqual(3);
    const [record] = informationRequestRecords(year ? [year] : []);
    expect(record).toMatchObject({ ano: 2026, acesso_negado: 1, negado_personal_data: 1, recursos_2a_providos: 1, reclamacoes_omissao: 1 });
    // Counts only: no protocol, name or text of anyone.
    expect(JSON.stringify(record)).not.toMatch(/maria|@|\d{4}-\d{6}/i);
  });
});

describe('recorrer over WhatsApp (lib/channels/chat/information-appeal.ts)', () => {
  it('tells until when in the summary, files the appeal from a RECORRER message, and leaves other messages alone', async () => {
    const request = await fileOuvidoria({ kind: 'information' }, {}, day('2026-07-01'));
    expectOk(await answerInformationRequest(cast.ombudsman, { demandId: request.id, ...denial }, { now: day('2026-07-06') }));
    const db = await getDb();
    const now = day('2026-07-08');
    // Read before each transaction: the embedded database has one connection, which the transaction holds.
    const row = await demandRow(request.id);
    const line = await db.transaction(async (tx) => chatAppealLine(tx, row, now));
    expect(line).toMatch(/recorrer da resposta até 16\/07\/2026.*RECORRER/s);
    expect(await db.transaction(async (tx) => appealFromChat(tx, row, 'Obrigada pela resposta.', 'whatsapp', now))).toBeNull();
    expect(await db.transaction(async (tx) => appealFromChat(tx, row, 'RECORRER', 'whatsapp', now))).toMatchObject({ ok: false });
    const filed = await db.transaction(async (tx) => appealFromChat(tx, row, 'Recorrer: quero as fichas sem os dados pessoais.', 'whatsapp', now));
    expect(filed).toMatchObject({ ok: true, message: expect.stringMatching(/até 13\/07\/2026/) });
    const [appeal] = await listAppealsOfDemand(request.id);
    expect(appeal).toMatchObject({ instance: 1, reason: 'quero as fichas sem os dados pessoais.' });
    expect((await eventsOf(request.id)).at(-1)?.data).toMatchObject({ via: 'whatsapp' });
  });
});
