import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { demandEvents, demandTags, macros, outbox } from '@/lib/db/schema';
import { AuthorizationError, type Actor } from '@/lib/auth/guards';
import { createAnswerTemplate, updateAnswerTemplate } from '@/lib/admin/answer-templates';
import { createMacro, deleteMacro, listMacros } from '@/lib/admin/macros';
import { createTag, deleteTag, listTags, renameTag } from '@/lib/admin/tags';
import { applyMacro } from '@/lib/demands/macros';
import { addDemandTag, setDemandPriority, setDemandTags } from '@/lib/demands/organisation';
import { sendFinalAnswer } from '@/lib/demands/resolution';
import { forwardDemand } from '@/lib/demands/triage';
import { listDemands } from '@/lib/db/queries/demand-queues';
import { getDemandOrganisation, listTagFilterChoices } from '@/lib/db/queries/organisation';
import { ROLES } from '@/lib/domain/vocabulary';
import { createCast, createUser, demandRow, department, expectOk, fileOuvidoria, type Cast } from '../workspace-factories';

let cast: Cast;
const unique = () => crypto.randomUUID().slice(0, 6);

async function eventsOf(demandId: string) {
  const db = await getDb();
  return db.select().from(demandEvents).where(eq(demandEvents.demandId, demandId)).orderBy(asc(demandEvents.id));
}

async function tagIdsOf(demandId: string) {
  const db = await getDb();
  return (await db.select({ tagId: demandTags.tagId }).from(demandTags).where(eq(demandTags.demandId, demandId))).map((row) => row.tagId).sort();
}

async function newTag(name: string, departmentId: string | null = null) {
  const created = await createTag(cast.admin as Actor, { name, departmentId: departmentId ?? '' });
  if (!created.ok) throw new Error(JSON.stringify(created));
  return created.value.id;
}

async function newTemplate(body: string) {
  const created = await createAnswerTemplate(cast.admin as Actor, { title: `Modelo ${unique()}`, body });
  if (!created.ok) throw new Error(JSON.stringify(created));
  return created.value.id;
}

beforeAll(async () => {
  cast = await createCast();
});

describe('etiquetas and macros are the admin’s', () => {
  const someId = '00000000-0000-4000-8000-000000000000';
  const useCases: [string, (actor: Actor) => Promise<unknown>][] = [
    ['listTags', (a) => listTags(a)],
    ['createTag', (a) => createTag(a, { name: 'Intrusa' })],
    ['renameTag', (a) => renameTag(a, someId, { name: 'Intrusa' })],
    ['deleteTag', (a) => deleteTag(a, someId)],
    ['listMacros', (a) => listMacros(a)],
    ['createMacro', (a) => createMacro(a, {})],
    ['deleteMacro', (a) => deleteMacro(a, someId)],
  ];

  it.each(ROLES.filter((role) => role !== 'admin'))('refuses %s with 403', async (role) => {
    const actor = (await createUser(role, { departments: role === 'department' ? ['saude'] : [] })) as Actor;
    for (const [name, run] of useCases) {
      const outcome = await run(actor).then(
        () => 'allowed',
        (error: unknown) => (error instanceof AuthorizationError ? error.status : error),
      );
      expect([name, outcome]).toEqual([name, 403]);
    }
  });

  it('creates, refuses a duplicate name, lists with the secretaria and deletes', async () => {
    const saude = await department('saude');
    const name = `Reincidente ${unique()}`;
    const id = await newTag(name, saude.id);
    expect(await createTag(cast.admin as Actor, { name: name.toUpperCase() })).toMatchObject({ ok: false, fieldErrors: { name: ['Já existe uma etiqueta com este nome.'] } });
    expect(await createTag(cast.admin as Actor, { name: 'x' })).toMatchObject({ ok: false, fieldErrors: { name: [expect.any(String)] } });
    expect(await listTags(cast.admin as Actor)).toContainEqual({ id, name, departmentId: saude.id, departmentName: saude.name });
    expectOk(await deleteTag(cast.admin as Actor, id));
    expect((await listTags(cast.admin as Actor)).map((tag) => tag.id)).not.toContain(id);
  });
});

