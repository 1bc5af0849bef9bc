import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext, openDemandAction, signIn } from './harness';

/**
 * An access-to-information request, in Chromium, against the suite's app (embedded database, the worker
 * inside the web process, e-mails kept in the development mailbox): the ombudsman's denial is refused
 * until it states its ground and authority, the citizen appeals from the e-mailed link, and the 1st-instance
 * appeal authority decides it in its queue; the decision reaches the citizen.
 */

const baseUrl = inject('e2eBaseUrl');
const citizenEmail = `lia.${Date.now()}@exemplo.com.br`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const DELIVERY_TIMEOUT_MS = 60_000;

async function openStatusLinkFromMailbox(page: Page, subject: RegExp): Promise<void> {
  await page.goto(`/dev/caixa-de-entrada?para=${encodeURIComponent(citizenEmail)}`);
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
  await page.getByRole('link', { name: subject }).click();
  await page.getByRole('heading', { level: 1, name: subject }).waitFor();
  const link = page.getByRole('region', { name: 'Links desta mensagem' }).getByRole('link', { name: /\/situacao\// });
  const href = (await link.getAttribute('href')) ?? '';
  await page.goto(new URL(href).pathname);
}

describe('an access-to-information request denied and appealed', () => {
  it('the denial states its ground, the citizen appeals from the e-mailed link, and the appeal authority decides it in its queue', async () => {
    const citizen = await (await newContext(browser, baseUrl)).newPage();
    await citizen.goto('/ouvidoria/nova?tipo=informacao');
    await citizen.getByLabel('Assunto').fill('Fichas funcionais da guarda municipal');
    await citizen.getByLabel('Descrição').fill('Peço cópia das fichas funcionais dos guardas municipais contratados em 2025, com cargos e salários.');
    await citizen.getByLabel('Identificada', { exact: true }).check();
    await citizen.getByLabel('Nome completo').fill('Lia Pesquisadora');
    await citizen.getByLabel('E-mail').fill(citizenEmail);
    await citizen.getByRole('button', { name: 'Enviar manifestação' }).click();
    await citizen.getByRole('heading', { name: 'Manifestação registrada' }).waitFor();
    const protocol = (await citizen.getByTestId('protocolo').textContent())?.trim() ?? '';
    expect(protocol).toMatch(/^\d{4}-\d{6}-\d$/);

    // The ombudsman's denial does not go out without its ground and the authority of the appeal.
    const staffContext = await newContext(browser, baseUrl);
    await signIn(staffContext, baseUrl, 'ouvidor@demo.example.org');
    const ombudsman = await staffContext.newPage();
    await ombudsman.goto(`/painel/demandas/${protocol}`);
    let answer = await openDemandAction(ombudsman, 'Resposta conclusiva');
    await answer.getByLabel('Resultado do pedido').selectOption('denied');
    await answer.getByLabel('Resposta ao cidadão').fill('O pedido foi analisado pela Secretaria de Administração.');
    await answer.getByLabel('Autoridade que julgará o recurso').fill('');
    await answer.getByRole('button', { name: 'Enviar resposta ao pedido' }).click();
    answer = await openDemandAction(ombudsman, 'Resposta conclusiva');
    await answer.getByText('Uma negativa, mesmo parcial, precisa do fundamento legal.').waitFor();
    await answer.getByText('Informe a autoridade que julgará o recurso.').waitFor();
    expect(await answer.getByLabel('Resposta ao cidadão').inputValue()).toBe('O pedido foi analisado pela Secretaria de Administração.');
    await expectNoAxeViolations(ombudsman, 'LAI answer form with errors');

    await answer.getByLabel('Fundamento legal da negativa').selectOption('personal_data');
    await answer.getByLabel('Por que o fundamento se aplica').fill('As fichas trazem endereço, dependentes e dados de saúde de cada servidor.');
    await answer.getByLabel('Autoridade que julgará o recurso').fill('o Secretário Municipal de Governo');
    await answer.getByRole('button', { name: 'Enviar resposta ao pedido' }).click();
    await ombudsman.getByRole('status').filter({ hasText: 'Resposta conclusiva enviada' }).waitFor();
    await staffContext.close();

    // The answer arrives with the ground and the right to appeal; she appeals from its link.
    await openStatusLinkFromMailbox(citizen, new RegExp(`^Resposta à sua manifestação ${protocol}$`));
    await citizen.getByText(/Fundamento legal: Informação pessoal/).first().waitFor();
    const appeal = citizen.getByRole('region', { name: 'Recorrer' });
    await appeal.getByText(/pode recorrer até \d{2}\/\d{2}\/\d{4}/).waitFor();
    await appeal.getByText('O que acontece depois:').waitFor();
    await expectNoAxeViolations(citizen, 'status page with the appeal');
    await appeal.getByRole('button', { name: 'Enviar recurso' }).click();
    await citizen.getByText('Conte por que você discorda ou o que falta (pelo menos 10 caracteres).').waitFor();
    await citizen.getByLabel('Suas razões').fill('Peço as fichas com os dados pessoais tarjados: cargos e salários são públicos.');
    await citizen.getByRole('button', { name: 'Enviar recurso' }).click();
    await citizen.getByText('Seu recurso foi registrado.').waitFor();
    await citizen.getByText(/Seu recurso de 1ª instância está em análise e deve ser decidido até/).waitFor();
    await expectNoAxeViolations(citizen, 'status page with the appeal pending');

    // The 1st-instance authority finds it in its queue, with its deadline, and decides.
    const authorityContext = await newContext(browser, baseUrl);
    await signIn(authorityContext, baseUrl, 'recursos@demo.example.org');
    const authority = await authorityContext.newPage();
    await authority.goto('/painel/recursos');
    const item = authority.getByRole('listitem').filter({ has: authority.getByRole('heading', { name: `Recurso de 1ª instância — protocolo ${protocol}` }) });
    await item.getByText(/Decidir até \d{2}\/\d{2}\/\d{4}/).waitFor();
    await item.getByText('Peço as fichas com os dados pessoais tarjados').waitFor();
    await expectNoAxeViolations(authority, 'appeal queue');
    const decide = await openDemandAction(authority, `Decidir — ${protocol}`);
    await decide.getByLabel('Provido (o acesso deve ser dado)').check();
    await decide.getByLabel('Decisão fundamentada').fill('Provido: entreguem-se as fichas com endereço, dependentes e saúde tarjados.');
    await decide.getByRole('button', { name: 'Registrar decisão' }).click();
    await authority.getByRole('status').filter({ hasText: 'Decisão registrada' }).waitFor();
    expect(await authority.getByRole('heading', { name: `Recurso de 1ª instância — protocolo ${protocol}` }).count()).toBe(0);
    await expectNoAxeViolations(authority, 'appeal queue after the decision');
    await authorityContext.close();

    // The decision reaches her.
    await openStatusLinkFromMailbox(citizen, new RegExp(`^Decisão sobre o seu recurso — protocolo ${protocol}$`));
    await citizen.getByText(/Recurso de 1ª instância: Provido/).first().waitFor();
    await citizen.context().close();
  });
});
