import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { answerTemplates } from '@/lib/db/schema';
import { axeViolations, fileWorksComplaint, launchBrowser, staffPage, startWorkspaceApp, type WorkspaceApp } from './harness';

/**
 * Etiquetas, priority and macros: the admin creates an etiqueta and a macro, the ombudsman applies the macro
 * to a demand in one click, sets a legal priority without JavaScript, filters the queue by the etiqueta, and
 * the admin renames the etiqueta without JavaScript, the demand keeping it.
 */

let app: WorkspaceApp;
let browser: Browser;
let tagged: string;
let untagged: string;

beforeAll(async () => {
  app = await startWorkspaceApp();
  browser = await launchBrowser();
  await (await getDb()).insert(answerTemplates).values({ title: 'Vistoria marcada', body: 'Uma equipe fará a vistoria do local nesta semana; avisaremos o resultado.' });
  tagged = await fileComplaint('Poste apagado na rua das Flores');
  untagged = await fileComplaint('Buraco na calçada da avenida');
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const fileComplaint = fileWorksComplaint;

const pageAs = (email: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> => staffPage(browser, app.baseUrl, email, options);

describe('etiquetas, priority and macros', () => {
  it('the admin creates an etiqueta and a macro', async () => {
    const page = await pageAs('admin@demo.example.org');
    await page.goto(`${app.baseUrl}/painel/admin/etiquetas`);
    await page.getByLabel('Nome', { exact: true }).fill('Iluminação pública');
    await page.getByRole('button', { name: 'Criar etiqueta' }).click();
    await page.getByText('Etiqueta criada.').waitFor();
    await page.getByRole('cell', { name: 'Iluminação pública', exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${app.baseUrl}/painel/admin/macros`);
    await page.getByLabel('Nome').fill('Agendar vistoria');
    await page.getByLabel('Modelo de resposta').selectOption({ label: 'Vistoria marcada' });
    await page.getByLabel('Enviar o modelo como').selectOption('public_reply');
    await page.getByLabel('Etiqueta', { exact: true }).selectOption({ label: 'Iluminação pública' });
    await page.getByRole('button', { name: 'Criar macro' }).click();
    await page.getByText('Macro criada.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Agendar vistoria' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the ombudsman applies the macro in one click: reply sent, state moved, etiqueta on', async () => {
    const page = await pageAs('ouvidor@demo.example.org');
    await page.goto(`${app.baseUrl}/painel/demandas/${tagged}`);
    await page.getByRole('button', { name: 'Aplicar “Agendar vistoria”' }).click();
    await page.getByRole('status').filter({ hasText: 'Macro aplicada.' }).waitFor();
    const facts = page.getByRole('complementary', { name: 'Dados e ações da manifestação' });
    await facts.getByRole('list', { name: 'Etiquetas' }).getByText('Iluminação pública').waitFor();
    await page.getByText('Uma equipe fará a vistoria do local nesta semana').first().waitFor();
    await page.getByText('Etiqueta “Iluminação pública” incluída.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('sets a legal priority without JavaScript', async () => {
    const page = await pageAs('ouvidor@demo.example.org', { javaScriptEnabled: false });
    await page.goto(`${app.baseUrl}/painel/demandas/${tagged}`);
    await page.locator('summary', { hasText: /^Prioridade$/ }).click();
    await page.getByLabel('Prioridade', { exact: true }).selectOption('elderly_80');
    await page.getByRole('button', { name: 'Salvar prioridade' }).click();
    await page.getByText('Prioridade salva.').waitFor();
    await page.getByText('Pessoa idosa 80+').first().waitFor();
    await page.context().close();
  });

  it('filters the queue by the etiqueta, the rows showing their chips and priority', async () => {
    const page = await pageAs('ouvidor@demo.example.org');
    await page.goto(`${app.baseUrl}/painel?fila=todas`);
    await page.getByRole('link', { name: untagged }).waitFor();
    await page.getByLabel('Etiqueta', { exact: true }).selectOption({ label: 'Iluminação pública' });
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.waitForURL(/etiqueta=/);
    const table = page.locator('[data-queue-table]');
    await table.getByRole('link', { name: tagged }).waitFor();
    expect(await table.getByRole('link', { name: untagged }).count()).toBe(0);
    await table.getByRole('list', { name: 'Etiquetas' }).getByText('Iluminação pública').waitFor();
    await table.getByText('Pessoa idosa 80+').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the admin renames the etiqueta without JavaScript; the demand keeps it under the new name', async () => {
    const admin = await pageAs('admin@demo.example.org', { javaScriptEnabled: false });
    await admin.goto(`${app.baseUrl}/painel/admin/etiquetas`);
    await admin.locator('summary', { hasText: 'Renomear Iluminação pública' }).click();
    const newName = admin.getByLabel('Novo nome de “Iluminação pública”');
    await newName.fill('I');
    await admin.getByRole('button', { name: 'Salvar nome de “Iluminação pública”' }).click();
    await admin.getByText('O nome precisa ter pelo menos 2 caracteres.').waitFor();
    expect(await newName.inputValue()).toBe('I');
    await newName.fill('Iluminação e postes');
    await admin.getByRole('button', { name: 'Salvar nome de “Iluminação pública”' }).click();
    await admin.getByText('Etiqueta renomeada').waitFor();
    await admin.getByRole('cell', { name: 'Iluminação e postes', exact: true }).waitFor();
    await admin.context().close();

    // axe needs scripts: the same form, its error open, checked in a page that runs them.
    const checked = await pageAs('admin@demo.example.org');
    await checked.goto(`${app.baseUrl}/painel/admin/etiquetas`);
    await checked.locator('summary', { hasText: 'Renomear Iluminação e postes' }).click();
    await checked.getByLabel('Novo nome de “Iluminação e postes”').fill('');
    await checked.getByRole('button', { name: 'Salvar nome de “Iluminação e postes”' }).click();
    await checked.getByText('O nome precisa ter pelo menos 2 caracteres.').waitFor();
    expect(await axeViolations(checked)).toEqual([]);
    await checked.context().close();

    const page = await pageAs('ouvidor@demo.example.org');
    await page.goto(`${app.baseUrl}/painel/demandas/${tagged}`);
    const facts = page.getByRole('complementary', { name: 'Dados e ações da manifestação' });
    await facts.getByRole('list', { name: 'Etiquetas' }).getByText('Iluminação e postes').waitFor();
    await page.context().close();
  });
});
