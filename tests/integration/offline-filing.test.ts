import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db/client';
import { demands } from '@/lib/db/schema';
import { issueSubmissionKey } from '@/lib/demands/submission-key';
import { GET, POST } from '@/app/api/envio-guardado/route';

/**
 * A form the phone kept offline (lib/offline/saved-filings.ts) reaches the intake through
 * /api/envio-guardado: the page and the service worker may both send it when the connection returns, and
 * a send whose answer was lost is sent again, so the same idempotency key must file one demand, whose
 * receipt every send gets. Only this site's pages may post (a session decides whose account it joins).
 */

vi.mock('@/lib/auth/auth', () => ({ auth: async () => null }));

let dataDir: string;
const savedDataDir = process.env.DATA_DIR;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-offline-filing-'));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const SITE = 'https://ouvidoria.botucatu.sp.gov.br';

function savedForm(key: string, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  const values = {
    service: 'ouvidoria',
    idempotencyKey: key,
    kind: 'complaint',
    subject: 'Poste apagado na Rua Amando de Barros',
    description: 'O poste em frente ao número 900 está apagado há duas semanas; a rua fica escura.',
    identity: 'anonymous',
    ...fields,
  };
  for (const [name, value] of Object.entries(values)) form.append(name, value);
  return form;
}

function send(form: FormData, origin: string | null = SITE): Promise<Response> {
  const headers: Record<string, string> = { host: new URL(SITE).host, 'x-ouvidoria-socket-address': '198.51.100.40' };
  if (origin) headers.origin = origin;
  return POST(new Request(`${SITE}/api/envio-guardado`, { method: 'POST', body: form, headers }));
}

async function demandsWithProtocol(protocol: string): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(demands).where(eq(demands.protocol, protocol));
  return row?.n ?? 0;
}

async function totalDemands(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(demands);
  return row?.n ?? 0;
}

type Filed = { status: 'filed'; receipt: { protocol: string; accessCode?: string } };

describe('filing a form kept offline', () => {
  it('files once however many times, and at once, the same saved form is sent; every send gets the same receipt', async () => {
    const key = issueSubmissionKey();
    const before = await totalDemands();
    const first = await send(savedForm(key));
    expect(first.status).toBe(200);
    const filed = (await first.json()) as Filed;
    expect(filed.status).toBe('filed');
    expect(filed.receipt.protocol).toMatch(/^\d{4}-\d{6}-\d$/);
    expect(filed.receipt.accessCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);

    const replays = (await Promise.all([send(savedForm(key)), send(savedForm(key)), send(savedForm(key))].map(async (response) => (await response).json()))) as Filed[];
    expect(replays.map((replay) => replay.receipt.protocol)).toEqual([filed.receipt.protocol, filed.receipt.protocol, filed.receipt.protocol]);
    // The anonymous filer who never saw the first answer still gets the access code.
    expect(replays.map((replay) => replay.receipt.accessCode)).toEqual([filed.receipt.accessCode, filed.receipt.accessCode, filed.receipt.accessCode]);
    expect(await demandsWithProtocol(filed.receipt.protocol)).toBe(1);
    expect(await totalDemands()).toBe(before + 1);
  });

  it('files two saved forms with two keys from the key endpoint as two demands', async () => {
    const keys = await Promise.all([GET(), GET()].map(async (response) => ((await response.json()) as { key: string }).key));
    expect(new Set(keys).size).toBe(2);
    const protocols = await Promise.all(keys.map(async (key) => ((await (await send(savedForm(key))).json()) as Filed).receipt.protocol));
    expect(new Set(protocols).size).toBe(2);
  });

  it('answers what to fix, in Portuguese and with what was typed, when the saved form is invalid — and files nothing', async () => {
    const before = await totalDemands();
    const response = await send(savedForm(issueSubmissionKey(), { description: 'curta' }));
    expect(response.status).toBe(422);
    const body = (await response.json()) as { status: string; fieldErrors: Record<string, string[]>; values: Record<string, string> };
    expect(body.status).toBe('invalid');
    expect(body.fieldErrors.description?.join(' ')).toMatch(/[Dd]escri|caracteres/);
    expect(body.values.subject).toBe('Poste apagado na Rua Amando de Barros');
    expect(await totalDemands()).toBe(before);
  });

  it('refuses posts from another site or without an Origin, filing nothing', async () => {
    const before = await totalDemands();
    expect((await send(savedForm(issueSubmissionKey()), 'https://golpe.example')).status).toBe(403);
    expect((await send(savedForm(issueSubmissionKey()), null)).status).toBe(403);
    expect(await totalDemands()).toBe(before);
  });
});