describe('renaming an etiqueta', () => {
  it('keeps it on the demands and macros that have it, under the new name', async () => {
    const saude = await department('saude');
    const id = await newTag(`Poda ${unique()}`, saude.id);
    const template = await newTemplate('A poda foi agendada pela equipe de manutenção.');
    const macro = await createMacro(cast.admin as Actor, { name: `Podar ${unique()}`, answerTemplateId: template, action: 'public_reply', tagId: id });
    expectOk(macro);
    const demand = await fileOuvidoria({ kind: 'complaint' });
    expectOk(await forwardDemand(cast.ombudsman, { demandId: demand.id, departmentId: saude.id, supportingDepartmentIds: [] }));
    expectOk(await setDemandTags(cast.saude, { demandId: demand.id, tagIds: [id] }));

    const newName = `Poda de árvore ${unique()}`;
    expectOk(await renameTag(cast.admin as Actor, id, { name: `  ${newName} ` }));
    expect(await tagIdsOf(demand.id)).toEqual([id]);
    expect(await listTags(cast.admin as Actor)).toContainEqual({ id, name: newName, departmentId: saude.id, departmentName: saude.name });
    const organisation = await getDemandOrganisation({ actor: cast.saude, demand: await pageDemand(demand.id) });
    expect(organisation?.tags).toEqual([{ id, name: newName }]);
    expect(organisation?.macros.find((choice) => choice.id === macro.value.id)?.tagName).toBe(newName);
    expect((await listDemands({ actor: cast.saude, queue: 'all', filters: { tagId: id } })).rows.map((row) => row.protocol)).toEqual([demand.protocol]);
    // Only its case changed: still its own name, not a duplicate.
    expectOk(await renameTag(cast.admin as Actor, id, { name: newName.toUpperCase() }));
  });

  it('refuses a name another etiqueta has (any secretaria, any case), a too short one and an unknown etiqueta', async () => {
    const infra = await department('infraestrutura');
    const taken = `Asfalto ${unique()}`;
    await newTag(taken, infra.id);
    const id = await newTag(`Calçada ${unique()}`);
    const before = (await listTags(cast.admin as Actor)).find((tag) => tag.id === id);

    expect(await renameTag(cast.admin as Actor, id, { name: taken.toLowerCase() })).toEqual({ ok: false, fieldErrors: { name: ['Já existe uma etiqueta com este nome.'] } });
    expect(await renameTag(cast.admin as Actor, id, { name: ' ' })).toEqual({ ok: false, fieldErrors: { name: ['O nome precisa ter pelo menos 2 caracteres.'] } });
    expect(await renameTag(cast.admin as Actor, '00000000-0000-4000-8000-000000000000', { name: `Outra ${unique()}` })).toMatchObject({ ok: false, message: 'Etiqueta não encontrada.' });
    expect(await renameTag(cast.admin as Actor, 'não-é-id', { name: `Outra ${unique()}` })).toMatchObject({ ok: false, message: 'Etiqueta não encontrada.' });
    expect((await listTags(cast.admin as Actor)).find((tag) => tag.id === id)).toEqual(before);
  });
});

