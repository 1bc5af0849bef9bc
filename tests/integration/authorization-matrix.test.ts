import { count, eq } from 'drizzle-orm';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database } from '@/lib/db/client';
import { categories, demandEvents, demands } from '@/lib/db/schema';
import { DemandDetail } from '@/components/workspace/demand-detail';
import { countQueues, listDemands } from '@/lib/db/queries/demand-queues';
import { revealIdentity } from '@/lib/demands/identity-reveal';
import { getDemandForStaff } from '@/lib/db/queries/demand-page';
import { getCitizen, searchCitizens } from '@/lib/db/queries/workspace-options';
import { assignDemand, classifyDemand, forwardDemand } from '@/lib/demands/triage';
import { addInternalNote, postPublicReply, requestInformation } from '@/lib/demands/staff-messages';
import { archiveDemand, extendDeadline, reopenDemandAsStaff, sendFinalAnswer } from '@/lib/demands/resolution';
import { escalateToOuvidoria } from '@/lib/demands/escalation';
import { addCitizenMessage, rateDemand, reopenDemand, replyToInformationRequest } from '@/lib/demands/citizen-actions';
import { fileDemandOnBehalf } from '@/lib/demands/staff-intake';
import type { StaffActor, UseCaseOptions, UseCaseResult } from '@/lib/demands/workflow';
import { queuesFor } from '@/lib/domain/queues';
import { balcaoInput } from '../factories';
import { createCast, department, expectOk, fileBalcao, fileOuvidoria, type Cast } from '../workspace-factories';

/**
 * Every use case and query of the workspace × everyone who might call it: nobody signed in, two citizens,
 * each staff role, and a department user of another department. A refusal writes nothing and carries no
 * field of the demand; a read returns only what that person may see; a protected identity never reaches
 * a department user's page.
 */

type ActorName = keyof Cast | 'anonymous';
const ACTORS: ActorName[] = ['anonymous', 'citizenA', 'citizenB', 'attendant', 'ombudsman', 'saude', 'infraestrutura', 'controle', 'manager', 'admin'];

let cast: Cast;
const ids = { complaint: '', request: '', denunciation: '' };
const protocols = { complaint: '', request: '', denunciation: '' };
type DemandName = keyof typeof ids;

function actorOf(name: ActorName): StaffActor | null {
  return name === 'anonymous' ? null : cast[name];
}

