import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { categories, demandEvents, departments, users } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { addInternalNote } from '@/lib/demands/staff-messages';
import { forwardDemand } from '@/lib/demands/triage';
import { axeViolations, launchBrowser, openDemandAction, signIn, startWorkspaceApp, type WorkspaceApp } from './harness';

/**
 * Two people on one demand, each in their own browser: the ombudsman acts, and the secretaria's page
 * shows it within seconds without a reload, keeping what its person is typing; each sees the other; and a
 * reply written on a page drawn before the other's action is refused, with its text kept. Short timeouts:
 * a live update that does not come must fail the test quickly, not hang it.
 */

let app: WorkspaceApp;
let browser: Browser;
let protocol: string;
let demandId: string;
const STEP_TIMEOUT_MS = 15_000;
/** Screenshots for review (default /tmp/live13-shots). */
const SHOTS_DIR = process.env.SHOTS_DIR ?? '/tmp/live13-shots';
/** The bound: the change is pushed (LISTEN/NOTIFY → event stream), so it is seen well within it. */
const LIVE_TIMEOUT_MS = 2_000;

beforeAll(async () => {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  app = await startWorkspaceApp();
  browser = await launchBrowser();
  ({ protocol, id: demandId } = await forwardedComplaint('Buraco na rua do mercado'));
});

/** An Ouvidoria complaint the ombudsman forwarded to the Infraestrutura (set up as other pages would). */
async function forwardedComplaint(subject: string): Promise<{ protocol: string; id: string }> {
  const db = await getDb();
  const [works] = await db.select().from(categories).where(eq(categories.slug, 'obras'));
  const [infra] = await db.select().from(departments).where(eq(departments.slug, 'infraestrutura'));
  const ombudsman = await ombudsmanActor();
  if (!works || !infra) throw new Error('seed missing');
  const filed = await fileDemand(
    {
      service: 'ouvidoria',
      kind: 'complaint',
      categoryId: works.id,
      subject,
      description: `${subject}: carros desviam pela calçada e um ciclista já caiu na semana passada.`,
      identity: 'identified',
      name: 'Rui Morador',
      email: 'rui@exemplo.com.br',
    },
    { channel: 'web' },
  );
  if (!filed.ok) throw new Error(JSON.stringify(filed.fieldErrors));
  const forwarded = await forwardDemand(ombudsman, { demandId: filed.demand.id, departmentId: infra.id });
  if (!forwarded.ok) throw new Error(forwarded.error);
  return filed.demand;
}

