import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newContext, openMailLinks, signIn } from './harness';

/**
 * Every link in the e-mails a demand sends opens for the one who receives it, over HTTP against
 * `next start`: the citizen's receipt opens the status page, and the ombudsman's "new demand" e-mail opens
 * the demand in the workspace (it linked to `/painel/demandas/<id>`, a 404: the page takes the protocol).
 */

const baseUrl = inject('e2eBaseUrl');
const citizenEmail = `links.${Date.now()}@exemplo.com.br`;
const DELIVERY_TIMEOUT_MS = 60_000;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The links of the e-mail to `recipient` whose subject matches, as paths on the app under test. */
async function linksOfEmail(page: Page, recipient: string, subject: RegExp): Promise<string[]> {
  const links = await openMailLinks(page, recipient, subject, DELIVERY_TIMEOUT_MS);
  expect(links.length).toBeGreaterThan(0);
  // Links carry APP_URL's address; the recipient's browser follows them on the app under test.
  return links.map((link) => new URL(link).pathname + new URL(link).search);
}

describe('links in the e-mails of a new demand', () => {
  it('open the status page for the citizen and the demand for the signed-in ombudsman', async () => {
    const citizen = await (await newContext(browser, baseUrl)).newPage();
    await citizen.goto('/ouvidoria/nova?tipo=sugestao');
    await citizen.getByLabel('Assunto').fill('Bebedouro no parque');
    await citizen.getByLabel('Descrição').fill('Sugiro instalar um bebedouro perto da pista de caminhada do parque municipal.');
    await citizen.getByLabel('Identificada', { exact: true }).check();
    await citizen.getByLabel('Nome completo').fill('Lia Caminhante');
    await citizen.getByLabel('E-mail').fill(citizenEmail);
    await citizen.getByRole('button', { name: 'Enviar manifestação' }).click();
    await citizen.getByRole('heading', { name: 'Manifestação registrada' }).waitFor();
    const protocol = (await citizen.getByTestId('protocolo').textContent())?.trim() ?? '';

    for (const link of await linksOfEmail(citizen, citizenEmail, new RegExp(protocol))) {
      const response = await citizen.goto(link);
      expect(response?.status(), link).toBe(200);
      await citizen.getByRole('heading', { level: 1, name: `Protocolo ${protocol}` }).waitFor();
    }

    const staffContext = await newContext(browser, baseUrl);
    await signIn(staffContext, baseUrl, 'ouvidor@demo.example.org');
    const ombudsman = await staffContext.newPage();
    const staffLinks = await linksOfEmail(ombudsman, 'ouvidor@demo.example.org', new RegExp(`Nova demanda na fila: ${protocol}`));
    expect(staffLinks).toContain(`/painel/demandas/${protocol}`);
    for (const link of staffLinks) {
      const response = await ombudsman.goto(link);
      expect(response?.status(), link).toBe(200);
      await ombudsman.getByRole('heading', { level: 1, name: `Protocolo ${protocol}` }).waitFor();
    }
    await staffContext.close();
    await citizen.context().close();
  });
});