describe('etiquetas on a demand', () => {
  it('are set by whoever works it, one internal event per change, and filter the queue', async () => {
    const saude = await department('saude');
    const infra = await department('infraestrutura');
    const general = await newTag(`Iluminação ${unique()}`);
    const ofSaude = await newTag(`UBS ${unique()}`, saude.id);
    const ofInfra = await newTag(`Obras ${unique()}`, infra.id);
    const demand = await fileOuvidoria({ kind: 'complaint' });
    const other = await fileOuvidoria({ kind: 'complaint' });

    // Before the forward only the general etiqueta fits; a secretaria's does not.
    expect(await setDemandTags(cast.ombudsman, { demandId: demand.id, tagIds: [ofSaude] })).toMatchObject({ ok: false, status: 400 });
    expectOk(await forwardDemand(cast.ombudsman, { demandId: demand.id, departmentId: saude.id, supportingDepartmentIds: [] }));
    expect(await setDemandTags(cast.ombudsman, { demandId: demand.id, tagIds: [ofInfra] })).toMatchObject({ ok: false, status: 400 });
    // A secretaria that does not hold it does not see it; the citizen and the manager may not tag.
    expect(await setDemandTags(cast.infraestrutura, { demandId: demand.id, tagIds: [general] })).toMatchObject({ ok: false, status: 404 });
    expect(await setDemandTags(cast.manager, { demandId: demand.id, tagIds: [general] })).toMatchObject({ ok: false, status: 403 });
    expect(await setDemandTags(cast.citizenA, { demandId: demand.id, tagIds: [general] })).toMatchObject({ ok: false, status: 403 });

    expectOk(await setDemandTags(cast.saude, { demandId: demand.id, tagIds: [general, ofSaude] }));
    expect(await tagIdsOf(demand.id)).toEqual([general, ofSaude].sort());
    expect(await setDemandTags(cast.saude, { demandId: demand.id, tagIds: [ofSaude, general] })).toMatchObject({ ok: false, status: 409 });
    expectOk(await setDemandTags(cast.ombudsman, { demandId: demand.id, tagIds: [ofSaude] }));
    expect(await tagIdsOf(demand.id)).toEqual([ofSaude]);

    const events = (await eventsOf(demand.id)).filter((event) => event.type.startsWith('tag_'));
    expect(events.map((event) => [event.type, event.visibility, event.data])).toEqual([
      ['tag_added', 'internal', { tagId: general }],
      ['tag_added', 'internal', { tagId: ofSaude }],
      ['tag_removed', 'internal', { tagId: general }],
    ]);

    const filtered = await listDemands({ actor: cast.ombudsman, queue: 'all', filters: { tagId: ofSaude } });
    expect(filtered.rows.map((row) => row.protocol)).toEqual([demand.protocol]);
    expect(filtered.rows[0]?.tagNames).toHaveLength(1);
    const unfiltered = await listDemands({ actor: cast.ombudsman, queue: 'all' });
    expect(unfiltered.rows.map((row) => row.protocol)).toContain(other.protocol);
    // The secretaria's own etiquetas are its filter's choices; another's are not.
    const choices = (await listTagFilterChoices({ actor: cast.saude })).map((tag) => tag.id);
    expect(choices).toEqual(expect.arrayContaining([general, ofSaude]));
    expect(choices).not.toContain(ofInfra);
    expect(await getDemandOrganisation({ actor: cast.infraestrutura, demand: await pageDemand(demand.id) })).toBeNull();
  });
});

/** The demand as the demand page hands it to getDemandOrganisation. */
async function pageDemand(demandId: string) {
  return { id: demandId, state: (await demandRow(demandId)).state, facts: await facts(demandId) };
}

async function facts(demandId: string) {
  const row = await demandRow(demandId);
  return {
    service: row.service,
    kind: row.kind,
    identity: row.identity,
    departmentId: row.departmentId,
    supportingDepartmentIds: [],
    restrictedToInternalControl: false,
  };
}

describe('priority', () => {
  it('is set with an internal event, refused when unchanged or after the end, and filters the queue', async () => {
    const demand = await fileOuvidoria({ kind: 'complaint' });
    expect(await setDemandPriority(cast.ombudsman, { demandId: demand.id, priority: 'urgentissima' })).toMatchObject({ ok: false, status: 400 });
    expect(await setDemandPriority(cast.ombudsman, { demandId: demand.id, priority: 'normal' })).toMatchObject({ ok: false, status: 409 });
    expectOk(await setDemandPriority(cast.ombudsman, { demandId: demand.id, priority: 'elderly_80' }));
    expect((await demandRow(demand.id)).priority).toBe('elderly_80');
    const [event] = (await eventsOf(demand.id)).filter((e) => e.type === 'priority_changed');
    expect(event).toMatchObject({ visibility: 'internal', data: { from: 'normal', to: 'elderly_80' } });
    expect(event?.body).toContain('80 anos');

    const rows = (await listDemands({ actor: cast.ombudsman, queue: 'all', filters: { priority: 'elderly_80' } })).rows;
    expect(rows.map((row) => row.protocol)).toContain(demand.protocol);
    expect(rows.every((row) => row.priority === 'elderly_80')).toBe(true);
    expect((await listDemands({ actor: cast.ombudsman, queue: 'all', filters: { priority: 'legal' } })).rows.map((row) => row.protocol)).not.toContain(demand.protocol);
  });
});

