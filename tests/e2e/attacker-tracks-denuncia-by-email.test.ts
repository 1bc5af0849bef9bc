import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatProtocol } from '@/lib/domain/protocol';
import { expectNoAxeViolations, launchBrowser, newContext } from './harness';

/**
 * The attacker's journey against a whistleblower: the protocol is in the open data, the denunciante's
 * e-mail is known to the people denounced. The tracking page must refuse that pair with exactly the
 * answer it gives for a protocol that does not exist; the denunciante opens it with the access code
 * shown on the receipt.
 */

const baseUrl = inject('e2eBaseUrl');
const denuncianteEmail = `denunciante.${Date.now()}@exemplo.com.br`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** What the tracking page answers to a protocol and a proof: the error summary's text, or the result. */
async function track(page: Page, protocol: string, secret: string): Promise<string> {
  await page.goto('/acompanhar');
  await page.getByLabel('Número do protocolo').fill(protocol);
  await page.getByLabel('Código de acesso, e-mail ou celular').fill(secret);
  await page.getByRole('button', { name: 'Consultar' }).click();
  const answer = page.locator('#resumo-erros').or(page.getByRole('heading', { name: `Protocolo ${protocol}` }));
  await answer.first().waitFor();
  return (await answer.first().innerText()).trim();
}

describe('an attacker tracking a confidential denúncia by the denunciante\'s e-mail', () => {
  it('is refused with the answer a non-existent protocol gets, while the access code opens it', async () => {
    const whistleblower = await (await newContext(browser, baseUrl)).newPage();
    await whistleblower.goto('/ouvidoria/nova?tipo=denuncia');
    await whistleblower.getByLabel('Assunto').fill('Fiscal cobra propina para liberar alvará');
    await whistleblower.getByLabel('Descrição').fill('Um fiscal da prefeitura pede dinheiro para liberar alvarás de funcionamento no centro.');
    await whistleblower.getByLabel('Sigilosa', { exact: true }).check();
    await whistleblower.getByLabel('Nome completo').fill('Pessoa Denunciante');
    await whistleblower.getByLabel('E-mail').fill(denuncianteEmail);
    await whistleblower.getByRole('button', { name: 'Enviar manifestação' }).click();
    await whistleblower.getByRole('heading', { name: 'Manifestação registrada' }).waitFor();
    const protocol = (await whistleblower.getByTestId('protocolo').textContent())?.trim() ?? '';
    const accessCode = (await whistleblower.getByTestId('codigo-de-acesso').textContent())?.trim() ?? '';
    expect(accessCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    await expectNoAxeViolations(whistleblower, 'receipt of a confidential denúncia');

    const attacker = await (await newContext(browser, baseUrl)).newPage();
    const byEmail = await track(attacker, protocol, denuncianteEmail);
    const nonexistent = await track(attacker, formatProtocol(2026, 999_999), denuncianteEmail);
    expect(byEmail).toContain('Não encontramos uma manifestação com esse protocolo');
    expect(byEmail).toBe(nonexistent);
    expect(await attacker.getByText('propina').count()).toBe(0);
    await expectNoAxeViolations(attacker, 'tracking refused');
    await attacker.context().close();

    const opened = await track(whistleblower, protocol, accessCode);
    expect(opened).toBe(`Protocolo ${protocol}`);
    expect(await whistleblower.getByText('Fiscal cobra propina para liberar alvará').isVisible()).toBe(true);
    await whistleblower.context().close();
  });
});