async function ombudsmanActor() {
  const [ombudsman] = await (await getDb()).select().from(users).where(eq(users.email, 'ouvidor@demo.example.org'));
  if (!ombudsman) throw new Error('seed missing');
  return { userId: ombudsman.id, name: ombudsman.name, role: ombudsman.role, departmentIds: [], appealInstances: [] };
}

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function demandPageAs(email: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'pt-BR', ...options });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  await signIn(context, app.baseUrl, email);
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/painel/demandas/${protocol}`);
  await page.getByRole('heading', { level: 1, name: `Protocolo ${protocol}` }).waitFor();
  return page;
}

const presence = (page: Page, text: string) => page.getByRole('list', { name: 'Quem mais está nesta manifestação' }).getByText(text);

async function addNote(page: Page, text: string) {
  const note = await openDemandAction(page, 'Nota interna');
  await note.getByLabel('Nota interna').fill(text);
  await note.getByRole('button', { name: 'Registrar nota' }).click();
  // The confirmation may still be on the page from an earlier note: the note itself in the timeline is the sign.
  await page.getByRole('region', { name: 'Tramitação' }).getByText(text).waitFor();
}

/** Stops the page's poll as a background tab does: what it shows stays as drawn. */
async function hideTab(page: Page, hidden: boolean) {
  await page.evaluate((value) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (value ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

describe('two people on one demand', () => {
  it('see each other, see the other act without reloading, and a stale reply is refused with its text kept', async () => {
    const department = await demandPageAs('infraestrutura@demo.example.org');
    const ombudsman = await demandPageAs('ouvidor@demo.example.org');

    // The secretaria starts a reply; the ombudsman sees it, and the secretaria sees the ombudsman.
    const typed = 'Equipe de obras irá ao local na quinta-feira para tapar o buraco.';
    const reply = await openDemandAction(department, 'Resposta ao cidadão');
    await reply.getByLabel('Resposta ao cidadão').fill(typed);
    await presence(ombudsman, 'Carlos da Infraestrutura está respondendo').waitFor({ timeout: 3 * LIVE_TIMEOUT_MS });
    await presence(department, 'Olavo Ouvidor também está vendo').waitFor({ timeout: 3 * LIVE_TIMEOUT_MS });
    await department.getByText('atualizado agora').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await ombudsman.screenshot({ path: `${SHOTS_DIR}/presenca.png` });

    // The ombudsman writes a note: the secretaria's timeline shows it, no reload, the reply text intact.
    await department.evaluate(() => Object.assign(window, { sameDocument: true }));
    const firstNote = 'Prioridade: houve acidente com ciclista no local.';
    await addNote(ombudsman, firstNote);
    const acted = Date.now();
    await department.getByRole('region', { name: 'Tramitação' }).getByText(firstNote).waitFor({ timeout: LIVE_TIMEOUT_MS });
    console.info(`live update seen ${Date.now() - acted} ms after the note was confirmed`);
    expect(await department.evaluate(() => 'sameDocument' in window)).toBe(true);
    expect(await reply.getByLabel('Resposta ao cidadão').inputValue()).toBe(typed);

    // With its page not redrawn (a background tab), the ombudsman acts again: the secretaria's reply,
    // written on what it saw, is refused and keeps its text.
    await hideTab(department, true);
    await department.waitForTimeout(2_500);
    const secondNote = 'Pedi à secretaria que confirme a data da obra.';
    await addNote(ombudsman, secondNote);
    await reply.getByRole('button', { name: 'Enviar resposta' }).click();
    await department.getByRole('alert').filter({ hasText: 'Outra pessoa agiu nesta manifestação enquanto você escrevia: Olavo Ouvidor — Nota interna.' }).waitFor();
    await department.getByRole('alert').filter({ hasText: 'o seu texto foi mantido' }).waitFor();
    expect(await reply.getByLabel('Resposta ao cidadão').inputValue()).toBe(typed);
    const db = await getDb();
    expect(await db.select().from(demandEvents).where(and(eq(demandEvents.demandId, demandId), eq(demandEvents.type, 'public_reply')))).toEqual([]);

    // The page is drawn again with the timeline as it is now; sent again, the reply goes through.
    await department.getByRole('region', { name: 'Tramitação' }).getByText(secondNote).waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await axeViolations(department)).toEqual([]);
    await department.screenshot({ path: `${SHOTS_DIR}/recusada.png` });
    await hideTab(department, false);
    await reply.getByRole('button', { name: 'Enviar resposta' }).click();
    await department.getByRole('status').filter({ hasText: 'Resposta enviada ao cidadão.' }).waitFor();
    await ombudsman.getByRole('region', { name: 'Tramitação' }).getByText(typed).waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await axeViolations(ombudsman)).toEqual([]);

    // On the queue, a demand forwarded meanwhile shows up by itself.
    await department.goto(`${app.baseUrl}/painel?fila=secretaria`);
    await department.getByRole('link', { name: protocol }).first().waitFor();
    const arriving = await forwardedComplaint('Semáforo apagado na avenida');
    await department.getByRole('link', { name: arriving.protocol }).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    await department.context().close();
    await ombudsman.context().close();
  });

  it('without JavaScript, a note written on an outdated page is refused and its text comes back', async () => {
    const page = await demandPageAs('ouvidor@demo.example.org', { javaScriptEnabled: false });
    const note = await openDemandAction(page, 'Nota interna', { javaScript: false });
    const typed = 'Nota escrita sem JavaScript sobre o que a página mostrava.';
    await note.getByLabel('Nota interna').fill(typed);
    const meanwhile = await addInternalNote(await ombudsmanActor(), { demandId, body: 'Nota registrada por outra aba enquanto isso.' });
    expect(meanwhile.ok).toBe(true);
    await note.getByRole('button', { name: 'Registrar nota' }).click();
    await page.getByRole('alert').filter({ hasText: 'Outra pessoa agiu nesta manifestação enquanto você escrevia' }).waitFor();
    const kept = page.getByRole('region', { name: 'Nota interna', exact: true }).getByLabel('Nota interna');
    expect(await kept.inputValue()).toBe(typed);
    await page.getByRole('region', { name: 'Tramitação' }).getByText('Nota registrada por outra aba enquanto isso.').waitFor();
    await page.context().close();
  });
});
