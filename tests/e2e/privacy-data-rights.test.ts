import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext, signIn, warmUp } from './harness';

/**
 * The citizen's data rights in a real browser (LGPD arts. 9 and 18): the privacy notice reached from the
 * footer, and the demo citizen downloading everything held about them from "Minha conta", as JSON and as
 * PDF. axe finds no WCAG 2.1 AA violation on either page.
 */

const BASE = inject('e2eBaseUrl');
const CITIZEN = 'cidadao@demo.example.org';
let browser: Browser;

beforeAll(async () => {
  await warmUp(BASE, ['/privacidade', '/minha-conta', '/minha-conta/meus-dados.json', '/api/auth/csrf'], { redirect: 'manual', anyStatus: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function download(page: Page, name: RegExp): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  return fs.readFileSync(await file.path());
}

describe('the privacy notice', () => {
  it('is linked from the footer and names the controlador, the encarregado and the rights', async () => {
    const context = await newContext(browser, BASE);
    const page = await context.newPage();
    await page.goto(`${BASE}/`);
    await page.getByRole('contentinfo').getByRole('link', { name: /Aviso de privacidade/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Aviso de privacidade' }).waitFor();
    for (const heading of ['Quem é o controlador', 'Encarregado pelo tratamento de dados (LGPD art. 41)', 'Bases legais', 'Quem recebe os dados', 'Por quanto tempo guardamos', 'Seus direitos e como exercê-los']) {
      expect(await page.getByRole('heading', { level: 2, name: heading }).isVisible()).toBe(true);
    }
    expect(await page.locator('#conteudo').getByRole('link', { name: /encarregado\.lgpd@/ }).isVisible()).toBe(true);
    await expectNoAxeViolations(page);
    await context.close();
  });
});

describe('downloading my data', () => {
  it('gives the signed-in citizen their own data as JSON and as PDF, and nobody else’s', async () => {
    const context = await newContext(browser, BASE);
    await signIn(context, BASE, CITIZEN);
    const page = await context.newPage();
    // A demand of their own first, with one optional profile answer (the form links the notice too).
    await page.goto(`${BASE}/ouvidoria/nova?tipo=reclamacao`);
    expect(await page.getByRole('link', { name: 'aviso de privacidade', exact: true }).isVisible()).toBe(true);
    await page.getByLabel('Assunto').fill('Calçada quebrada na escola');
    await page.getByLabel('Descrição').fill('A calçada em frente à escola está quebrada há dois meses e as crianças tropeçam.');
    await page.getByLabel('Nome completo').fill('Joana Cidadã');
    await page.getByLabel('E-mail').fill(CITIZEN);
    await page.getByText('Perfil do solicitante (opcional)').click();
    await page.getByLabel('Faixa etária').selectOption('35 a 44 anos');
    await page.getByRole('button', { name: 'Enviar manifestação' }).click();
    await page.getByRole('heading', { name: 'Manifestação registrada' }).waitFor();
    const protocol = (await page.getByTestId('protocolo').textContent())?.trim() ?? '';

    await page.goto(`${BASE}/minha-conta`);
    await page.getByRole('heading', { level: 2, name: 'Meus dados pessoais' }).waitFor();
    await expectNoAxeViolations(page);

    const json = JSON.parse((await download(page, /Baixar meus dados em JSON/)).toString('utf8')) as {
      account: { email: string };
      demands: { protocol: string; requester: { email: string | null }; consents: { profile: Record<string, string> | null } }[];
    };
    expect(json.account.email).toBe(CITIZEN);
    expect(json.demands.find((demand) => demand.protocol === protocol)?.consents.profile).toEqual({ 'Faixa etária': '35 a 44 anos' });
    for (const demand of json.demands) expect([null, CITIZEN]).toContain(demand.requester.email);
    expect(JSON.stringify(json)).not.toMatch(/requesterPseudonym|accessCodeHash|cidadaos\.example\.org/);

    const pdf = await download(page, /Baixar meus dados em PDF/);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // Signed out, the download is not served: the visitor is sent to sign in.
    const anonymous = await fetch(`${BASE}/minha-conta/meus-dados.json`, { redirect: 'manual' });
    expect([302, 303, 307]).toContain(anonymous.status);
    expect(anonymous.headers.get('location')).toContain('/entrar');
    await context.close();
  });
});

describe('the encarregado’s desk', () => {
  it('shows the queue and the retention rule, and a dry run lists without changing anything', async () => {
    const context = await newContext(browser, BASE);
    await signIn(context, BASE, 'ouvidor@demo.example.org');
    const page = await context.newPage();
    await page.goto(`${BASE}/painel`);
    await page.getByRole('navigation', { name: 'Painel de trabalho' }).getByRole('link', { name: 'Dados pessoais (LGPD)', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dados pessoais (LGPD)' }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Simular agora (não altera nada)' }).click();
    await page.getByText(/Simulação registrada\./).waitFor();
    await page.goto(`${BASE}/painel/privacidade`);
    const runs = page.getByRole('table', { name: 'Execuções da regra de retenção' });
    await runs.waitFor();
    expect(await runs.getByRole('cell', { name: 'Simulação' }).count(), await page.locator('main').innerText()).toBeGreaterThanOrEqual(1);
    expect(await runs.getByRole('cell', { name: 'Real' }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await context.close();

    // Staff without the permission are refused.
    const other = await newContext(browser, BASE);
    await signIn(other, BASE, 'gestor@demo.example.org');
    const refused = await (await other.newPage()).goto(`${BASE}/painel/privacidade`);
    expect(refused?.status()).toBe(403);
    await other.close();
  });
});
