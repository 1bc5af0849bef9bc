import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BairroLimpoClient, Open311Failure, reportPothole } from '../open311-client/bairro-limpo';
import { expectNoAxeViolations, launchBrowser, newContext, signIn } from './harness';

const baseUrl = inject('e2eBaseUrl');
const PROTOCOL = /^\d{4}-\d{6}-\d$/;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openPage(options: { javaScriptEnabled?: boolean } = {}) {
  const context = await newContext(browser, baseUrl, options);
  return context.newPage();
}

async function fillPotholeForm(page: Page, person: { description: string; name: string; email: string }) {
  await page.getByLabel('Descreva o pedido').fill(person.description);
  await page.getByLabel('Endereço').fill('Rua Major Matheus, 310');
  await page.getByLabel('Bairro').selectOption({ label: 'Centro' });
  await page.getByLabel('Nome completo').fill(person.name);
  await page.getByLabel('E-mail').fill(person.email);
}

async function receiptProtocol(page: Page): Promise<string> {
  await page.getByRole('heading', { name: 'Pedido registrado' }).waitFor();
  const protocol = (await page.getByTestId('protocolo').textContent())?.trim() ?? '';
  expect(protocol).toMatch(PROTOCOL);
  return protocol;
}

async function timelineOf(page: Page, protocol: string, email: string): Promise<string> {
  await page.goto(`/acompanhar?protocolo=${protocol}`);
  await page.getByLabel('Código de acesso, e-mail ou celular').fill(email);
  await page.getByRole('button', { name: 'Consultar' }).click();
  await page.getByRole('heading', { name: `Protocolo ${protocol}` }).waitFor();
  return (await page.locator('main').textContent()) ?? '';
}

describe('"Já pediram isto aqui perto" on the Balcão form', () => {
  let mainProtocol = '';

  beforeAll(async () => {
    const page = await openPage({ javaScriptEnabled: false });
    await page.goto('/balcao/tapa-buraco');
    await fillPotholeForm(page, { description: 'Cratera perigosa na Rua Major Matheus em frente à farmácia, motos caindo.', name: 'Primeira Vizinha', email: 'primeira.vizinha@exemplo.com' });
    await page.getByRole('button', { name: 'Enviar pedido' }).click();
    mainProtocol = await receiptProtocol(page);
    await page.context().close();
  });

  it('shows the open request as the citizen types, and the citizen joins it with a protocol of their own', async () => {
    const page = await openPage();
    await page.goto('/balcao/tapa-buraco');
    await fillPotholeForm(page, { description: 'Cratera perigosa na Rua Major Matheus em frente à farmácia', name: 'Segundo Vizinho', email: 'segundo.vizinho@exemplo.com' });
    await page.getByRole('heading', { name: 'Já pediram isto aqui perto' }).waitFor();
    await expectNoAxeViolations(page, 'Balcão form with suggestions');
    await page.getByRole('button', { name: `Acompanhar o pedido ${mainProtocol}` }).click();
    const own = await receiptProtocol(page);
    expect(own).not.toBe(mainProtocol);
    await expectNoAxeViolations(page, 'receipt after joining');

    const timeline = await timelineOf(page, own, 'segundo.vizinho@exemplo.com');
    expect(timeline).toContain(`Você passou a acompanhar a solicitação ${mainProtocol}`);
    await page.context().close();
  });

  it('without JavaScript, offers it as a step after the first post, keeping what was typed', async () => {
    const page = await openPage({ javaScriptEnabled: false });
    await page.goto('/balcao/tapa-buraco');
    await fillPotholeForm(page, { description: 'Cratera perigosa em frente à farmácia da Rua Major Matheus', name: 'Terceira Vizinha', email: 'terceira.vizinha@exemplo.com' });
    await page.getByRole('button', { name: 'Enviar pedido' }).click();
    await page.getByRole('heading', { name: 'Já pediram isto aqui perto' }).waitFor();
    expect(await page.getByLabel('Nome completo').inputValue()).toBe('Terceira Vizinha');
    await expectNoAxeViolations(page, 'Balcão suggestions step, no JavaScript', { javaScriptDisabled: true });
    await page.getByRole('button', { name: `Acompanhar o pedido ${mainProtocol}` }).click();
    const own = await receiptProtocol(page);
    expect(own).not.toBe(mainProtocol);
    await page.context().close();
  });

  it('files anyway when the citizen says it is another problem', async () => {
    const page = await openPage({ javaScriptEnabled: false });
    await page.goto('/balcao/tapa-buraco');
    await fillPotholeForm(page, { description: 'Cratera perigosa na Rua Major Matheus em frente à farmácia, do outro lado', name: 'Quarto Vizinho', email: 'quarto.vizinho@exemplo.com' });
    await page.getByRole('button', { name: 'Enviar pedido' }).click();
    await page.getByRole('heading', { name: 'Já pediram isto aqui perto' }).waitFor();
    await page.getByRole('button', { name: 'Não é o mesmo problema: enviar meu pedido' }).click();
    const own = await receiptProtocol(page);
    const timeline = await timelineOf(page, own, 'quarto.vizinho@exemplo.com');
    expect(timeline).not.toContain('passou a acompanhar');
    await page.context().close();
  });
});

describe('Open311 with a key issued on the admin page', () => {
  it('a third-party app files, lists and reads a request by key; once revoked, the key is refused', async () => {
    const context = await newContext(browser, baseUrl);
    await signIn(context, baseUrl, 'admin@demo.example.org');
    const page = await context.newPage();
    await page.goto('/painel/admin/open311');
    await page.getByRole('heading', { name: 'Chaves Open311', level: 1 }).waitFor();
    await page.getByLabel('Nome do aplicativo').fill('Aplicativo Bairro Limpo');
    await page.getByRole('button', { name: 'Emitir chave' }).click();
    await page.getByText('Chave emitida para Aplicativo Bairro Limpo.').waitFor();
    const key = ((await page.locator('#chave-emitida').textContent()) ?? '').trim();
    expect(key).toMatch(/^o311_/);
    await expectNoAxeViolations(page, 'Open311 keys, key just issued');

    const client = new BairroLimpoClient(baseUrl, key);
    const result = await reportPothole(client);
    expect(result.id).toMatch(PROTOCOL);
    expect(result.listed).toBe(true);
    expect(result.read).toMatchObject({ service_request_id: result.id, status: 'open', service_code: 'tapa-buraco', description: null });

    await page.goto('/painel/admin/open311');
    await page.getByRole('button', { name: 'Revogar a chave de Aplicativo Bairro Limpo' }).click();
    await page.getByText('Chave revogada').waitFor();
    await expectNoAxeViolations(page, 'Open311 keys, key revoked');
    const refused = await reportPothole(client).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Open311Failure);
    expect((refused as Open311Failure).status).toBe(401);
    // Reading stays public.
    expect(await client.read(result.id)).toMatchObject({ service_request_id: result.id });
    await context.close();
  });

  it('serves the OpenAPI document and its readable page', async () => {
    const response = await fetch(`${baseUrl}/api/docs`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { openapi: string }).openapi).toBe('3.1.0');
    const page = await openPage();
    await page.goto('/desenvolvedores');
    await page.getByRole('heading', { name: 'APIs públicas', level: 1 }).waitFor();
    await expectNoAxeViolations(page, 'APIs públicas');
    await page.context().close();
  });
});
