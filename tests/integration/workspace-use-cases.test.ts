import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { categories, demandEvents, demands, demandSupportingDepartments, identityAccessLog, outbox } from '@/lib/db/schema';
import { addDays } from '@/lib/domain/deadlines';
import { assignDemand, classifyDemand, forwardDemand } from '@/lib/demands/triage';
import { addInternalNote, postPublicReply, requestInformation } from '@/lib/demands/staff-messages';
import { archiveDemand, extendDeadline, reopenDemandAsStaff, sendFinalAnswer } from '@/lib/demands/resolution';
import { escalateToOuvidoria } from '@/lib/demands/escalation';
import { addCitizenMessage, escalateDemand, rateDemand, reopenDemand, replyToInformationRequest } from '@/lib/demands/citizen-actions';
import { archiveUnansweredInformationRequests, closeAnsweredDemands } from '@/lib/demands/jobs';
import { fileDemandOnBehalf } from '@/lib/demands/staff-intake';
import { revealIdentity } from '@/lib/demands/identity-reveal';
import { getDemandForStaff } from '@/lib/db/queries/demand-page';
import { balcaoInput } from '../factories';
import { createCast, createUser, demandRow, department, expectOk, fileBalcao, fileOuvidoria, type Cast } from '../workspace-factories';

const day = (iso: string) => new Date(`${iso}T15:00:00Z`);

async function eventsOf(demandId: string) {
  const db = await getDb();
  return db.select().from(demandEvents).where(eq(demandEvents.demandId, demandId)).orderBy(asc(demandEvents.id));
}

async function outboxOf(demandId: string) {
  const db = await getDb();
  return db.select().from(outbox).where(eq(outbox.demandId, demandId)).orderBy(asc(outbox.createdAt), asc(outbox.template));
}

let cast: Cast;
beforeAll(async () => {
  cast = await createCast();
});

