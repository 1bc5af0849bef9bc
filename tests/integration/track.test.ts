import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { demandEvents, demands, departments, rateLimits } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { NOT_FOUND_MESSAGE, trackDemand, TRACKING_FAILURE_LIMIT, type TrackResult } from '@/lib/demands/track';
import { formatProtocol } from '@/lib/domain/protocol';
import { balcaoInput, ouvidoriaInput } from '../factories';

const filedAt = new Date('2026-05-04T13:00:00Z');
const later = new Date('2026-05-10T15:00:00Z');

async function file(input: Record<string, unknown>) {
  const result = await fileDemand(input, { channel: 'web' }, { now: filedAt });
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result.demand;
}

function track(protocol: string, secret: string, options: { address?: string; now?: Date } = {}): Promise<TrackResult> {
  return trackDemand({ protocol, secret }, { clientAddress: options.address ?? '198.51.100.7' }, { now: options.now ?? later });
}

function expectFound(result: TrackResult) {
  if (!result.ok) throw new Error(`expected the demand, got ${JSON.stringify(result)}`);
  return result.demand;
}

async function rateLimitRows() {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(rateLimits);
  return row?.n ?? 0;
}

/** A well-formed protocol, right check digit included, that names no demand. */
function unknownProtocol(offset = 0) {
  return formatProtocol(2026, 900_000 + offset);
}

