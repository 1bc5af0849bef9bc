import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, newContext as harnessContext, warmUp } from './harness';

/**
 * The Carta de Serviços in a real browser, against the suite's app (demo data on, so the demo Carta is
 * there): searching without JavaScript, a service's page and its link to the Balcão form, the form's
 * Carta summary, and an admin's edit showing up dated on the public page.
 */

const BASE = inject('e2eBaseUrl');
let browser: Browser;

beforeAll(async () => {
  await warmUp(BASE, ['/carta-de-servicos', '/carta-de-servicos/poda-de-arvore', '/balcao/poda-de-arvore', '/painel/admin/carta-de-servicos', '/api/auth/csrf'], {
    redirect: 'manual',
    anyStatus: true,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const newContext = (options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> => harnessContext(browser, BASE, options);

async function signIn(context: BrowserContext, email: string) {
  const { csrfToken } = (await (await context.request.get(`${BASE}/api/auth/csrf`)).json()) as { csrfToken: string };
  const response = await context.request.post(`${BASE}/api/auth/callback/credentials`, {
    form: { csrfToken, email, password: 'demo12345', callbackUrl: `${BASE}/` },
  });
  expect(response.ok()).toBe(true);
}

describe('Carta de Serviços', () => {
  it('is searched by text and by secretaria without JavaScript, accessibly', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${BASE}/`);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Carta de Serviços ao Usuário' }).click();
    await page.waitForURL(/\/carta-de-servicos$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Carta de Serviços ao Usuário' }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page, 'carta', { javaScriptDisabled: true });

    await page.getByLabel('Buscar serviço').fill('árvore');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.waitForURL(/q=%C3%A1rvore/);
    const results = page.getByRole('region', { name: /Resultados/ });
    await expect(results.getByRole('heading', { level: 3 }).allTextContents()).resolves.toEqual(['Poda de árvore', 'Remoção de árvore']);
    await expect(page.getByRole('status').textContent()).resolves.toContain('2 serviços encontrados');

    await page.getByLabel('Buscar serviço').fill('');
    await page.getByLabel('Secretaria', { exact: true }).selectOption({ label: 'Secretaria Municipal de Agricultura' });
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.waitForURL(/secretaria=/);
    await expect(results.getByRole('heading', { level: 3 }).allTextContents()).resolves.toEqual(['Manutenção de estrada rural']);
    await expectNoAxeViolations(page, 'carta filtered', { javaScriptDisabled: true });
    await context.close();
  });

  it('shows a service’s page, dated, linking to its Balcão form, whose summary links back', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${BASE}/carta-de-servicos?evento=meio-ambiente`);
    await page.getByRole('link', { name: 'Poda de árvore' }).click();
    await page.waitForURL(/\/carta-de-servicos\/poda-de-arvore$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Poda de árvore' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText(/Atualizada em \d{2}\/\d{2}\/\d{4}/).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('definition').filter({ hasText: 'Até 30 dias corridos' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Ouvidoria Municipal' }).getAttribute('href')).resolves.toBe('/ouvidoria/nova?tipo=reclamacao');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Pedir este serviço pela internet' }).click();
    await page.waitForURL(/\/balcao\/poda-de-arvore$/);
    const summary = page.getByRole('region', { name: 'Antes de pedir' });
    await expect(summary.getByRole('listitem').first().textContent()).resolves.toContain('Endereço completo');
    await expect(summary.textContent()).resolves.toContain('Prazo: até 30 dias corridos.');
    await expectNoAxeViolations(page);
    await summary.getByRole('link', { name: 'Ver tudo sobre este serviço na Carta de Serviços' }).click();
    await page.waitForURL(/\/carta-de-servicos\/poda-de-arvore$/);

    const pdf = await context.request.get(`${BASE}/carta-de-servicos/carta-de-servicos.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const json = (await (await context.request.get(`${BASE}/carta-de-servicos/dados.json`)).json()) as { servicos: { slug: string }[] };
    expect(json.servicos.map((record) => record.slug)).toContain('poda-de-arvore');
    await context.close();
  });

  it('lets an admin edit an entry without JavaScript, keeping what was typed on a refusal; the page shows the change, dated', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    await signIn(context, 'admin@demo.example.org');
    const page = await context.newPage();
    await page.goto(`${BASE}/painel/admin/carta-de-servicos`);
    await page.getByRole('link', { name: 'Capina e roçada' }).click();
    await page.waitForURL(/\/painel\/admin\/carta-de-servicos\/[0-9a-f-]{36}$/);
    await expectNoAxeViolations(page, 'charter edit form', { javaScriptDisabled: true });
    await page.getByLabel('Tempo de espera previsto').fill('Até 10 minutos no balcão.');
    await page.getByLabel(/Nota da alteração/).fill('Novo tempo de espera.');
    const steps = await page.getByLabel('Etapas').inputValue();
    await page.getByLabel('Etapas').fill('');
    await page.getByRole('button', { name: 'Salvar alterações' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Escreva pelo menos uma etapa, uma por linha.');
    await expect(page.getByLabel('Tempo de espera previsto').inputValue()).resolves.toBe('Até 10 minutos no balcão.');
    await expect(page.getByLabel('Etapas').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectNoAxeViolations(page, 'charter edit form with errors', { javaScriptDisabled: true });

    await page.getByLabel('Etapas').fill(steps);
    await page.getByRole('button', { name: 'Salvar alterações' }).click();
    await page.waitForURL(/\?ok=salva$/);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Alterações salvas');

    await page.goto(`${BASE}/carta-de-servicos/capina-e-rocada`);
    await expect(page.getByRole('definition').filter({ hasText: 'Até 10 minutos no balcão.' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('region', { name: 'Histórico de atualizações' }).getByRole('listitem').first().textContent()).resolves.toMatch(
      /^\d{2}\/\d{2}\/\d{4}: Tempo de espera — Novo tempo de espera\.$/,
    );
    await context.close();
  });

  it('refuses the admin page to a citizen', async () => {
    const context = await newContext();
    await signIn(context, 'cidadao@demo.example.org');
    const response = await context.request.get(`${BASE}/painel/admin/carta-de-servicos`, { maxRedirects: 0 });
    expect(response.status()).toBe(403);
    expect(await response.text()).not.toContain('Capina e roçada');
    await context.close();
  });
});