describe('an Ouvidoria complaint from triage to the final answer', () => {
  it('is classified, forwarded to two departments, replied, answered, rated and reopened once', async () => {
    const filed = await fileOuvidoria({ kind: 'request' }, { requesterUserId: cast.citizenA.userId }, day('2026-04-01'));
    const saude = await department('saude');
    const infra = await department('infraestrutura');
    const [subject] = await (await getDb()).select().from(categories).where(eq(categories.slug, 'atendimento-saude'));

    expectOk(await classifyDemand(cast.ombudsman, { demandId: filed.id, kind: 'complaint', categoryId: subject?.id }, { now: day('2026-04-02') }));
    expectOk(
      await forwardDemand(cast.ombudsman, { demandId: filed.id, departmentId: saude.id, supportingDepartmentIds: [infra.id, saude.id] }, { now: day('2026-04-02') }),
    );
    let demand = await demandRow(filed.id);
    expect(demand).toMatchObject({ state: 'forwarded', departmentId: saude.id, departmentDueOn: '2026-04-22', kind: 'complaint' });
    const supporting = await (await getDb()).select().from(demandSupportingDepartments).where(eq(demandSupportingDepartments.demandId, filed.id));
    expect(supporting.map((s) => s.departmentId)).toEqual([infra.id]);

    const messages = await outboxOf(filed.id);
    expect(messages.filter((m) => m.template === 'demand_forwarded')).toEqual([
      expect.objectContaining({ channel: 'email', recipient: 'maria@exemplo.com.br', payload: expect.objectContaining({ protocol: filed.protocol }) }),
    ]);
    // Intake already told the ombudsman's queue; the forward tells each department it went to.
    const staffMail = messages.filter((m) => m.template === 'staff_new_demand');
    const departmentMail = staffMail.filter((m) => m.recipient.endsWith('@botucatu.sp.gov.br'));
    expect(departmentMail.map((m) => m.recipient).sort()).toEqual([saude.email, infra.email].sort());
    // The staff e-mail never carries the requester.
    for (const message of staffMail) expect(JSON.stringify(message.payload)).not.toMatch(/Maria|maria@/);

    // The supporting department sees and works it too; the final answer is the ombudsman's.
    expectOk(await addInternalNote(cast.infraestrutura, { demandId: filed.id, body: 'Calçada da UBS será vistoriada.' }, { now: day('2026-04-03') }));
    expectOk(await postPublicReply(cast.saude, { demandId: filed.id, body: 'A direção da UBS reorganizou a triagem da manhã.' }, { now: day('2026-04-05') }));
    expect(await sendFinalAnswer(cast.saude, { demandId: filed.id, body: 'Resposta conclusiva enviada pela secretaria.' })).toMatchObject({ ok: false, status: 403 });
    expectOk(await sendFinalAnswer(cast.ombudsman, { demandId: filed.id, body: 'A UBS passou a atender por senha e com horário marcado.' }, { now: day('2026-04-10') }));
    demand = await demandRow(filed.id);
    expect(demand.state).toBe('answered');
    expect(demand.answeredAt?.toISOString()).toBe(day('2026-04-10').toISOString());

    const events = await eventsOf(filed.id);
    expect(events.map((e) => [e.type, e.stateBefore, e.stateAfter, e.visibility])).toEqual([
      ['received', null, 'received', 'public'],
      ['classified', 'received', 'received', 'internal'],
      ['forwarded', 'received', 'forwarded', 'public'],
      ['note', 'forwarded', 'forwarded', 'internal'],
      ['public_reply', 'forwarded', 'in_progress', 'public'],
      ['answered', 'in_progress', 'answered', 'public'],
    ]);
    expect(events[4]?.actorLabel).toBe(saude.name);
    expect((await outboxOf(filed.id)).map((m) => m.template)).toEqual(
      expect.arrayContaining(['demand_received', 'demand_forwarded', 'public_reply', 'final_answer']),
    );

    expect(await rateDemand({ demandId: filed.id, rating: 2, resolved: false, comment: 'Ainda demora.', via: 'account', citizenUserId: cast.citizenA.userId })).toEqual({ ok: true });
    expect(await rateDemand({ demandId: filed.id, rating: 5, resolved: true, via: 'status_link' })).toEqual({ ok: false, error: 'Esta manifestação já foi avaliada. Obrigado!' });

    expect(await reopenDemand({ demandId: filed.id, reason: 'Continuo esperando horas.', via: 'status_link' }, { now: day('2026-04-15') })).toEqual({ ok: true });
    demand = await demandRow(filed.id);
    expect(demand).toMatchObject({ state: 'received', reopenCount: 1, answeredAt: null, dueOn: '2026-05-15' });
    expectOk(await sendFinalAnswer(cast.ombudsman, { demandId: filed.id, body: 'Nova resposta depois da reabertura pedida.' }, { now: day('2026-04-20') }));
    expect(await reopenDemand({ demandId: filed.id, reason: 'De novo, por favor.', via: 'status_link' }, { now: day('2026-04-21') })).toEqual({
      ok: false,
      error: 'Esta manifestação já foi reaberta uma vez.',
    });
  });

  it('refuses a reopening after the 10-day window and closes the demand with a survey', async () => {
    const filed = await fileOuvidoria({}, {}, day('2026-03-01'));
    expectOk(await sendFinalAnswer(cast.ombudsman, { demandId: filed.id, body: 'Resposta conclusiva sobre o atendimento.' }, { now: day('2026-03-05') }));
    expect(await reopenDemand({ demandId: filed.id, reason: 'Não resolveu nada.', via: 'whatsapp' }, { now: day('2026-03-16') })).toEqual({
      ok: false,
      error: 'O prazo para reabrir terminou 10 dias após a resposta (até 15/03/2026).',
    });
    expect(await closeAnsweredDemands({ now: day('2026-03-15') })).toEqual({ closed: 0 });
    const { closed } = await closeAnsweredDemands({ now: day('2026-03-16') });
    expect(closed).toBeGreaterThanOrEqual(1);
    expect((await demandRow(filed.id)).state).toBe('closed');
    expect((await outboxOf(filed.id)).map((m) => m.template)).toContain('satisfaction_survey');
    expect(await addCitizenMessage({ demandId: filed.id, body: 'Obrigada.', via: 'status_link' })).toMatchObject({ ok: false });
  });
});