describe('tracking a demand', () => {
  it('finds an anonymous demand with its access code, typed loosely, and shows the public view', async () => {
    const filed = await file(ouvidoriaInput({ identity: 'anonymous', kind: 'denunciation', subject: 'Carro oficial em uso particular' }));
    const code = filed.accessCode ?? '';
    const loose = code.toLowerCase().replace('-', ' ');
    const demand = expectFound(await track(filed.protocol.replaceAll('-', ''), loose));
    expect(demand).toMatchObject({
      protocol: filed.protocol,
      service: 'ouvidoria',
      kindLabel: 'Denúncia',
      stateLabel: 'Recebida',
      subject: 'Carro oficial em uso particular',
      dueOn: '2026-06-03',
      deadline: { daysLeft: 24, status: 'on_time', suspended: false },
      departmentName: null,
    });
    expect(demand.events.map((event) => event.label)).toEqual(['Registrada']);
  });

  it('finds an identified demand by the e-mail in any case, or by the mobile phone, and names the responsible secretaria', async () => {
    const filed = await file(await balcaoInput({ email: 'jose.santos@exemplo.com.br' }));
    const byEmail = expectFound(await track(filed.protocol, '  JOSE.Santos@Exemplo.com.br '));
    expect(byEmail).toMatchObject({ service: 'balcao', kindLabel: 'Solicitação de serviço', categoryName: 'Tapa-buraco', departmentName: 'Secretaria Municipal de Infraestrutura' });
    const byPhone = expectFound(await track(filed.protocol, '14 99123 4567'));
    expect(byPhone.protocol).toBe(filed.protocol);
  });

  it('never returns internal movements nor anything about the requester', async () => {
    const filed = await file(ouvidoriaInput({ identity: 'confidential', name: 'Maria Sigilosa', cpf: '529.982.247-25', phone: '(14) 99876-5432' }));
    const db = await getDb();
    const [infra] = await db.select().from(departments).where(eq(departments.slug, 'infraestrutura'));
    await db.update(demands).set({ state: 'forwarded', departmentId: infra?.id }).where(eq(demands.id, filed.id));
    await db.insert(demandEvents).values([
      { demandId: filed.id, type: 'note', stateAfter: 'received', actorLabel: 'Olavo Ouvidor', visibility: 'internal', body: 'Nota interna: conferir com a chefia.', createdAt: new Date('2026-05-05T12:00:00Z') },
      { demandId: filed.id, type: 'forwarded', stateAfter: 'forwarded', actorLabel: 'Ouvidoria', visibility: 'public', body: 'Encaminhada à Secretaria de Infraestrutura.', createdAt: new Date('2026-05-06T12:00:00Z') },
      { demandId: filed.id, type: 'forwarded', stateAfter: 'forwarded', actorLabel: 'Olavo Ouvidor', visibility: 'internal', body: 'Despacho interno para o setor de obras.', createdAt: new Date('2026-05-06T12:01:00Z') },
    ]);

    // A confidential demand opens with its access code only (never the requester's contact).
    const demand = expectFound(await track(filed.protocol, filed.accessCode ?? ''));
    expect(demand.stateLabel).toBe('Encaminhada');
    expect(demand.departmentName).toBe('Secretaria Municipal de Infraestrutura');
    expect(demand.events.map((event) => [event.label, event.body])).toEqual([
      ['Registrada', 'Registrada pelo canal Site.'],
      ['Encaminhada', 'Encaminhada à Secretaria de Infraestrutura.'],
    ]);
    const everything = JSON.stringify(demand);
    for (const secret of ['Nota interna', 'Despacho interno', 'Maria Sigilosa', 'maria@exemplo.com.br', '52998224725', '+5514998765432', 'Manifestante ']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('says how the deadline stands: overdue, and no deadline once answered', async () => {
    const filed = await file(ouvidoriaInput({ kind: 'information' }));
    const overdue = expectFound(await track(filed.protocol, 'maria@exemplo.com.br', { now: new Date('2026-05-27T15:00:00Z') }));
    expect(overdue.deadline).toEqual({ daysLeft: -3, status: 'overdue', suspended: false });
    const db = await getDb();
    await db.update(demands).set({ state: 'answered' }).where(eq(demands.id, filed.id));
    expect(expectFound(await track(filed.protocol, 'maria@exemplo.com.br')).deadline).toBeNull();
  });

  it('explains a malformed protocol and a wrong check digit apart, without touching the database', async () => {
    const filed = await file(ouvidoriaInput());
    const wrongDigit = `${filed.protocol.slice(0, -1)}${(Number(filed.protocol.slice(-1)) + 1) % 10}`;
    expect(await track(wrongDigit, 'maria@exemplo.com.br')).toEqual({
      ok: false,
      reason: 'invalid',
      fieldErrors: { protocol: ['O último dígito do protocolo não confere: algum número foi digitado errado. Confira o protocolo.'] },
    });
    expect(await track('2026-12', 'maria@exemplo.com.br')).toEqual({
      ok: false,
      reason: 'invalid',
      fieldErrors: { protocol: ['O protocolo tem o formato ano-número-dígito, como 2026-000123-8. Confira o número.'] },
    });
    expect(await trackDemand({ protocol: '', secret: '' }, { clientAddress: 'x' })).toMatchObject({
      ok: false,
      reason: 'invalid',
      fieldErrors: { protocol: ['Informe o número do protocolo.'], secret: [expect.stringContaining('código de acesso')] },
    });
    expect(await rateLimitRows()).toBe(0);
  });

  it('gives the same answer for an unknown protocol, a wrong code and a wrong e-mail', async () => {
    const anonymous = await file(ouvidoriaInput({ identity: 'anonymous' }));
    const identified = await file(ouvidoriaInput());
    const answers = await Promise.all([
      track(unknownProtocol(), 'maria@exemplo.com.br', { address: '192.0.2.1' }),
      track(anonymous.protocol, 'AAAAA-BBBBB', { address: '192.0.2.2' }),
      track(anonymous.protocol, 'maria@exemplo.com.br', { address: '192.0.2.3' }),
      track(identified.protocol, 'outra@exemplo.com.br', { address: '192.0.2.4' }),
      track(identified.protocol, identified.protocol, { address: '192.0.2.5' }),
    ]);
    for (const answer of answers) expect(answer).toEqual({ ok: false, reason: 'not_found', message: NOT_FOUND_MESSAGE });
  });
});

describe('throttling wrong tries', () => {
  const { limit, windowSeconds } = TRACKING_FAILURE_LIMIT;

  // Until issue 9 five wrong tries from anywhere locked the protocol for its owner too; now wrong tries
  // slow down only the address that makes them (tests/security/no-stranger-lockout.test.ts).
  it('slows down an address that keeps missing one protocol, and takes the right e-mail once the wait is over', async () => {
    const filed = await file(ouvidoriaInput());
    const waits: number[] = [];
    const wait = async (seconds: number) => {
      waits.push(seconds);
    };
    for (let attempt = 1; attempt < limit; attempt++) {
      await trackDemand({ protocol: filed.protocol, secret: `errado${attempt}@exemplo.com` }, { clientAddress: '203.0.113.1' }, { now: later, wait });
    }
    const result = await trackDemand({ protocol: filed.protocol, secret: 'maria@exemplo.com.br' }, { clientAddress: '203.0.113.1' }, { now: later, wait });
    expect(expectFound(result).protocol).toBe(filed.protocol);
    expect(waits).toEqual([0, 0, 0, 1, 2]);
    expect(windowSeconds).toBe(15 * 60);
  });

  it('blocks an address that tries many protocols, while others may still track theirs', async () => {
    const mine = await file(ouvidoriaInput());
    for (let attempt = 0; attempt < limit; attempt++) {
      await track(unknownProtocol(attempt), 'maria@exemplo.com.br', { address: '198.51.100.66' });
    }
    expect(await track(mine.protocol, 'maria@exemplo.com.br', { address: '198.51.100.66' })).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect(expectFound(await track(mine.protocol, 'maria@exemplo.com.br', { address: '198.51.100.67' })).protocol).toBe(mine.protocol);
  });

  it('does not count successful lookups', async () => {
    const filed = await file(ouvidoriaInput());
    for (let attempt = 0; attempt < limit - 1; attempt++) await track(filed.protocol, 'errado@exemplo.com');
    for (let lookup = 0; lookup < 5; lookup++) expectFound(await track(filed.protocol, 'maria@exemplo.com.br'));
    expect(await track(filed.protocol, 'errado@exemplo.com')).toMatchObject({ reason: 'not_found' });
    expect(await track(filed.protocol, 'maria@exemplo.com.br')).toMatchObject({ reason: 'rate_limited' });
  });
});