/** Runs `work` in a transaction that is always rolled back, so each case starts from the same demands. */
class Rollback extends Error {}
async function inRollback<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await getDb();
  let outcome: T | undefined;
  await db
    .transaction(async (tx) => {
      outcome = await work(tx as unknown as Database);
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return outcome as T;
}

async function eventCount(db: Database, demandId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(demandEvents).where(eq(demandEvents.demandId, demandId));
  return row?.n ?? 0;
}

beforeAll(async () => {
  cast = await createCast();
  const db = await getDb();
  const [conduct] = await db.select().from(categories).where(eq(categories.slug, 'conduta-servidor'));

  // A confidential complaint of citizen A at the Secretaria de Saúde.
  const complaint = await fileOuvidoria({ identity: 'confidential', phone: '(14) 99777-1234', cpf: '529.982.247-25' }, { requesterUserId: cast.citizenA.userId });
  expectOk(await forwardDemand(cast.ombudsman, { demandId: complaint.id, departmentId: (await department('saude')).id }));
  // A service request of citizen A at the Secretaria de Infraestrutura.
  const request = await fileBalcao({}, { requesterUserId: cast.citizenA.userId });
  expectOk(await forwardDemand(cast.attendant, { demandId: request.id, departmentId: (await department('infraestrutura')).id }));
  // A denúncia against a public servant, at the Controle Interno.
  const denunciation = await fileOuvidoria({ kind: 'denunciation', categoryId: conduct?.id, name: 'Rita Denunciante', email: 'rita@exemplo.com.br' });
  expectOk(await forwardDemand(cast.ombudsman, { demandId: denunciation.id, departmentId: (await department('controle-interno')).id }));

  Object.assign(ids, { complaint: complaint.id, request: request.id, denunciation: denunciation.id });
  Object.assign(protocols, { complaint: complaint.protocol, request: request.protocol, denunciation: denunciation.protocol });
});

type UseCase = (actor: StaffActor | null, input: unknown, options?: UseCaseOptions) => Promise<UseCaseResult>;

/** For each use case: its input on each demand, and who may do it (the demand is forwarded, on time). */
const STAFF_CASES: { name: string; useCase: UseCase; input: (demand: DemandName) => Promise<Record<string, unknown>>; allowed: Record<DemandName, ActorName[]> }[] = [
  {
    name: 'classify',
    useCase: classifyDemand,
    input: async (demand) => {
      const db = await getDb();
      const slug = demand === 'request' ? 'iluminacao-publica' : demand === 'denunciation' ? 'licitacoes-contratos' : 'medicamentos';
      const [category] = await db.select().from(categories).where(eq(categories.slug, slug));
      return { kind: demand === 'request' ? 'service_request' : demand === 'denunciation' ? 'denunciation' : 'complaint', categoryId: category?.id };
    },
    allowed: { complaint: ['ombudsman'], request: ['attendant'], denunciation: ['ombudsman'] },
  },
  {
    name: 'forward',
    useCase: forwardDemand,
    input: async (demand) => ({
      departmentId: (await department(demand === 'complaint' ? 'saude' : demand === 'request' ? 'infraestrutura' : 'controle-interno')).id,
    }),
    allowed: { complaint: ['ombudsman'], request: ['attendant'], denunciation: ['ombudsman'] },
  },
  {
    name: 'assign',
    useCase: assignDemand,
    input: async (demand) => ({ assigneeId: (demand === 'complaint' ? cast.saude : demand === 'request' ? cast.infraestrutura : cast.controle).userId }),
    allowed: { complaint: ['ombudsman', 'saude'], request: ['attendant', 'infraestrutura'], denunciation: ['ombudsman', 'controle'] },
  },
  {
    name: 'note',
    useCase: addInternalNote,
    input: async () => ({ body: 'Nota de quem trabalha a manifestação.' }),
    allowed: { complaint: ['ombudsman', 'saude'], request: ['attendant', 'infraestrutura', 'ombudsman'], denunciation: ['ombudsman', 'controle'] },
  },
  {
    name: 'request_info',
    useCase: requestInformation,
    input: async () => ({ body: 'Precisamos de mais detalhes sobre o local.' }),
    allowed: { complaint: ['ombudsman', 'saude'], request: ['attendant', 'infraestrutura'], denunciation: ['ombudsman'] },
  },
  {
    name: 'public_reply',
    useCase: postPublicReply,
    input: async () => ({ body: 'Recebemos e estamos tratando do caso.' }),
    allowed: { complaint: ['ombudsman', 'saude'], request: ['attendant', 'infraestrutura'], denunciation: ['ombudsman'] },
  },
  {
    name: 'extend',
    useCase: extendDeadline,
    input: async () => ({ justification: 'É preciso uma vistoria técnica antes da resposta.' }),
    allowed: { complaint: ['ombudsman'], request: ['attendant'], denunciation: ['ombudsman'] },
  },
  {
    name: 'answer',
    useCase: sendFinalAnswer,
    input: async () => ({ body: 'Resposta conclusiva sobre o que foi pedido.' }),
    allowed: { complaint: ['ombudsman'], request: ['attendant', 'infraestrutura'], denunciation: ['ombudsman'] },
  },
  {
    name: 'archive',
    useCase: archiveDemand,
    input: async () => ({ justification: 'Duplicada: o mesmo pedido já está em outro protocolo.' }),
    allowed: { complaint: ['ombudsman'], request: ['attendant'], denunciation: ['ombudsman'] },
  },
  {
    name: 'reopen',
    useCase: reopenDemandAsStaff,
    input: async () => ({ reason: 'A resposta não tratou do pedido.' }),
    allowed: { complaint: [], request: [], denunciation: [] },
  },
  {
    name: 'escalate',
    useCase: escalateToOuvidoria,
    input: async () => ({ reason: 'O pedido não foi atendido e o prazo já passou.' }),
    allowed: { complaint: [], request: [], denunciation: [] },
  },
];

/** Who may open each demand at all. */
const VIEWERS: Record<DemandName, ActorName[]> = {
  complaint: ['ombudsman', 'saude', 'manager'],
  request: ['ombudsman', 'attendant', 'infraestrutura', 'manager'],
  denunciation: ['ombudsman', 'controle'],
};

const DEMANDS: DemandName[] = ['complaint', 'request', 'denunciation'];
const SECRETS = ['Maria da Silva', 'maria@exemplo.com.br', '+5514997771234', '52998224725', 'Rita Denunciante', 'rita@exemplo.com.br'];

describe('every staff use case × every caller', () => {
  const cases = STAFF_CASES.flatMap((c) => DEMANDS.flatMap((demand) => ACTORS.map((actor) => [c.name, demand, actor] as const)));

  it.each(cases)('%s on the %s by %s', async (caseName, demand, actorName) => {
    const spec = STAFF_CASES.find((c) => c.name === caseName);
    if (!spec) throw new Error(caseName);
    const input = { demandId: ids[demand], ...(await spec.input(demand)) };
    const { result, before, after } = await inRollback(async (db) => {
      const before = await eventCount(db, ids[demand]);
      const result = await spec.useCase(actorOf(actorName), input, { db });
      return { result, before, after: await eventCount(db, ids[demand]) };
    });
    if (spec.allowed[demand].includes(actorName)) {
      expect(result).toMatchObject({ ok: true });
      expect(after).toBe(before + 1);
      return;
    }
    expect(result.ok).toBe(false);
    expect(after).toBe(before);
    const expectedStatus = actorName === 'anonymous' ? 401 : !VIEWERS[demand].includes(actorName) ? [403, 404] : [403, 409];
    if (!result.ok) {
      if (Array.isArray(expectedStatus)) expect(expectedStatus).toContain(result.status);
      else expect(result.status).toBe(expectedStatus);
      const leaked = JSON.stringify(result);
      expect(leaked).not.toContain(protocols[demand]);
      for (const secret of SECRETS) expect(leaked).not.toContain(secret);
    }
  });
});

describe('every read × every caller', () => {
  it.each(ACTORS)('lists, counts and opens only what %s may see', async (actorName) => {
    const actor = actorOf(actorName);
    const listed = new Set<string>();
    for (const queue of actor ? queuesFor(actor.role) : ['all' as const]) {
      const page = await listDemands({ actor, queue });
      for (const row of page.rows) listed.add(row.id);
      for (const row of page.rows) expect(Object.keys(row)).not.toEqual(expect.arrayContaining(['requesterName']));
    }
    const expectedVisible = DEMANDS.filter((d) => VIEWERS[d].includes(actorName)).map((d) => ids[d]);
    expect([...listed].filter((id) => Object.values(ids).includes(id)).sort()).toEqual([...expectedVisible].sort());
    const counts = await countQueues({ actor });
    if (!actor || actor.role === 'citizen' || actor.role === 'admin') expect(counts).toEqual({});

    for (const demand of DEMANDS) {
      // Everyone tries the logged reveal first; only the ombudsman's is taken.
      const reveal = await revealIdentity(actor, { demandId: ids[demand], reason: 'Conferência da matriz de autorização.' });
      expect(reveal.ok).toBe(actorName === 'ombudsman' && demand !== 'request' && VIEWERS[demand].includes(actorName));
      const page = await getDemandForStaff({ actor, protocol: protocols[demand] });
      if (!VIEWERS[demand].includes(actorName)) {
        expect(page).toBeNull();
        continue;
      }
      expect(page?.id).toBe(ids[demand]);
      const serialized = JSON.stringify(page);
      const protectedIdentity = demand !== 'request';
      if (protectedIdentity && actorName !== 'ombudsman') {
        for (const secret of SECRETS) expect(serialized).not.toContain(secret);
        expect(page?.requester.kind).toBe('pseudonym');
      }
    }
  });

  it('finds citizens only for the desks that file on their behalf', async () => {
    for (const actorName of ACTORS) {
      const found = await searchCitizens({ actor: actorOf(actorName), query: 'Cidadã Alfa' });
      const one = await getCitizen({ actor: actorOf(actorName), id: cast.citizenA.userId });
      const desk = actorName === 'attendant' || actorName === 'ombudsman';
      expect(found.map((c) => c.id)).toEqual(desk ? [cast.citizenA.userId] : []);
      expect(one?.id ?? null).toBe(desk ? cast.citizenA.userId : null);
    }
  });

  it('files on a citizen’s behalf only at the desks', async () => {
    const input = await balcaoInput();
    for (const actorName of ACTORS) {
      const result = await inRollback((db) => fileDemandOnBehalf(actorOf(actorName), { intake: input, channel: 'phone' }, { db }));
      expect(result.ok).toBe(actorName === 'attendant' || actorName === 'ombudsman');
    }
  });
});

describe('the citizen-side actions × the two citizens', () => {
  async function demandOfCitizenA(state: 'awaiting_citizen' | 'answered') {
    const filed = await fileBalcao({}, { requesterUserId: cast.citizenA.userId });
    if (state === 'awaiting_citizen') expectOk(await requestInformation(cast.attendant, { demandId: filed.id, body: 'Qual o número mais próximo?' }));
    else expectOk(await sendFinalAnswer(cast.attendant, { demandId: filed.id, body: 'Serviço executado pela equipe responsável.' }));
    return filed.id;
  }

  it.each([
    ['reply to the information request', 'awaiting_citizen', (demandId: string, citizenUserId: string) => replyToInformationRequest({ demandId, body: 'Número 455.', via: 'account', citizenUserId })],
    ['reopen', 'answered', (demandId: string, citizenUserId: string) => reopenDemand({ demandId, reason: 'Não foi resolvido ainda.', via: 'account', citizenUserId })],
    ['rate', 'answered', (demandId: string, citizenUserId: string) => rateDemand({ demandId, rating: 4, resolved: true, via: 'account', citizenUserId })],
    ['send a message', 'answered', (demandId: string, citizenUserId: string) => addCitizenMessage({ demandId, body: 'Obrigado pela resposta.', via: 'account', citizenUserId })],
  ] as const)('%s: citizen B is refused, citizen A is not', async (_name, state, act) => {
    const demandId = await demandOfCitizenA(state);
    const db = await getDb();
    const before = await eventCount(db, demandId);
    expect(await act(demandId, cast.citizenB.userId)).toEqual({ ok: false, error: 'Manifestação não encontrada.' });
    expect(await eventCount(db, demandId)).toBe(before);
    expect(await act(demandId, cast.citizenA.userId)).toEqual({ ok: true });
  });
});

describe('a department user’s page', () => {
  it('never carries a protected identity into the rendered HTML', async () => {
    // The citizen's own words and events are on the page; their name, e-mail, phone and CPF are not.
    expectOk(await postPublicReply(cast.saude, { demandId: ids.complaint, body: 'A UBS foi orientada sobre o atendimento.' }));
    expect(await addCitizenMessage({ demandId: ids.complaint, body: 'Continuo esperando.', via: 'account', citizenUserId: cast.citizenA.userId })).toEqual({ ok: true });
    expect(await revealIdentity(cast.saude, { demandId: ids.complaint, reason: 'Tentativa de ver a identidade.' })).toMatchObject({ ok: false });
    const page = await getDemandForStaff({ actor: cast.saude, protocol: protocols.complaint });
    if (!page) throw new Error('Saúde should see its own demand');
    const html = renderToStaticMarkup(createElement(DemandDetail, { demand: page, now: new Date(), revealIdentityForm: null }));
    expect(html).toContain(protocols.complaint);
    expect(html).toContain(page.requester.kind === 'pseudonym' ? page.requester.pseudonym : 'pseudonym expected');
    for (const secret of [...SECRETS, 'Cidadã Alfa', cast.citizenA.email]) expect(html).not.toContain(secret);

    const db = await getDb();
    const [row] = await db.select().from(demands).where(eq(demands.id, ids.complaint));
    expect(row?.requesterName).toBe('Maria da Silva');
  });
});