describe('a request for information', () => {
  it('suspends the deadline and resumes it, moved by the days waited, when the citizen replies', async () => {
    const filed = await fileBalcao({}, {}, day('2026-05-04'));
    const before = await demandRow(filed.id);
    expectOk(await forwardDemand(cast.attendant, { demandId: filed.id, departmentId: (await department('infraestrutura')).id }, { now: day('2026-05-05') }));
    expectOk(await requestInformation(cast.infraestrutura, { demandId: filed.id, body: 'Informe o número mais próximo do buraco.' }, { now: day('2026-05-06') }));
    expect(await demandRow(filed.id)).toMatchObject({ state: 'awaiting_citizen', suspendedAt: day('2026-05-06') });
    expect((await outboxOf(filed.id)).map((m) => m.template)).toContain('info_requested');

    expect(await addCitizenMessage({ demandId: filed.id, body: 'Oi', via: 'whatsapp' })).toMatchObject({ ok: false, error: expect.stringMatching(/responda a esse pedido/) });
    expect(await replyToInformationRequest({ demandId: filed.id, body: 'Em frente ao número 1200.', via: 'whatsapp' }, { now: day('2026-05-13') })).toEqual({ ok: true });
    const after = await demandRow(filed.id);
    expect(after).toMatchObject({ state: 'forwarded', suspendedAt: null, dueOn: addDays(before.dueOn, 7) });
    const last = (await eventsOf(filed.id)).at(-1);
    expect(last).toMatchObject({ type: 'citizen_replied', stateBefore: 'awaiting_citizen', stateAfter: 'forwarded', visibility: 'public', actorLabel: 'Cidadão' });
    expect(await replyToInformationRequest({ demandId: filed.id, body: 'De novo a mesma coisa.', via: 'whatsapp' })).toMatchObject({ ok: false });
  });

  it('archives a demand left more than 20 days without a reply, with a public reason', async () => {
    const filed = await fileOuvidoria({}, {}, day('2026-06-01'));
    expectOk(await requestInformation(cast.ombudsman, { demandId: filed.id, body: 'Em qual unidade de saúde isso aconteceu?' }, { now: day('2026-06-02') }));
    await archiveUnansweredInformationRequests({ now: day('2026-06-22') });
    expect((await demandRow(filed.id)).state).toBe('awaiting_citizen');
    const { archived } = await archiveUnansweredInformationRequests({ now: day('2026-06-23') });
    expect(archived).toBeGreaterThanOrEqual(1);
    expect(await demandRow(filed.id)).toMatchObject({ state: 'archived', suspendedAt: day('2026-06-02') });
    const last = (await eventsOf(filed.id)).at(-1);
    expect(last).toMatchObject({ type: 'archived', visibility: 'public', actorLabel: 'Sistema', actorUserId: null });
    expect(last?.body).toMatch(/20 dias sem resposta/);
    expect((await outboxOf(filed.id)).map((m) => m.template)).toContain('demand_archived');
    expect(await archiveUnansweredInformationRequests({ now: day('2026-06-24') })).toEqual({ archived: 0 });
  });
});

