import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IntakeReceipt } from '@/components/demand/receipt';
import { idleState, SUBMISSION_KEY_FIELD, type FormState } from '@/lib/actions/form-state';
import { getDb } from '@/lib/db/client';
import { demands, protocolCounters } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { fileDemandOnBehalf } from '@/lib/demands/staff-intake';
import { issueSubmissionKey, readSubmissionKey, SUBMISSION_KEY_LIFETIME_MS } from '@/lib/demands/submission-key';
import { trackDemand } from '@/lib/demands/track';
import { parseProtocol } from '@/lib/domain/protocol';
import { fileOuvidoriaDemand } from '@/app/(ouvidoria)/ouvidoria/actions';
import { fileBalcaoRequest, type BalcaoFormState } from '@/app/(balcao)/balcao/actions';
import { balcaoInput, ouvidoriaInput } from '../factories';
import { createUser } from '../workspace-factories';

/**
 * Threat: a lost response loses a demand. The server files the demand, the answer never reaches the
 * citizen (timeout, dropped connection, server restarted), and sending the form again filed a second one
 * — or, for an anonymous filer who never saw the access code, the first one is lost for good. Each
 * rendered form carries an idempotency key; posting it again must show the same protocol and receipt.
 */

vi.mock('@/lib/auth/auth', () => ({ auth: async () => null }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ [SOCKET_ADDRESS_HEADER]: '198.51.100.23' }) }));

let dataDir: string;
const savedDataDir = process.env.DATA_DIR;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-idempotency-'));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function post(fields: Record<string, unknown>, key?: string): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'service' || value === undefined) continue;
    if (value && typeof value === 'object') {
      for (const [inner, innerValue] of Object.entries(value)) data.append(`${name}.${inner}`, String(innerValue));
    } else data.append(name, String(value));
  }
  if (key) data.append(SUBMISSION_KEY_FIELD, key);
  return data;
}

function receiptOf(state: FormState<IntakeReceipt> | BalcaoFormState): IntakeReceipt {
  if (state.status !== 'success') throw new Error(`expected a receipt, got ${JSON.stringify(state)}`);
  return state.result;
}

async function demandCount() {
  const [row] = await (await getDb()).select({ n: count() }).from(demands);
  return row?.n ?? 0;
}

function validKey(key = issueSubmissionKey()) {
  const read = readSubmissionKey(key);
  if (read.status !== 'valid') throw new Error('a fresh key must be valid');
  return read.submission;
}