describe('a macro', () => {
  it('sends its template as a reply, moves the state and puts its etiqueta on, evented as the single actions', async () => {
    const saude = await department('saude');
    const tag = await newTag(`Vistoria ${unique()}`);
    const template = await newTemplate('Recebemos a sua manifestação e a vistoria foi agendada.');
    const macro = await createMacro(cast.admin as Actor, { name: `Vistoria ${unique()}`, answerTemplateId: template, action: 'public_reply', tagId: tag });
    expectOk(macro);
    const demand = await fileOuvidoria({ kind: 'complaint' });
    expectOk(await forwardDemand(cast.ombudsman, { demandId: demand.id, departmentId: saude.id, supportingDepartmentIds: [] }));

    expectOk(await applyMacro(cast.saude, { demandId: demand.id, macroId: macro.value.id }));
    expect((await demandRow(demand.id)).state).toBe('in_progress');
    expect(await tagIdsOf(demand.id)).toEqual([tag]);
    const events = (await eventsOf(demand.id)).slice(-2);
    expect(events.map((event) => [event.type, event.stateBefore, event.stateAfter, event.visibility, event.actorLabel])).toEqual([
      ['public_reply', 'forwarded', 'in_progress', 'public', saude.name],
      ['tag_added', 'in_progress', 'in_progress', 'internal', saude.name],
    ]);
    const db = await getDb();
    expect((await db.select().from(outbox).where(eq(outbox.demandId, demand.id))).some((message) => message.template === 'public_reply')).toBe(true);
  });

  it('applies nothing when one part is refused: the reply is rolled back with the etiqueta refused', async () => {
    const saude = await department('saude');
    const infra = await department('infraestrutura');
    // An etiqueta of a secretaria that does not hold the demand: the tag part is refused after the reply ran.
    const foreign = await newTag(`Só obras ${unique()}`, infra.id);
    const template = await newTemplate('A equipe vai analisar o seu pedido nos próximos dias.');
    const macro = await createMacro(cast.admin as Actor, { name: `Análise ${unique()}`, answerTemplateId: template, action: 'public_reply', tagId: foreign });
    expectOk(macro);
    const demand = await fileOuvidoria({ kind: 'complaint' });
    expectOk(await forwardDemand(cast.ombudsman, { demandId: demand.id, departmentId: saude.id, supportingDepartmentIds: [] }));
    const before = await eventsOf(demand.id);
    const db = await getDb();
    const outboxBefore = (await db.select().from(outbox).where(eq(outbox.demandId, demand.id))).length;

    const result = await applyMacro(cast.ombudsman, { demandId: demand.id, macroId: macro.value.id });
    expect(result).toMatchObject({ ok: false, status: 409 });
    if (!result.ok) expect(result.error).toMatch(/^Macro “Análise .*” não aplicada: A etiqueta não pode ser usada/);
    expect((await demandRow(demand.id)).state).toBe('forwarded');
    expect(await eventsOf(demand.id)).toEqual(before);
    expect(await tagIdsOf(demand.id)).toEqual([]);
    expect((await db.select().from(outbox).where(eq(outbox.demandId, demand.id))).length).toBe(outboxBefore);
  });

  it('is refused where its action is: a department may not send the final answer of a manifestação', async () => {
    const saude = await department('saude');
    const tag = await newTag(`Concluída ${unique()}`);
    const template = await newTemplate('A vistoria foi feita e o problema resolvido; agradecemos o contato.');
    const macro = await createMacro(cast.admin as Actor, { name: `Resolver ${unique()}`, answerTemplateId: template, action: 'answer', tagId: tag });
    expectOk(macro);
    const demand = await fileOuvidoria({ kind: 'complaint' });
    expectOk(await forwardDemand(cast.ombudsman, { demandId: demand.id, departmentId: saude.id, supportingDepartmentIds: [] }));
    expect(await applyMacro(cast.saude, { demandId: demand.id, macroId: macro.value.id })).toMatchObject({ ok: false, status: 403 });
    expect(await tagIdsOf(demand.id)).toEqual([]);
    expectOk(await applyMacro(cast.ombudsman, { demandId: demand.id, macroId: macro.value.id }));
    expect((await demandRow(demand.id)).state).toBe('answered');
    expect(await tagIdsOf(demand.id)).toEqual([tag]);
    // The etiqueta already on: a second tag part changes nothing (and the answer part is refused now).
    expectOk(await addDemandTag(cast.ombudsman, { demandId: demand.id, tagId: tag }));
    expect((await eventsOf(demand.id)).filter((event) => event.type === 'tag_added')).toHaveLength(1);
  });
});

