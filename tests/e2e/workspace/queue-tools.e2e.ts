import { and, eq, inArray } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { categories, demandEvents, demands, users } from '@/lib/db/schema';
import { addDays, dateInSaoPaulo } from '@/lib/domain/deadlines';
import { fileDemand } from '@/lib/demands/intake';
import { axeViolations, launchBrowser, signIn, startWorkspaceApp, type WorkspaceApp } from './harness';

/**
 * The queue's tools as the ombudsman uses them: the deadline-risk order, a saved view opened from the
 * side navigation, and assigning two chosen rows at once (with and without JavaScript).
 */

let app: WorkspaceApp;
let browser: Browser;
const STEP_TIMEOUT_MS = 45_000;
/** Filed in triage: one overdue, one with 4 of 10 days left, one with 5 of 30 days left. */
const filed: { overdue: string; shortTerm: string; longTerm: string } = { overdue: '', shortTerm: '', longTerm: '' };
const ids = new Map<string, string>();

beforeAll(async () => {
  app = await startWorkspaceApp();
  browser = await launchBrowser();
  const today = dateInSaoPaulo(new Date());
  filed.overdue = await fileComplaint('Bueiro entupido na avenida', { dueOn: addDays(today, -3), filedOn: addDays(today, -33) });
  filed.shortTerm = await fileComplaint('Mato alto na praça do bairro', { dueOn: addDays(today, 4), filedOn: addDays(today, -6) });
  filed.longTerm = await fileComplaint('Semáforo desregulado no centro', { dueOn: addDays(today, 5), filedOn: addDays(today, -25) });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function fileComplaint(subject: string, deadline: { dueOn: string; filedOn: string }): Promise<string> {
  const db = await getDb();
  const [works] = await db.select().from(categories).where(eq(categories.slug, 'obras'));
  if (!works) throw new Error('seed missing');
  const result = await fileDemand(
    {
      service: 'ouvidoria',
      kind: 'complaint',
      categoryId: works.id,
      subject,
      description: `${subject}: o problema continua há semanas e ninguém da prefeitura apareceu para resolver.`,
      identity: 'identified',
      name: 'Sônia Vizinha',
      email: 'sonia@exemplo.com.br',
    },
    { channel: 'web' },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  // The deadline as if the demand had been filed days ago (the risk order reads the share of the term left).
  await db
    .update(demands)
    .set({ dueOn: deadline.dueOn, createdAt: new Date(`${deadline.filedOn}T15:00:00Z`) })
    .where(eq(demands.id, result.demand.id));
  ids.set(result.demand.protocol, result.demand.id);
  return result.demand.protocol;
}

async function pageAs(email: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'pt-BR', ...options });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  await signIn(context, app.baseUrl, email);
  return context.newPage();
}

const rowProtocols = (page: Page) => page.locator('[data-queue-row] [data-row-link]').allTextContents();

describe('the queue tools', () => {
  it('sorts by deadline risk and keeps the order as a saved view in the side navigation', async () => {
    const page = await pageAs('ouvidor@demo.example.org');
    await page.goto(`${app.baseUrl}/painel?fila=triagem`);
    // The queue's own order (due date) puts the 10-day demand before the 30-day one.
    expect(await rowProtocols(page)).toEqual([filed.overdue, filed.shortTerm, filed.longTerm]);

    await page.getByLabel('Ordem').selectOption({ label: 'Risco de prazo' });
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.waitForURL(/ordem=risk/);
    // Overdue first; then the 30-day demand, which has less of its term left than the 10-day one.
    await expect.poll(() => rowProtocols(page)).toEqual([filed.overdue, filed.longTerm, filed.shortTerm]);

    await page.locator('summary', { hasText: 'Salvar esta visão' }).click();
    await page.getByLabel('Nome da visão').fill('Triagem por risco');
    await page.getByRole('button', { name: 'Salvar visão' }).click();
    await page.waitForURL(/visao=/);
    const nav = page.getByRole('navigation', { name: 'Painel de trabalho' });
    const viewLink = nav.getByRole('link', { name: 'Triagem por risco' });
    await expect.poll(() => viewLink.getAttribute('aria-current')).toBe('page');
    await page.getByText('Visão salva:').waitFor();

    // Back on the plain queue, the view opens from the navigation, in its order.
    await nav.getByRole('link', { name: /Novas para triagem/ }).click();
    await page.waitForURL((url) => !url.search.includes('visao'));
    await viewLink.click();
    await page.waitForURL(/visao=/);
    expect(new URL(page.url()).searchParams.get('ordem')).toBe('risk');
    await expect.poll(() => rowProtocols(page)).toEqual([filed.overdue, filed.longTerm, filed.shortTerm]);

    const viewId = new URL(page.url()).searchParams.get('visao');
    await page.context().close();

    // Someone else sees none of it: the view was saved for its author only.
    const department = await pageAs('infraestrutura@demo.example.org');
    await department.goto(`${app.baseUrl}/painel`);
    await department.getByRole('navigation', { name: 'Painel de trabalho' }).getByRole('link', { name: /Da minha secretaria/ }).waitFor();
    expect(await department.getByRole('link', { name: 'Triagem por risco' }).count()).toBe(0);
    const response = await department.goto(`${app.baseUrl}/painel/visoes/${viewId}`);
    expect(response?.status()).toBe(404);
    await department.context().close();
  });

  it('assigns two chosen rows at once, each with its own event, and passes axe', async () => {
    const db = await getDb();
    const [ombudsman] = await db.select().from(users).where(eq(users.email, 'ouvidor@demo.example.org'));
    if (!ombudsman) throw new Error('seed missing');
    const page = await pageAs('ouvidor@demo.example.org');
    await page.goto(`${app.baseUrl}/painel?fila=triagem`);
    await page.getByLabel(`Selecionar ${filed.overdue}`).check();
    await page.getByLabel(`Selecionar ${filed.longTerm}`).check();
    await page.getByLabel('O que fazer').selectOption('assign');
    await page.getByLabel(/Pessoa \(para atribuir\)/).selectOption(ombudsman.id);
    await page.getByRole('button', { name: 'Aplicar às selecionadas' }).click();
    await page.getByRole('status').filter({ hasText: '2 manifestações atribuídas.' }).waitFor();

    const chosen = [ids.get(filed.overdue), ids.get(filed.longTerm)].filter((id): id is string => Boolean(id));
    const rows = await db.select({ assignedUserId: demands.assignedUserId }).from(demands).where(inArray(demands.id, chosen));
    expect(rows.map((row) => row.assignedUserId)).toEqual([ombudsman.id, ombudsman.id]);
    const events = await db.select().from(demandEvents).where(and(inArray(demandEvents.demandId, chosen), eq(demandEvents.type, 'assigned')));
    expect(events).toHaveLength(2);
    const untouched = await db.select({ assignedUserId: demands.assignedUserId }).from(demands).where(eq(demands.id, ids.get(filed.shortTerm) ?? ''));
    expect(untouched[0]?.assignedUserId).toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('works without JavaScript: every row of the page chosen at once, and one refusal undoes them all', async () => {
    const db = await getDb();
    const [ombudsman] = await db.select().from(users).where(eq(users.email, 'ouvidor@demo.example.org'));
    if (!ombudsman) throw new Error('seed missing');
    const page = await pageAs('ouvidor@demo.example.org', { javaScriptEnabled: false });
    await page.goto(`${app.baseUrl}/painel?fila=triagem`);
    await page.getByRole('link', { name: 'Selecionar todas desta página' }).click();
    await page.waitForURL(/selecao=pagina/);
    for (const protocol of [filed.overdue, filed.shortTerm, filed.longTerm]) expect(await page.getByLabel(`Selecionar ${protocol}`).isChecked()).toBe(true);
    // Two of the three are the ombudsman's already: the whole action is refused, and says which and why.
    await page.getByLabel(/Pessoa \(para atribuir\)/).selectOption(ombudsman.id);
    await page.getByRole('button', { name: 'Aplicar às selecionadas' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Nenhuma manifestação foi alterada' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(new RegExp(`${filed.overdue}|${filed.longTerm}`));
    const [shortTerm] = await db.select({ assignedUserId: demands.assignedUserId }).from(demands).where(eq(demands.id, ids.get(filed.shortTerm) ?? ''));
    expect(shortTerm?.assignedUserId).toBeNull();
    await page.context().close();
  });

  it('marks chosen rows as duplicates of the oldest of them, without JavaScript', async () => {
    const page = await pageAs('ouvidor@demo.example.org', { javaScriptEnabled: false });
    await page.goto(`${app.baseUrl}/painel?fila=triagem`);
    await page.getByLabel(`Selecionar ${filed.shortTerm}`).check();
    await page.getByLabel(`Selecionar ${filed.longTerm}`).check();
    await page.getByLabel('O que fazer').selectOption('duplicate');
    // Only the chosen operation's fields are shown, by the stylesheet alone.
    expect(await page.getByLabel(/Pessoa \(para atribuir\)/).isVisible()).toBe(false);
    expect(await page.getByLabel(/Protocolo da principal/).isVisible()).toBe(true);
    // A note too short is refused with the field named, and the rows stay chosen.
    await page.getByLabel(/Nota pública \(para duplicadas\)/).fill('curta');
    await page.getByRole('button', { name: 'Aplicar às selecionadas' }).click();
    await page.getByRole('alert').filter({ hasText: 'pelo menos 10 caracteres' }).first().waitFor();
    expect(await page.getByLabel(`Selecionar ${filed.shortTerm}`).isChecked()).toBe(true);
    await page.getByLabel('O que fazer').selectOption('duplicate');
    await page.getByLabel(/Nota pública \(para duplicadas\)/).fill('Já recebemos este mesmo problema: a resposta virá pela manifestação principal.');
    await page.getByRole('button', { name: 'Aplicar às selecionadas' }).click();
    await page.getByText(`1 manifestação marcada como duplicada de ${filed.longTerm}`).waitFor();
    const db = await getDb();
    const [shortTerm] = await db.select({ duplicateOfId: demands.duplicateOfId }).from(demands).where(eq(demands.id, ids.get(filed.shortTerm) ?? ''));
    expect(shortTerm?.duplicateOfId).toBe(ids.get(filed.longTerm));
    // No axe here: it injects a script, which a page without JavaScript never runs (the first test checks this page).
    await page.context().close();
  });
});