describe('lost response: posting the same form again', () => {
  it('returns the same protocol and receipt for an Ouvidoria form posted twice, and files one demand', async () => {
    const before = await demandCount();
    const key = issueSubmissionKey();
    const first = receiptOf(await fileOuvidoriaDemand(idleState, post(ouvidoriaInput({ subject: 'Posto sem médico' }), key)));
    const again = receiptOf(await fileOuvidoriaDemand(idleState, post(ouvidoriaInput({ subject: 'Posto sem médico' }), key)));
    expect(again).toEqual(first);
    expect(await demandCount()).toBe(before + 1);
  });

  it('returns the same Balcão receipt, even when the retry differs, and the next form files the next protocol without a gap', async () => {
    const key = issueSubmissionKey();
    const first = receiptOf(await fileBalcaoRequest(idleState, post(await balcaoInput(), key)));
    const again = receiptOf(await fileBalcaoRequest(idleState, post(await balcaoInput({ description: 'Mudei o texto depois' }), key)));
    expect(again).toEqual(first);

    // Another problem (the same text again would first be offered the open request: "Já pediram isto aqui perto").
    const next = receiptOf(await fileBalcaoRequest(idleState, post(await balcaoInput({ description: 'Calçada quebrada na esquina da praça, pedestres tropeçando.' }), issueSubmissionKey())));
    const [a, b] = [parseProtocol(first.protocol), parseProtocol(next.protocol)];
    if (!a.ok || !b.ok) throw new Error('protocols must parse');
    expect(b.sequence).toBe(a.sequence + 1);
  });

  it('files one demand when two posts with one key arrive at the same instant', async () => {
    const before = await demandCount();
    const submission = validKey();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => fileDemand(ouvidoriaInput({ subject: 'Clique duplo' }), { channel: 'web' }, { submission })),
    );
    const protocols = results.map((result) => (result.ok ? result.demand.protocol : 'refused'));
    expect(new Set(protocols).size).toBe(1);
    expect(protocols[0]).not.toBe('refused');
    expect(await demandCount()).toBe(before + 1);
    const db = await getDb();
    const year = Number(protocols[0]?.slice(0, 4));
    const [counter] = await db.select().from(protocolCounters).where(eq(protocolCounters.year, year));
    const [last] = await db.select({ n: count() }).from(demands).where(eq(demands.protocolYear, year));
    expect(counter?.lastSequence).toBe(last?.n);
  });

  it('shows an anonymous filer the access code again on the replayed receipt, and that code opens the demand', async () => {
    const key = issueSubmissionKey();
    const input = ouvidoriaInput({ identity: 'anonymous', name: '', email: '', phone: '', cpf: '' });
    const first = receiptOf(await fileOuvidoriaDemand(idleState, post(input, key)));
    expect(first.accessCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);

    // The first answer never arrived: the citizen sends the same form again.
    const again = receiptOf(await fileOuvidoriaDemand(idleState, post(input, key)));
    expect(again.protocol).toBe(first.protocol);
    expect(again.accessCode).toBe(first.accessCode);

    const tracked = await trackDemand({ protocol: again.protocol, secret: again.accessCode }, { clientAddress: '198.51.100.24' });
    expect(tracked.ok).toBe(true);
    const [row] = await (await getDb()).select({ hash: demands.accessCodeHash }).from(demands).where(eq(demands.protocol, first.protocol));
    expect(row?.hash).not.toContain(first.accessCode ?? '');
  });

  it('keeps keys per form render: another render files another demand', async () => {
    const before = await demandCount();
    const a = receiptOf(await fileOuvidoriaDemand(idleState, post(ouvidoriaInput(), issueSubmissionKey())));
    const b = receiptOf(await fileOuvidoriaDemand(idleState, post(ouvidoriaInput(), issueSubmissionKey())));
    expect(a.protocol).not.toBe(b.protocol);
    expect(await demandCount()).toBe(before + 2);
  });

  it('refuses an expired or forged key without filing, keeps what was typed and gives the form a fresh key', async () => {
    const before = await demandCount();
    const old = issueSubmissionKey(new Date(Date.now() - SUBMISSION_KEY_LIFETIME_MS - 60_000));
    const forged = `${'A'.repeat(24)}.${Math.floor(Date.now() / 1000).toString(36)}.${'B'.repeat(22)}`;
    for (const key of [old, forged]) {
      const state = await fileOuvidoriaDemand(idleState, post(ouvidoriaInput({ subject: 'Formulário antigo' }), key));
      if (state.status !== 'error') throw new Error(`expected a refusal, got ${state.status}`);
      expect(state.message).toMatch(/NÃO foi registrada/);
      expect(state.values.subject).toBe('Formulário antigo');
      const fresh = state.values[SUBMISSION_KEY_FIELD];
      expect(fresh).not.toBe(key);
      expect(readSubmissionKey(fresh).status).toBe('valid');
    }
    expect(await demandCount()).toBe(before);
  });

  it('returns the same demand to the counter when the staff intake form is posted twice', async () => {
    const attendant = await createUser('attendant');
    const before = await demandCount();
    const submission = validKey();
    const input = { intake: await balcaoInput({ identity: 'anonymous', name: '', email: '', phone: '', cpf: '' }), channel: 'in_person', submission };
    const first = await fileDemandOnBehalf(attendant, input);
    const again = await fileDemandOnBehalf(attendant, input);
    if (!first.ok || !again.ok) throw new Error('both posts must succeed');
    expect(again.demand.protocol).toBe(first.demand.protocol);
    expect(again.demand.accessCode).toBe(first.demand.accessCode);
    expect(await demandCount()).toBe(before + 1);
  });
});
