import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { inspect } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idleState, type FormState } from '@/lib/actions/form-state';
import { getDb } from '@/lib/db/client';
import { fileOuvidoriaDemand } from '@/app/(ouvidoria)/ouvidoria/actions';
import type { IntakeReceipt } from '@/components/demand/receipt';
import { fileDemand } from '@/lib/demands/intake';
import { ouvidoriaInput } from '../factories';
import { takeServerLog } from '../support/server-log';

/**
 * Threat: a database failure during intake writes the confidential denunciante's identity to the server
 * log. Drizzle puts every query parameter into its error message; Next.js logs what a server action
 * throws with `console.error`, which prints the message, the properties and the cause. The database is
 * made to fail (a trigger refusing the insert, as a full disk or a constraint would) and the log is read.
 */
vi.mock('@/lib/auth/auth', () => ({ auth: async () => null }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ [SOCKET_ADDRESS_HEADER]: '203.0.113.41' }) }));

const identity = {
  name: 'Joana Denunciante Sigilosa',
  email: 'joana.sigilosa@exemplo.org',
  cpf: '529.982.247-25',
  phone: '(14) 99123-4567',
};
/** Every spelling of the identity a log line could hold (the CPF and phone are stored as digits). */
const traces = [identity.name, identity.email, '52998224725', identity.cpf, '14991234567', '991234567'];

function post(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

/**
 * Runs the public form's action, capturing every console line. The action answers a failed intake with a
 * "not registered" form; should anything throw, Next.js logs it the way `console.error` prints it.
 */
async function runActionAsNextDoes(formData: FormData): Promise<{ log: string; threw: boolean; state?: FormState<IntakeReceipt> }> {
  const lines: string[] = [];
  const capture = (...args: unknown[]) => lines.push(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 10, showHidden: true }))).join(' '));
  const spies = (['error', 'warn', 'log', 'info'] as const).map((level) => vi.spyOn(console, level).mockImplementation(capture));
  let threw = false;
  let state: FormState<IntakeReceipt> | undefined;
  try {
    state = await fileOuvidoriaDemand(idleState as FormState<IntakeReceipt>, formData);
  } catch (error) {
    threw = true;
    console.error('⨯', error);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  // The server's JSON log (lib/log.ts) as well as the console: both end up in the operator's log file.
  return { log: [...lines, takeServerLog()].join('\n'), threw, state };
}

/** The intake's own error, printed as any caller that logs it would print it. */
async function intakeErrorAsLogged(input: Record<string, unknown>): Promise<string> {
  try {
    await fileDemand(input, { channel: 'web' });
  } catch (error) {
    return inspect(error, { depth: 10, showHidden: true });
  }
  throw new Error('The intake did not fail');
}

describe('identity of a confidential denunciante in the server log', () => {
  beforeEach(async () => {
    const db = await getDb();
    await db.execute(sql.raw(`create or replace function refuse_demand_insert() returns trigger language plpgsql as $$
      begin raise exception 'disk full (simulated)'; end $$`));
    await db.execute(sql.raw('create trigger refuse_demand_insert before insert on demands for each row execute function refuse_demand_insert()'));
  });
  afterEach(async () => {
    const db = await getDb();
    await db.execute(sql.raw('drop trigger if exists refuse_demand_insert on demands'));
    await db.execute(sql.raw('drop function if exists refuse_demand_insert()'));
  });

  it('a failed confidential denúncia logs the failure but not the name, e-mail, CPF or phone', async () => {
    const input = ouvidoriaInput({ kind: 'denunciation', identity: 'confidential', ...identity });
    const { log, threw, state } = await runActionAsNextDoes(post(Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'service').map(([k, v]) => [k, String(v)]))));

    expect(threw).toBe(false);
    expect(state?.status).toBe('error');
    // The failure itself is still there for the operator: what kind of error, on which table.
    expect(log).toMatch(/P0001/);
    for (const trace of traces) expect(log).not.toContain(trace);
  });

  it('the database error itself carries no identity, whoever logs it (worker, route handler, script)', async () => {
    const logged = await intakeErrorAsLogged(ouvidoriaInput({ kind: 'denunciation', identity: 'confidential', ...identity }));

    expect(logged).toMatch(/P0001/);
    for (const trace of traces) expect(logged).not.toContain(trace);
  });

  it('the description the denunciante wrote does not reach the log either', async () => {
    const description = 'O servidor Fulano de Tal recebe propina na garagem municipal toda sexta-feira.';
    const input = ouvidoriaInput({ kind: 'denunciation', identity: 'confidential', ...identity, description });
    const { log } = await runActionAsNextDoes(post(Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'service').map(([k, v]) => [k, String(v)]))));

    expect(log).not.toContain('propina');
    expect(await intakeErrorAsLogged(input)).not.toContain('propina');
  });
});