describe('the macros a demand page offers', () => {
  const offered = async (actor: Cast['ombudsman'], demandId: string) => ((await getDemandOrganisation({ actor, demand: await pageDemand(demandId) }))?.macros ?? []).map((macro) => macro.id);

  async function newMacro(action: string, tagId: string | null = null) {
    const template = await newTemplate('Segue a resposta ao seu pedido, com o que a equipe apurou até agora.');
    const created = await createMacro(cast.admin as Actor, { name: `Macro ${unique()}`, answerTemplateId: template, action, tagId: tagId ?? '' });
    if (!created.ok) throw new Error(JSON.stringify(created));
    return created.value.id;
  }

  it('leave out the final-answer macro on a LAI request, which is answered with its outcome; applying it anyway is refused', async () => {
    const answer = await newMacro('answer');
    const reply = await newMacro('public_reply');
    const request = await fileOuvidoria({ kind: 'information' });
    const complaint = await fileOuvidoria({ kind: 'complaint' });

    const onRequest = await offered(cast.ombudsman, request.id);
    expect(onRequest).toContain(reply);
    expect(onRequest).not.toContain(answer);
    expect(await offered(cast.ombudsman, complaint.id)).toEqual(expect.arrayContaining([answer, reply]));

    const before = await eventsOf(request.id);
    const refused = await applyMacro(cast.ombudsman, { demandId: request.id, macroId: answer });
    expect(refused).toMatchObject({ ok: false, status: 409 });
    if (!refused.ok) expect(refused.error).toMatch(/não aplicada: Um pedido de acesso à informação é respondido com o seu resultado/);
    expect((await demandRow(request.id)).state).toBe('received');
    expect(await eventsOf(request.id)).toEqual(before);
  });

  it('leave out a macro the state table refuses now, or whose etiqueta is of a secretaria that does not hold the demand', async () => {
    const saude = await department('saude');
    const infra = await department('infraestrutura');
    const reply = await newMacro('public_reply');
    const note = await newMacro('note');
    const foreignNote = await newMacro('note', await newTag(`Só obras ${unique()}`, infra.id));
    const demand = await fileOuvidoria({ kind: 'complaint' });
    expectOk(await forwardDemand(cast.ombudsman, { demandId: demand.id, departmentId: saude.id, supportingDepartmentIds: [] }));

    for (const actor of [cast.ombudsman, cast.saude]) {
      const list = await offered(actor, demand.id);
      expect(list).toEqual(expect.arrayContaining([reply, note]));
      expect(list).not.toContain(foreignNote);
    }
    expect(await applyMacro(cast.saude, { demandId: demand.id, macroId: foreignNote })).toMatchObject({ ok: false, status: 409 });

    const answered = await fileOuvidoria({ kind: 'complaint' });
    expectOk(await sendFinalAnswer(cast.ombudsman, { demandId: answered.id, body: 'A vistoria foi feita e o problema foi resolvido pela equipe.' }));
    const afterAnswer = await offered(cast.ombudsman, answered.id);
    expect(afterAnswer).toContain(note);
    expect(afterAnswer).not.toContain(reply);
    expect(await applyMacro(cast.ombudsman, { demandId: answered.id, macroId: reply })).toMatchObject({ ok: false, status: 409 });
  });

  it('are never made from a template their action refuses, nor left offered after the template is edited so', async () => {
    const short = await newTemplate('Resolvido. Grato.');
    const asAnswer = await createMacro(cast.admin as Actor, { name: `Curta ${unique()}`, answerTemplateId: short, action: 'answer', tagId: '' });
    expect(asAnswer).toEqual({
      ok: false,
      fieldErrors: { answerTemplateId: ['O texto do modelo não serve para “Resposta conclusiva (fica “Respondida”)”: Escreva a resposta conclusiva (pelo menos 20 caracteres).'] },
    });
    // The same text is a reply long enough.
    const asReply = await createMacro(cast.admin as Actor, { name: `Curta ${unique()}`, answerTemplateId: short, action: 'public_reply', tagId: '' });
    expect(asReply.ok).toBe(true);

    const answer = await newMacro('answer');
    const [row] = (await listMacros(cast.admin as Actor)).filter((macro) => macro.id === answer);
    const [macro] = await (await getDb()).select({ templateId: macros.answerTemplateId }).from(macros).where(eq(macros.id, answer));
    const edited = await updateAnswerTemplate(cast.admin as Actor, macro?.templateId ?? '', { title: 'Modelo encurtado', body: 'Feito. Obrigado.' });
    expect(edited).toEqual({
      ok: false,
      fieldErrors: { body: [`A macro “${row?.name}” envia este modelo. O texto do modelo não serve para “Resposta conclusiva (fica “Respondida”)”: Escreva a resposta conclusiva (pelo menos 20 caracteres).`] },
    });
    const complaint = await fileOuvidoria({ kind: 'complaint' });
    expect(await offered(cast.ombudsman, complaint.id)).toContain(answer);
  });
});