describe('deadlines', () => {
  it('extends once by 30 days, an access-to-information request by 10', async () => {
    const complaint = await fileOuvidoria({}, {}, day('2026-02-02'));
    const lai = await fileOuvidoria({ kind: 'information' }, {}, day('2026-02-02'));
    expect(await extendDeadline(cast.ombudsman, { demandId: complaint.id, justification: 'A secretaria precisa de vistoria técnica no local.' })).toEqual({ ok: true, dueOn: '2026-04-03' });
    // An information request's extension is told before its 20 days end (Decreto 7.724 art. 16).
    const withinTheDeadline = { now: day('2026-02-20') };
    expect(await extendDeadline(cast.ombudsman, { demandId: lai.id, justification: 'Os documentos estão no arquivo geral da Prefeitura.' }, withinTheDeadline)).toEqual({ ok: true, dueOn: '2026-03-04' });
    expect(await extendDeadline(cast.ombudsman, { demandId: lai.id, justification: 'Os documentos estão no arquivo geral da Prefeitura.' }, withinTheDeadline)).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringMatching(/uma só prorrogação/),
    });
    expect((await outboxOf(lai.id)).filter((m) => m.template === 'deadline_extended')).toHaveLength(1);
  });

  it('moves the deadline when a complaint is reclassified as an access-to-information request', async () => {
    const filed = await fileOuvidoria({}, {}, day('2026-02-02'));
    expectOk(await classifyDemand(cast.ombudsman, { demandId: filed.id, kind: 'information', categoryId: '' }));
    expect((await demandRow(filed.id)).dueOn).toBe('2026-02-22');
    expect(await classifyDemand(cast.ombudsman, { demandId: filed.id, kind: 'information' })).toMatchObject({ ok: false, status: 409 });
    expect(await classifyDemand(cast.ombudsman, { demandId: filed.id, kind: 'service_request' })).toMatchObject({ ok: false, fieldErrors: { kind: [expect.any(String)] } });
  });

  it('archives only with a public justification', async () => {
    const filed = await fileOuvidoria();
    expect(await archiveDemand(cast.ombudsman, { demandId: filed.id, justification: 'curta' })).toMatchObject({ ok: false, status: 400, fieldErrors: { justification: [expect.any(String)] } });
    expectOk(await archiveDemand(cast.ombudsman, { demandId: filed.id, justification: 'Duplicada: o mesmo pedido está no protocolo anterior.' }));
    expect((await eventsOf(filed.id)).at(-1)).toMatchObject({ type: 'archived', visibility: 'public' });
    expectOk(await reopenDemandAsStaff(cast.ombudsman, { demandId: filed.id, reason: 'Não era duplicada, eram pedidos diferentes.' }));
    expect((await demandRow(filed.id)).state).toBe('received');
  });
});

describe('the Controle Interno', () => {
  it('takes a denúncia against a servant alone, and nobody else sees it', async () => {
    const db = await getDb();
    const [conduct] = await db.select().from(categories).where(eq(categories.slug, 'conduta-servidor'));
    const filed = await fileOuvidoria({ kind: 'denunciation', categoryId: conduct?.id, identity: 'confidential' });
    const saude = await department('saude');
    const controle = await department('controle-interno');

    expect(await forwardDemand(cast.ombudsman, { demandId: filed.id, departmentId: saude.id })).toMatchObject({ ok: false, fieldErrors: { departmentId: [expect.stringMatching(/só ao Controle Interno/)] } });
    expect(await forwardDemand(cast.ombudsman, { demandId: filed.id, departmentId: controle.id, supportingDepartmentIds: [saude.id] })).toMatchObject({
      ok: false,
      fieldErrors: { supportingDepartmentIds: [expect.any(String)] },
    });
    expectOk(await forwardDemand(cast.ombudsman, { demandId: filed.id, departmentId: controle.id }));

    expect(await getDemandForStaff({ actor: cast.manager, protocol: filed.protocol })).toBeNull();
    expect(await getDemandForStaff({ actor: cast.saude, protocol: filed.protocol })).toBeNull();
    const seenByControle = await getDemandForStaff({ actor: cast.controle, protocol: filed.protocol });
    expect(seenByControle?.requester).toEqual({ kind: 'pseudonym', pseudonym: expect.stringMatching(/^Manifestante /) });
    expect(JSON.stringify(seenByControle)).not.toMatch(/Maria|maria@exemplo/);
    expectOk(await addInternalNote(cast.controle, { demandId: filed.id, body: 'Sindicância aberta.' }));
    expect(await postPublicReply(cast.controle, { demandId: filed.id, body: 'Estamos apurando o caso relatado.' })).toMatchObject({ ok: false, status: 403 });

    // The ombudsman sees a pseudonym until revealing, and each reveal is logged.
    const hidden = await getDemandForStaff({ actor: cast.ombudsman, protocol: filed.protocol });
    expect(hidden?.requester.kind).toBe('hidden');
    expectOk(await revealIdentity(cast.ombudsman, { demandId: filed.id, reason: 'Contato com o denunciante para colher provas.' }));
    const revealed = await getDemandForStaff({ actor: cast.ombudsman, protocol: filed.protocol });
    expect(revealed?.requester).toMatchObject({ kind: 'identity', name: 'Maria da Silva', email: 'maria@exemplo.com.br' });
    const log = await db.select().from(identityAccessLog).where(eq(identityAccessLog.demandId, filed.id));
    expect(log).toEqual([expect.objectContaining({ userId: cast.ombudsman.userId })]);
  });

  it('will not classify a denúncia as the Controle Interno’s while a secretaria holds it', async () => {
    const db = await getDb();
    const [conduct] = await db.select().from(categories).where(eq(categories.slug, 'conduta-servidor'));
    const filed = await fileOuvidoria({ kind: 'denunciation' });
    expectOk(await forwardDemand(cast.ombudsman, { demandId: filed.id, departmentId: (await department('saude')).id }));
    expect(await classifyDemand(cast.ombudsman, { demandId: filed.id, kind: 'denunciation', categoryId: conduct?.id })).toMatchObject({
      ok: false,
      fieldErrors: { categoryId: [expect.stringMatching(/encaminhe-a ao Controle Interno/)] },
    });
  });
});

