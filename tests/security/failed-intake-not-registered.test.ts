import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { count, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { idleState, SUBMISSION_KEY_FIELD } from '@/lib/actions/form-state';
import { getDb } from '@/lib/db/client';
import { demands, protocolCounters } from '@/lib/db/schema';
import { issueSubmissionKey } from '@/lib/demands/submission-key';
import { municipality } from '@/lib/municipality';
import { fileOuvidoriaDemand } from '@/app/(ouvidoria)/ouvidoria/actions';
import { fileBalcaoRequest } from '@/app/(balcao)/balcao/actions';
import { balcaoInput, ouvidoriaInput } from '../factories';
import { parseServerLog, takeServerLog } from '../support/server-log';

/**
 * Threat: a database failure during intake shows a bare "Internal Server Error" and throws away what the
 * citizen typed, who cannot tell whether the demand was taken. The form must come back with everything
 * typed, say plainly that the demand was NOT registered and what to do (try again, or call), and log
 * nothing that identifies the requester. The failure here is real: the table the intake writes its first
 * event to is missing from this test file's own database while the form is posted.
 */

vi.mock('@/lib/auth/auth', () => ({ auth: async () => null }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ [SOCKET_ADDRESS_HEADER]: '198.51.100.31' }) }));

async function withEventsTableMissing<T>(run: () => Promise<T>): Promise<T> {
  const db = await getDb();
  await db.execute(sql`alter table demand_events rename to demand_events_away`);
  try {
    return await run();
  } finally {
    await db.execute(sql`alter table demand_events_away rename to demand_events`);
  }
}

function post(fields: Record<string, unknown>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'service' || value === undefined) continue;
    if (value && typeof value === 'object') {
      for (const [inner, innerValue] of Object.entries(value)) data.append(`${name}.${inner}`, String(innerValue));
    } else data.append(name, String(value));
  }
  data.append(SUBMISSION_KEY_FIELD, issueSubmissionKey());
  return data;
}

async function counts() {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(demands);
  return { demands: row?.n, counters: await db.select().from(protocolCounters) };
}


describe('a failed intake keeps what was typed and says the demand was not registered', () => {
  it('answers a confidential denúncia whose filing fails in the database with the form, the typed text and the phone numbers', async () => {
    const before = await counts();
    const form = post(ouvidoriaInput({ kind: 'denunciation', identity: 'confidential', name: 'Joana Sigilosa', cpf: '529.982.247-25', subject: 'Desvio de merenda' }));
    const state = await withEventsTableMissing(() => fileOuvidoriaDemand(idleState, form));
    const log = takeServerLog();

    if (state.status !== 'error') throw new Error(`expected the form back, got ${state.status}`);
    expect(state.message).toBe('Sua manifestação NÃO foi registrada.');
    const said = (state.fieldErrors.form ?? []).join(' ');
    expect(said).toMatch(/nenhum protocolo foi gerado/);
    expect(said).toContain(municipality.ouvidoria.phones[0]);
    expect(said).toContain(municipality.ouvidoria.hours.toLowerCase());
    expect(state.values).toMatchObject({ subject: 'Desvio de merenda', name: 'Joana Sigilosa', cpf: '529.982.247-25', kind: 'denunciation' });
    expect(state.values[SUBMISSION_KEY_FIELD]).toBe(form.get(SUBMISSION_KEY_FIELD));
    expect(await counts()).toEqual(before);

    expect(parseServerLog(log).filter((line) => line.level === 'error')).toHaveLength(1);
    expect(log).not.toMatch(/Joana|529\.982|52998224725|merenda/);
  });

  it('answers a Balcão request the same way, and the same form files once the database is back', async () => {
    const form = post(await balcaoInput({ description: 'Buraco enorme na esquina' }));
    const state = await withEventsTableMissing(() => fileBalcaoRequest(idleState, form));
    expect(takeServerLog()).toMatch(/web intake failed/);
    if (state.status !== 'error') throw new Error(`expected the form back, got ${state.status}`);
    expect(state.message).toBe('Seu pedido NÃO foi registrado.');
    expect((state.fieldErrors.form ?? []).join(' ')).toContain(municipality.balcao.phones[0]);
    expect(state.values.description).toBe('Buraco enorme na esquina');

    const retried = await fileBalcaoRequest(idleState, form);
    expect(retried.status).toBe('success');
  });
});
