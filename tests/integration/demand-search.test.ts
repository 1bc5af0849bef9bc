import { beforeAll, describe, expect, it } from 'vitest';
import { listDemands, type QueuePage } from '@/lib/db/queries/demand-queues';
import type { SearchPlan } from '@/lib/db/queries/demand-search';
import { forwardDemand } from '@/lib/demands/triage';
import type { StaffActor } from '@/lib/demands/workflow';
import type { Queue, Sort } from '@/lib/domain/queues';
import { createUser, department, expectOk, fileBalcao, fileOuvidoria } from '../workspace-factories';

/**
 * A free-text search finds its page by walking the queue or by reading and sorting every match
 * (lib/db/queries/demand-search.ts). Whichever way, and wherever a walk gives up, a page holds the
 * demands that the queue lists in that place once the others are left out.
 */

const WORD = 'semáforo';
const KINDS = ['complaint', 'request', 'suggestion'] as const;

let ombudsman: StaffActor;
let infrastructure: StaffActor;
const matching = new Set<string>();

beforeAll(async () => {
  ombudsman = await createUser('ombudsman');
  infrastructure = await createUser('department', { departments: ['infraestrutura'] });
  const infra = await department('infraestrutura');
  // Few instants and days, so that demands tie on created_at and on due_on and the order's last column decides.
  const instant = (i: number) => new Date(Date.UTC(2026, 2, 2 + (i % 6), 13, 0, 0));
  for (let i = 0; i < 48; i++) {
    const filed = await fileOuvidoria(
      { kind: KINDS[i % KINDS.length], subject: `Pedido ${i}`, description: `O ${WORD} da esquina está apagado há ${i} dias.` },
      {},
      instant(i),
    );
    matching.add(filed.id);
    if (i % 4 !== 3) expectOk(await forwardDemand(ombudsman, { demandId: filed.id, departmentId: infra.id }));
  }
  for (let i = 0; i < 14; i++) {
    const filed = await fileBalcao({ description: `Buraco em frente ao ${WORD} número ${i}.` }, {}, instant(i + 1));
    matching.add(filed.id);
  }
  for (let i = 0; i < 20; i++) {
    const filed = await fileOuvidoria({ kind: KINDS[i % KINDS.length], subject: `Outro ${i}`, description: 'A calçada está quebrada.' }, {}, instant(i + 2));
    if (i % 2 === 0) expectOk(await forwardDemand(ombudsman, { demandId: filed.id, departmentId: infra.id }));
  }
});

/** The whole queue in its order, without the search: what each page of the search is cut from. */
async function wholeQueue(actor: StaffActor, queue: Queue, sort: Sort): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const listed = await listDemands({ actor, queue, sort, page });
    ids.push(...listed.rows.map((row) => row.id));
    if (!listed.hasNextPage) return ids;
  }
}

const PLANS: Record<string, SearchPlan | undefined> = {
  'as planned for the page': undefined,
  'walking the whole queue': { walkFromMatches: 0, walkLength: 10_000 },
  'walking a stretch too short for later pages': { walkFromMatches: 0, walkLength: 40 },
  'walking once a count finds enough matches': { walkFromMatches: 10, walkLength: 10_000 },
  'reading and sorting every match': { walkFromMatches: 1_000_000, walkLength: 0 },
};

const CASES: { actor: () => StaffActor; queue: Queue; sort: Sort }[] = [
  { actor: () => ombudsman, queue: 'all', sort: 'newest' },
  { actor: () => ombudsman, queue: 'all', sort: 'oldest' },
  { actor: () => ombudsman, queue: 'all', sort: 'deadline' },
  { actor: () => ombudsman, queue: 'triage', sort: 'deadline' },
  { actor: () => infrastructure, queue: 'department', sort: 'deadline' },
];

describe('a free-text search', () => {
  it.each(Object.keys(PLANS))('pages through the queue’s matches in its order, %s', async (planName) => {
    const searchPlan = PLANS[planName];
    for (const { actor, queue, sort } of CASES) {
      const expected = (await wholeQueue(actor(), queue, sort)).filter((id) => matching.has(id));
      expect(expected.length).toBeGreaterThan(0);
      const pages: QueuePage[] = [];
      for (let page = 1; page <= Math.ceil(expected.length / 25) + 1; page++) {
        pages.push(await listDemands({ actor: actor(), queue, sort, page, filters: { text: WORD }, searchPlan }));
      }
      pages.forEach((found, index) => {
        const context = `${queue}, ${sort}, page ${index + 1}`;
        expect(found.rows.map((row) => row.id), context).toEqual(expected.slice(index * 25, (index + 1) * 25));
        expect(found.hasNextPage, context).toBe(expected.length > (index + 1) * 25);
      });
    }
  });

  it('finds nothing for a word no demand has, whichever way', async () => {
    for (const searchPlan of Object.values(PLANS)) {
      const found = await listDemands({ actor: ombudsman, queue: 'all', filters: { text: 'paralelepípedo' }, searchPlan });
      expect(found).toEqual({ rows: [], page: 1, hasNextPage: false });
    }
  });
});