describe('assignment', () => {
  it('gives a demand to a colleague of the department that holds it, not to another department', async () => {
    const colleague = await createUser('department', { departments: ['infraestrutura'] });
    const filed = await fileBalcao();
    expectOk(await forwardDemand(cast.attendant, { demandId: filed.id, departmentId: (await department('infraestrutura')).id }));
    expectOk(await assignDemand(cast.infraestrutura, { demandId: filed.id, assigneeId: colleague.userId }));
    expect((await demandRow(filed.id)).assignedUserId).toBe(colleague.userId);
    expect(await assignDemand(cast.infraestrutura, { demandId: filed.id, assigneeId: cast.saude.userId })).toMatchObject({ ok: false, fieldErrors: { assigneeId: [expect.any(String)] } });
    expect(await assignDemand(cast.infraestrutura, { demandId: filed.id, assigneeId: colleague.userId })).toMatchObject({ ok: false, status: 409 });

    // Re-forwarded elsewhere: the assignee loses it, and the old department no longer sees it.
    expectOk(await forwardDemand(cast.attendant, { demandId: filed.id, departmentId: (await department('meio-ambiente')).id }));
    expect((await demandRow(filed.id)).assignedUserId).toBeNull();
    expect(await getDemandForStaff({ actor: colleague, protocol: filed.protocol })).toBeNull();
  });
});

