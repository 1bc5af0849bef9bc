import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { idleState, SUBMISSION_KEY_FIELD, type FormState } from '@/lib/actions/form-state';
import { issueSubmissionKey } from '@/lib/demands/submission-key';
import { startWorker } from '@/lib/delivery/worker';
import { OUTBOX_SENDERS } from '@/lib/delivery/senders';
import { componentLog, logger } from '@/lib/log';
import { fileOuvidoriaDemand } from '@/app/(ouvidoria)/ouvidoria/actions';
import type { IntakeReceipt } from '@/components/demand/receipt';
import { ouvidoriaInput } from '../factories';
import { parseServerLog, takeServerLog } from '../support/server-log';

/**
 * Threat: the server log (kept for months, read by IT staff and shipped to log services) holds who filed
 * a confidential denúncia and what it says. A denúncia goes through the real path — the public form's
 * action, the intake, the outbox worker delivering its e-mails (one provider failure included) — with
 * every level logged, and the log is searched for each piece of the identity and the text.
 */
vi.mock('@/lib/auth/auth', () => ({ auth: async () => null }));
const REQUEST_ID = 'req-denuncia-sigilosa-0001';
vi.mock('next/headers', () => ({ headers: async () => new Headers({ [SOCKET_ADDRESS_HEADER]: '203.0.113.58', 'x-request-id': 'req-denuncia-sigilosa-0001' }) }));

const identity = {
  name: 'Eulália Testemunha Reservadíssima',
  email: 'eulalia.reservadissima@exemplo.org',
  phone: '(14) 99654-3210',
  cpf: '390.533.447-05',
};
const description = 'O fiscal Zebedeu Quintanilha cobra pedágio dos feirantes no pátio do mercado municipal.';
const traces = [identity.name, 'Eulália', identity.email, 'eulalia.reservadissima', identity.phone, '14996543210', '996543210', identity.cpf, '39053344705', 'Zebedeu', 'Quintanilha', 'pedágio'];

function post(fields: Record<string, unknown>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) if (name !== 'service' && value !== undefined) data.append(name, String(value));
  data.append(SUBMISSION_KEY_FIELD, issueSubmissionKey());
  return data;
}

let previousLevel: string;
beforeAll(() => {
  previousLevel = logger().level;
  logger().level = 'trace';
});
afterAll(() => {
  logger().level = previousLevel;
});

describe('personal data in the server log', () => {
  it('a confidential denúncia filed and delivered leaves its protocol and request id in the log, and nothing of the person or the text', async () => {
    takeServerLog();
    const input = ouvidoriaInput({ kind: 'denunciation', identity: 'confidential', subject: 'Cobrança indevida na feira', description, notifyByWhatsapp: 'on', ...identity });
    const state = (await fileOuvidoriaDemand(idleState as FormState<IntakeReceipt>, post(input))) as FormState<IntakeReceipt>;
    if (state.status !== 'success') throw new Error(`not filed: ${JSON.stringify(state)}`);
    const { protocol, accessCode } = state.result;

    // The first attempt at each e-mail fails the way a provider answers (quoting the address), then it goes.
    const failedOnce = new Set<string>();
    const sendEmail = OUTBOX_SENDERS.email;
    if (!sendEmail) throw new Error('no e-mail sender');
    const worker = startWorker({
      workerId: 'log-test-worker',
      config: { pollMs: 20, backoffBaseMs: 10, backoffMaxMs: 20 },
      senders: {
        email: async (message) => {
          if (!failedOnce.has(message.id)) {
            failedOnce.add(message.id);
            throw new Error(`422 invalid recipient ${message.recipient}`);
          }
          return sendEmail(message);
        },
      },
    });
    await vi.waitFor(() => expect(failedOnce.size).toBeGreaterThan(0), { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await worker.stop();

    const log = takeServerLog();
    const lines = parseServerLog(log);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.find((line) => line.msg === 'demand filed')).toMatchObject({ protocol, requestId: REQUEST_ID, channel: 'web' });
    expect(lines.some((line) => line.component === 'worker' && line.workerId === 'log-test-worker')).toBe(true);
    for (const trace of traces) expect(log).not.toContain(trace);
    if (accessCode) expect(log).not.toContain(accessCode);
  });

  it('a call site that slipped and passed a person’s fields is redacted by the logger itself', () => {
    takeServerLog();
    componentLog('test').warn({ email: identity.email, requester: { name: identity.name, cpf: identity.cpf, phone: identity.phone }, description, accessCode: 'ABCD-1234' }, 'careless line');
    const log = takeServerLog();
    expect(log).toContain('careless line');
    for (const trace of [...traces, 'ABCD-1234']) expect(log).not.toContain(trace);
  });
});
