import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { isRedirectError } from 'next/dist/client/components/redirect-error';
import { getURLFromRedirectError } from 'next/dist/client/components/redirect';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { idleState, SUBMISSION_KEY_FIELD } from '@/lib/actions/form-state';
import { keptReceipt, RECEIPT_COOKIE, RECEIPT_KEPT_SECONDS, RECEIPT_PATH } from '@/lib/channels/web-receipt';
import { getDb } from '@/lib/db/client';
import { demands } from '@/lib/db/schema';
import { issueSubmissionKey, SUBMISSION_KEY_LIFETIME_MS } from '@/lib/demands/submission-key';
import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { fileOuvidoriaDemand } from '@/app/(ouvidoria)/ouvidoria/actions';
import { fileBalcaoRequest } from '@/app/(balcao)/balcao/actions';
import { balcaoInput, ouvidoriaInput } from '../factories';

/**
 * The answer to a public form posted by a browser without JavaScript: once filed, a redirect (303) to the
 * receipt page, whose address carries nothing (the access code of an anonymous demand opens it, and even
 * the protocol would tie an access log line to it); the receipt is found by a short-lived HttpOnly cookie
 * holding the form's signed submission key. With JavaScript the action answers as before. The request
 * (its headers and cookie jar) is what Next would hand the action; the database is real.
 */
const request = vi.hoisted(() => ({
  headers: new Headers(),
  jar: new Map<string, { value: string; options: Record<string, unknown> }>(),
}));
vi.mock('@/lib/auth/auth', () => ({ auth: async () => null }));
vi.mock('next/headers', () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: (name: string) => {
      const cookie = request.jar.get(name);
      return cookie ? { name, value: cookie.value } : undefined;
    },
    set: (name: string, value: string, options: Record<string, unknown>) => void request.jar.set(name, { value, options }),
  }),
}));

let dataDir: string;
const savedDataDir = process.env.DATA_DIR;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-no-js-receipt-'));
  process.env.DATA_DIR = dataDir;
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  request.jar.clear();
  withoutJavaScript();
});

/** A browser's own form post: multipart, no Next-Action header. */
function withoutJavaScript() {
  request.headers = new Headers({ [SOCKET_ADDRESS_HEADER]: '198.51.100.41', 'content-type': 'multipart/form-data; boundary=----x' });
}
/** React posting the action: the same body, with the action's id in `Next-Action`. */
function withJavaScript() {
  request.headers = new Headers({ [SOCKET_ADDRESS_HEADER]: '198.51.100.41', 'content-type': 'multipart/form-data; boundary=----x', 'next-action': '60f8c07b', accept: 'text/x-component' });
}

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

/** Where the action redirected to, or a failure if it answered otherwise. */
async function redirectOf(answer: Promise<unknown>): Promise<string> {
  try {
    const state = await answer;
    throw new Error(`expected a redirect, got ${JSON.stringify(state)}`);
  } catch (error) {
    if (!isRedirectError(error)) throw error;
    return getURLFromRedirectError(error);
  }
}

async function demandCount() {
  const [row] = await (await getDb()).select({ n: count() }).from(demands);
  return row?.n ?? 0;
}

describe('a public form posted without JavaScript', () => {
  it('answers a filed anonymous manifestação with a redirect to a receipt page that shows its protocol and access code, with nothing in the address', async () => {
    const before = await demandCount();
    const key = issueSubmissionKey();
    const location = await redirectOf(fileOuvidoriaDemand(idleState, post(ouvidoriaInput({ identity: 'anonymous', name: '', email: '' }), key)));

    expect(location).toBe(RECEIPT_PATH);
    expect(await demandCount()).toBe(before + 1);
    expect(request.jar.get(RECEIPT_COOKIE)).toEqual({
      value: key,
      options: { path: RECEIPT_PATH, maxAge: RECEIPT_KEPT_SECONDS, httpOnly: true, sameSite: 'lax', secure: false },
    });

    const kept = await keptReceipt();
    expect(kept).toMatchObject({ newHref: '/ouvidoria/nova', receipt: { service: 'ouvidoria', anonymous: true, trackWith: 'access_code' } });
    expect(kept?.receipt.protocol).toMatch(/^\d{4}-\d{6}-\d$/);
    expect(kept?.receipt.accessCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(location).not.toContain(kept?.receipt.accessCode);
    expect(location).not.toContain(kept?.receipt.protocol);

    // Reloading the receipt page shows it again; posting the same form again files nothing new.
    expect(await keptReceipt()).toEqual(kept);
    expect(await redirectOf(fileOuvidoriaDemand(idleState, post(ouvidoriaInput({ identity: 'anonymous', name: '', email: '' }), key)))).toBe(RECEIPT_PATH);
    expect(await demandCount()).toBe(before + 1);
    expect(await keptReceipt()).toEqual(kept);
  });

  it('answers a filed Balcão request the same way, its receipt naming the service', async () => {
    const input = await balcaoInput();
    expect(await redirectOf(fileBalcaoRequest(idleState, post(input, issueSubmissionKey())))).toBe(RECEIPT_PATH);
    const kept = await keptReceipt();
    expect(kept).toMatchObject({ newHref: '/balcao', receipt: { service: 'balcao', anonymous: false, what: expect.any(String) } });
    expect(kept?.receipt.departmentName).toBeTruthy();
    expect(kept?.receipt.accessCode).toBeUndefined();
  });

  it('gives the form back with what was typed and the errors in Portuguese when nothing was filed', async () => {
    const before = await demandCount();
    const state = await fileOuvidoriaDemand(idleState, post(ouvidoriaInput({ subject: 'Buraco', description: 'curta' }), issueSubmissionKey()));
    expect(state).toMatchObject({ status: 'error', message: 'Confira os campos destacados.', values: { subject: 'Buraco', description: 'curta' }, fieldErrors: { description: [expect.any(String)] } });
    expect(request.jar.size).toBe(0);
    expect(await demandCount()).toBe(before);
  });

  it('shows no receipt to a browser without the cookie, with a forged or an expired key', async () => {
    expect(await keptReceipt()).toBeUndefined();
    const key = issueSubmissionKey();
    await redirectOf(fileOuvidoriaDemand(idleState, post(ouvidoriaInput(), key)));
    const [random, issued, signature] = key.split('.');
    request.jar.set(RECEIPT_COOKIE, { value: `${random}.${issued}.${signature?.slice(1)}A`, options: {} });
    expect(await keptReceipt()).toBeUndefined();
    // A key never used to file: valid signature, no demand.
    request.jar.set(RECEIPT_COOKIE, { value: issueSubmissionKey(), options: {} });
    expect(await keptReceipt()).toBeUndefined();
    // The receipt of a key past its lifetime is gone too (its row is removed with the next filing).
    const old = issueSubmissionKey(new Date(Date.now() - SUBMISSION_KEY_LIFETIME_MS - 1000));
    request.jar.set(RECEIPT_COOKIE, { value: old, options: {} });
    expect(await keptReceipt()).toBeUndefined();
  });
});

describe('the same form posted with JavaScript', () => {
  it('answers with the receipt in the action state, as before, and sets no cookie', async () => {
    withJavaScript();
    const state = await fileOuvidoriaDemand(idleState, post(ouvidoriaInput({ identity: 'anonymous', name: '', email: '' }), issueSubmissionKey()));
    expect(state).toMatchObject({ status: 'success', result: { service: 'ouvidoria', anonymous: true, accessCode: expect.stringMatching(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/) } });
    expect(request.jar.size).toBe(0);
  });
});
