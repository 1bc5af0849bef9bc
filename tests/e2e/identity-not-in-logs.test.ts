import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext } from './harness';

/**
 * Attacker journey, as it was reproduced: a NUL byte in the description of a confidential denúncia made
 * PostgreSQL refuse the insert, and the server logged the failed query with every parameter — the
 * denunciante's name, e-mail, CPF and phone. Now the form refuses the character, says what to fix and
 * keeps the text; and whatever the server log holds, the identity is not in it.
 */
const baseUrl = inject('e2eBaseUrl');
const serverLog = inject('e2eServerLog');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const identity = { name: 'Heloísa Denunciante Reservada', email: 'heloisa.reservada@exemplo.org', cpf: '111.444.777-35', phone: '(14) 99765-4321' };
const traces = [identity.name, identity.email, identity.cpf, '11144477735', '14997654321', '997654321'];

async function fillConfidentialDenunciation(page: Page) {
  await page.goto('/ouvidoria/nova?tipo=denuncia');
  await page.getByLabel('Assunto').fill('Desvio de material da obra');
  await page.getByLabel('Sigilosa', { exact: true }).check();
  await page.getByLabel('Nome completo').fill(identity.name);
  await page.getByLabel('E-mail').fill(identity.email);
  await page.getByLabel('Celular com DDD').fill(identity.phone);
  await page.getByLabel('CPF').fill(identity.cpf);
}

describe('identity of a confidential denunciante and the server log', () => {
  it('a NUL byte in the description is refused on the form, and the log never receives the identity', async () => {
    const page = await (await newContext(browser, baseUrl)).newPage();
    await fillConfidentialDenunciation(page);
    // What a paste from another program (or a crafted post) puts in the field.
    const description = 'Material da obra da escola sai à noite\u0000 num caminhão sem identificação, toda semana.';
    await page.getByLabel('Descrição').evaluate((element, value) => {
      (element as HTMLTextAreaElement).value = value;
    }, description);
    await page.getByRole('button', { name: 'Enviar manifestação' }).click();

    const summary = page.locator('#resumo-erros');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/caractere invisível/);
    // Nothing typed is lost: the text (as sent) and the identity are still in the form.
    expect(await page.getByLabel('Descrição').inputValue()).toContain('Material da obra da escola sai à noite');
    expect(await page.getByLabel('Nome completo').inputValue()).toBe(identity.name);
    await expectNoAxeViolations(page, 'form refusing a control character');
    await page.context().close();

    // The server's own log file (stdout and stderr of `next start`), read as an attacker with access to it would.
    expect(serverLog, 'the global setup started the app and knows its log file').not.toBe('');
    const logged = fs.readFileSync(serverLog, 'utf8');
    for (const trace of traces) expect(logged).not.toContain(trace);
    expect(logged).not.toMatch(/Failed query|DrizzleQueryError/);
  });
});
