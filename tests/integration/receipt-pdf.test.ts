import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IntakeReceipt } from '@/components/demand/receipt';
import { FILES_KEPT_FIELD, idleState, SUBMISSION_KEY_FIELD, type FormState } from '@/lib/actions/form-state';
import { issueSubmissionKey } from '@/lib/demands/submission-key';
import { formatDate } from '@/lib/domain/labels';
import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { fileOuvidoriaDemand } from '@/app/(ouvidoria)/ouvidoria/actions';
import { fileBalcaoRequest, type BalcaoFormState } from '@/app/(balcao)/balcao/actions';
import { POST as receiptPdfRoute } from '@/app/(public)/recibo/pdf/route';
import { balcaoInput, ouvidoriaInput } from '../factories';
import { fileOf, pdfDocument, pngImage } from '../support/files';
import { pdfText } from '../support/pdf-text';

/**
 * The receipt a citizen keeps: the PDF posted from the receipt with the form's signed key repeats the
 * protocol, the access code (opened from its seal, as the receipt does), the deadline, what was filed
 * and the names of the files received. The actions run as React posts them (JavaScript on); the
 * database is real.
 */
vi.mock('@/lib/auth/auth', () => ({ auth: async () => null }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ [SOCKET_ADDRESS_HEADER]: '198.51.100.52', 'content-type': 'multipart/form-data; boundary=----x', 'next-action': '60f8c07b' }),
  cookies: async () => ({ get: () => undefined, set: () => undefined }),
}));

let dataDir: string;
const savedDataDir = process.env.DATA_DIR;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-receipt-pdf-'));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => vi.clearAllMocks());

function post(fields: Record<string, unknown>, key: string, files: File[] = []): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'service' || value === undefined) continue;
    if (value && typeof value === 'object') {
      for (const [inner, innerValue] of Object.entries(value)) data.append(`${name}.${inner}`, String(innerValue));
    } else data.append(name, String(value));
  }
  data.append(SUBMISSION_KEY_FIELD, key);
  for (const file of files) data.append('files', file);
  return data;
}

function receiptOf(state: FormState<IntakeReceipt> | BalcaoFormState): IntakeReceipt {
  if (state.status !== 'success') throw new Error(`Not filed: ${JSON.stringify(state)}`);
  return state.result;
}

async function downloadReceipt(key: string): Promise<Response> {
  const body = new FormData();
  body.append(SUBMISSION_KEY_FIELD, key);
  return receiptPdfRoute(new Request('http://localhost/recibo/pdf', { method: 'POST', body }));
}

describe('the receipt PDF', () => {
  it('carries the protocol, the access code, the deadline, what was filed and the files’ names', async () => {
    const key = issueSubmissionKey();
    const description = 'Calçada quebrada em frente à escola, as crianças passam pela rua.';
    const files = [fileOf('foto da calçada.png', await pngImage(), 'image/png'), fileOf('boletim.pdf', pdfDocument(), 'application/pdf')];
    const receipt = receiptOf(await fileOuvidoriaDemand(idleState, post(ouvidoriaInput({ identity: 'anonymous', name: '', email: '', description }), key, files)));
    expect(receipt.attachmentNames).toEqual(['foto da calçada.png', 'boletim.pdf']);
    expect(receipt.accessCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);

    const response = await downloadReceipt(key);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="recibo-${receipt.protocol}.pdf"`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = pdfText(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain(receipt.protocol);
    expect(text).toContain(receipt.accessCode);
    expect(text).toContain(`até ${formatDate(receipt.dueOn)}`);
    expect(text).toContain('2 arquivos recebidos:');
    expect(text).toContain('foto da calçada.png');
    expect(text).toContain('boletim.pdf');
    expect(text.replace(/\s+/g, ' ')).toContain(description);
  });

  it('for a Balcão request without files: no access code, the service and “no file sent”', async () => {
    const key = issueSubmissionKey();
    const receipt = receiptOf(await fileBalcaoRequest(idleState, post(await balcaoInput(), key)));
    const text = pdfText(new Uint8Array(await (await downloadReceipt(key)).arrayBuffer()));
    expect(text).toContain(receipt.protocol);
    expect(text).toContain(receipt.what);
    expect(text).toContain('Nenhum arquivo enviado.');
    expect(text).not.toContain('Código de acesso');
    expect(text).toContain('Recibo do pedido');
  });

  it('is refused, in Portuguese, for a forged key or a key that filed nothing', async () => {
    for (const key of ['forjada.assinatura', issueSubmissionKey()]) {
      const response = await downloadReceipt(key);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('Recibo indisponível');
    }
  });
});

describe('files in a form that comes back with errors', () => {
  it('are asked for again only when the browser could not keep them (no JavaScript)', async () => {
    const files = [fileOf('foto.png', await pngImage(), 'image/png')];
    const invalid = ouvidoriaInput({ description: 'curta' });
    const withoutScript = await fileOuvidoriaDemand(idleState, post(invalid, issueSubmissionKey(), files));
    expect(JSON.stringify(withoutScript)).toContain('escolha o arquivo de novo');
    const kept = post(invalid, issueSubmissionKey(), files);
    kept.append(FILES_KEPT_FIELD, '1');
    const withScript = await fileOuvidoriaDemand(idleState, kept);
    expect(withScript.status).toBe('error');
    expect(JSON.stringify(withScript)).not.toContain('escolha o arquivo de novo');
  });
});
