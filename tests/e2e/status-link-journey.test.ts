import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { jpegWithGps, pdfDocument } from '../support/files';
import { expectNoAxeViolations, launchBrowser, newContext, openDemandAction, signIn } from './harness';

/**
 * A citizen's whole conversation by e-mail, in Chromium, against the suite's app (embedded database, the
 * worker inside the web process, e-mails kept in the development mailbox): she files with a photo, the
 * receipt arrives, its link opens the status page, the ombudsman asks for more, she answers from the
 * e-mailed link with a file, the ombudsman answers, and she rates the answer.
 */

const baseUrl = inject('e2eBaseUrl');
const citizenEmail = `rita.${Date.now()}@exemplo.com.br`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The worker polls every second; delivery on a busy small machine may take a little longer. */
const DELIVERY_TIMEOUT_MS = 60_000;

/** Waits for the e-mail whose subject matches to reach the development mailbox, and opens its status link. */
async function openStatusLinkFromMailbox(page: Page, subject: RegExp): Promise<string> {
  const mailbox = `/dev/caixa-de-entrada?para=${encodeURIComponent(citizenEmail)}`;
  await page.goto(mailbox);
  await expect
    .poll(
      async () => {
        const found = await page.getByRole('link', { name: subject }).count();
        if (!found) await page.reload();
        return found;
      },
      { timeout: DELIVERY_TIMEOUT_MS, interval: 1_000 },
    )
    .toBe(1);
  await expectNoAxeViolations(page, 'development mailbox');
  await page.getByRole('link', { name: subject }).click();
  await page.getByRole('heading', { level: 1, name: subject }).waitFor();
  const link = page.getByRole('region', { name: 'Links desta mensagem' }).getByRole('link', { name: /\/situacao\// });
  const href = (await link.getAttribute('href')) ?? '';
  expect(new URL(href).pathname).toMatch(/^\/situacao\/[^/]+$/);
  // Links in e-mails carry APP_URL's address; the browser follows them on the app under test.
  await page.goto(new URL(href).pathname);
  return new URL(href).pathname;
}

/** The form under the action's title on the staff demand page, opened. */
describe('a citizen followed by e-mail', () => {
  it('files with a photo, answers a request for information from the e-mailed link with a file, and rates the answer', async () => {
    const citizen = await (await newContext(browser, baseUrl)).newPage();

    // She files a complaint with a photo.
    await citizen.goto('/ouvidoria/nova?tipo=reclamacao');
    await citizen.getByLabel('Assunto').fill('Lixo acumulado na praça');
    await citizen.getByLabel('Descrição').fill('O lixo da praça não é recolhido há duas semanas e já atrai ratos para perto da escola.');
    await citizen.getByLabel('Identificada', { exact: true }).check();
    await citizen.getByLabel('Nome completo').fill('Rita Moradora');
    await citizen.getByLabel('E-mail').fill(citizenEmail);
    await citizen.locator('input[type="file"][name="files"]').setInputFiles({ name: 'praca.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(await jpegWithGps()) });
    await citizen.getByRole('button', { name: 'Enviar manifestação' }).click();
    await citizen.getByRole('heading', { name: 'Manifestação registrada' }).waitFor();
    const protocol = (await citizen.getByTestId('protocolo').textContent())?.trim() ?? '';
    expect(protocol).toMatch(/^\d{4}-\d{6}-\d$/);

    // The receipt arrives, and its link opens the demand with no sign-in.
    const receiptLink = await openStatusLinkFromMailbox(citizen, new RegExp(`^Recebemos sua manifestação — protocolo ${protocol}$`));
    await citizen.getByRole('heading', { level: 1, name: `Protocolo ${protocol}` }).waitFor();
    await citizen.getByRole('link', { name: /praca\.jpg/ }).waitFor();
    // The file's address carries no token (it would leak through Referer and logs): the cookie that
    // opening the page left, for /api/anexos only, opens it.
    const fileHref = (await citizen.getByRole('link', { name: /praca\.jpg/ }).getAttribute('href')) ?? '';
    expect(fileHref).toMatch(/^\/api\/anexos\/[0-9a-f-]{36}$/);
    expect((await citizen.request.get(fileHref)).status()).toBe(200);
    await expectNoAxeViolations(citizen, 'status page');

    // The ombudsman asks for more.
    const staffContext = await newContext(browser, baseUrl);
    await signIn(staffContext, baseUrl, 'ouvidor@demo.example.org');
    const ombudsman = await staffContext.newPage();
    await ombudsman.goto(`/painel/demandas/${protocol}`);
    const request = await openDemandAction(ombudsman, 'Pedir complementação ao cidadão');
    await request.getByLabel('O que o cidadão precisa informar').fill('Envie, por favor, o endereço exato ou uma foto do ponto de coleta.');
    await request.getByRole('button', { name: 'Pedir complementação' }).click();
    await ombudsman.getByRole('status').filter({ hasText: 'o prazo está suspenso' }).waitFor();

    // She answers from the new e-mail's link, with a document.
    const requestLink = await openStatusLinkFromMailbox(citizen, new RegExp(`^Precisamos de mais informações — protocolo ${protocol}$`));
    expect(requestLink).not.toBe(receiptLink);
    await citizen.getByText('Envie, por favor, o endereço exato').first().waitFor();
    await expectNoAxeViolations(citizen, 'status page awaiting the citizen');
    await citizen.getByLabel('Sua resposta').fill('É na Praça Emílio Peduti, ao lado do ponto de ônibus. Segue o abaixo-assinado dos moradores.');
    await citizen.getByLabel('Anexos (opcional)').setInputFiles({ name: 'abaixo-assinado.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdfDocument()) });
    await citizen.getByRole('button', { name: 'Enviar complementação' }).click();
    await citizen.getByText('Sua complementação foi enviada. O prazo de resposta voltou a contar.').waitFor();

    // The ombudsman sees the reply and its file, and sends the final answer.
    await ombudsman.reload();
    await ombudsman.getByText('Complementação enviada pelo cidadão').first().waitFor();
    await ombudsman.getByRole('link', { name: /abaixo-assinado\.pdf/ }).waitFor();
    const answer = await openDemandAction(ombudsman, 'Resposta conclusiva');
    await answer.getByLabel('Resposta conclusiva ao cidadão').fill('A coleta na Praça Emílio Peduti foi incluída na rota diária a partir de segunda-feira.');
    await answer.getByRole('button', { name: 'Enviar resposta conclusiva' }).click();
    await ombudsman.getByRole('status').filter({ hasText: 'Resposta conclusiva enviada' }).waitFor();
    await staffContext.close();

    // The answer arrives; she reads it and rates it from the link.
    await openStatusLinkFromMailbox(citizen, new RegExp(`^Resposta à sua manifestação ${protocol}$`));
    await citizen.getByText('incluída na rota diária').first().waitFor();
    const rating = citizen.getByRole('group', { name: 'Como você avalia o atendimento?' });
    await rating.getByLabel('4 — Satisfeito').check();
    await citizen.getByRole('group', { name: 'O seu problema foi resolvido?' }).getByLabel('Sim').check();
    await expectNoAxeViolations(citizen, 'status page with the answer');
    await citizen.getByRole('button', { name: 'Enviar avaliação' }).click();
    await citizen.getByText('Obrigado pela avaliação! Ela ajuda a Prefeitura a melhorar o atendimento.').waitFor();
    expect(await citizen.getByRole('button', { name: 'Enviar avaliação' }).count()).toBe(0);
    await citizen.context().close();
  });
});