describe('escalation of a Balcão request to the Ouvidoria', () => {
  it('files a linked complaint when the request is late, once', async () => {
    const filed = await fileBalcao({}, { requesterUserId: cast.citizenA.userId }, day('2026-01-05'));
    const onTime = await escalateToOuvidoria(cast.attendant, { demandId: filed.id, reason: 'O buraco continua lá e ninguém apareceu.' }, { now: day('2026-01-10') });
    expect(onTime).toMatchObject({ ok: false, status: 409 });
    const late = await escalateToOuvidoria(cast.attendant, { demandId: filed.id, reason: 'O buraco continua lá e ninguém apareceu.' }, { now: day('2026-02-10') });
    expectOk(late);
    const db = await getDb();
    const [complaint] = await db.select().from(demands).where(eq(demands.protocol, late.complaint.protocol));
    expect(complaint).toMatchObject({
      service: 'ouvidoria',
      kind: 'complaint',
      linkedDemandId: filed.id,
      enteredByUserId: cast.attendant.userId,
      requesterUserId: cast.citizenA.userId,
      state: 'received',
    });
    expect((await eventsOf(filed.id)).at(-1)).toMatchObject({ type: 'escalated', body: expect.stringContaining(late.complaint.protocol) });
    expect(await escalateDemand({ demandId: filed.id, reason: 'Quero reclamar de novo sobre o buraco.', via: 'account', citizenUserId: cast.citizenA.userId }, { now: day('2026-02-11') })).toEqual({
      ok: false,
      error: 'Esta solicitação já foi levada à Ouvidoria.',
    });
    const page = await getDemandForStaff({ actor: cast.ombudsman, protocol: late.complaint.protocol });
    expect(page?.escalatedFrom).toEqual({ protocol: filed.protocol });
  });

  it('lets the citizen escalate an answered request from their account, not from someone else’s', async () => {
    const filed = await fileBalcao({}, { requesterUserId: cast.citizenA.userId });
    expectOk(await sendFinalAnswer(cast.attendant, { demandId: filed.id, body: 'Serviço executado pela equipe da secretaria.' }));
    expect(await escalateDemand({ demandId: filed.id, reason: 'O conserto já abriu de novo na primeira chuva.', via: 'account', citizenUserId: cast.citizenB.userId })).toEqual({
      ok: false,
      error: 'Manifestação não encontrada.',
    });
    const result = await escalateDemand({ demandId: filed.id, reason: 'O conserto já abriu de novo na primeira chuva.', via: 'account', citizenUserId: cast.citizenA.userId });
    expect(result).toMatchObject({ ok: true, protocol: expect.stringMatching(/^\d{4}-\d{6}-\d$/) });
  });
});

describe('staff-entered intake', () => {
  it('records a phone demand as entered by the attendant, for an existing citizen', async () => {
    const input = await balcaoInput({ name: 'Cidadã Alfa', email: cast.citizenA.email, phone: '' });
    const result = await fileDemandOnBehalf(cast.attendant, { intake: input, channel: 'phone', requesterUserId: cast.citizenA.userId });
    expectOk(result);
    expect(await demandRow(result.demand.id)).toMatchObject({ channel: 'phone', enteredByUserId: cast.attendant.userId, requesterUserId: cast.citizenA.userId });
    expect((await eventsOf(result.demand.id))[0]).toMatchObject({ actorUserId: cast.attendant.userId, actorLabel: 'Atendimento' });
  });

  it('refuses other roles, web as a counter channel, and a requester who is not a citizen', async () => {
    const input = await balcaoInput();
    expect(await fileDemandOnBehalf(cast.saude, { intake: input, channel: 'phone' })).toMatchObject({ ok: false, status: 403 });
    expect(await fileDemandOnBehalf(null, { intake: input, channel: 'phone' })).toMatchObject({ ok: false, status: 401 });
    expect(await fileDemandOnBehalf(cast.attendant, { intake: input, channel: 'web' })).toMatchObject({ ok: false, fieldErrors: { channel: [expect.any(String)] } });
    expect(await fileDemandOnBehalf(cast.attendant, { intake: input, channel: 'letter', requesterUserId: cast.saude.userId })).toMatchObject({
      ok: false,
      fieldErrors: { requesterUserId: [expect.any(String)] },
    });
    expect(await fileDemandOnBehalf(cast.ombudsman, { intake: { ...input, description: '' }, channel: 'in_person' })).toMatchObject({
      ok: false,
      fieldErrors: { description: [expect.any(String)] },
    });
  });
});

describe('writes nothing when refused', () => {
  it('leaves no event behind for a refused action', async () => {
    const filed = await fileOuvidoria();
    const before = (await eventsOf(filed.id)).length;
    expect(await sendFinalAnswer(cast.saude, { demandId: filed.id, body: 'Uma resposta de quem não pode responder.' })).toMatchObject({ ok: false, status: 404 });
    expect(await requestInformation(cast.ombudsman, { demandId: filed.id, body: 'curto' })).toMatchObject({ ok: false, status: 400 });
    const db = await getDb();
    expect(await db.select().from(demandEvents).where(and(eq(demandEvents.demandId, filed.id)))).toHaveLength(before);
  });
});
