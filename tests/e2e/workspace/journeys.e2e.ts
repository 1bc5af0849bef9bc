import { and, asc, eq, sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { answerTemplates, categories, demandEvents, demands, departmentMembers, departments, outbox, tags, users, whatsappContacts, whatsappInboundMessages, whatsappOutboundMessages } from '@/lib/db/schema';
import { fileDemand } from '@/lib/demands/intake';
import { forwardDemand } from '@/lib/demands/triage';
import { replyToInformationRequest } from '@/lib/demands/citizen-actions';
import type { StaffActor } from '@/lib/demands/workflow';
import { addDays } from '@/lib/domain/deadlines';
import { formatDate } from '@/lib/domain/labels';
import { ACTION_LABELS } from '@/lib/domain/transitions';
import { jpegWithGps, pdfDocument } from '../../support/files';
import { axeViolations, launchBrowser, openDemandAction, signIn, startWorkspaceApp, type WorkspaceApp } from './harness';

let app: WorkspaceApp;
let browser: Browser;

beforeAll(async () => {
  app = await startWorkspaceApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function staffActor(email: string): Promise<StaffActor> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user) throw new Error(`No demo account ${email}`);
  const memberships = await db.select().from(departmentMembers).where(eq(departmentMembers.userId, user.id));
  return { userId: user.id, name: user.name, role: user.role, departmentIds: memberships.map((m) => m.departmentId) };
}

/** A small shared machine (and, under `next dev`, compiles on first use): generous timeouts. */
const STEP_TIMEOUT_MS = 120_000;

async function pageAs(email: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  await signIn(context, app.baseUrl, email);
  return context.newPage();
}

type CapturedForm = { title: string; fields: Record<string, string>; choices: Record<string, string[]> };

/**
 * The forms of a page as the signed-in `email` is served it, with the fields each posts without
 * JavaScript (React's action reference included), read from the HTML in a scratch page that loads
 * nothing. `title` is the summary the form sits under, the composer tab's title, or its submit button's label.
 */
async function capturedForms(email: string, pagePath: string): Promise<CapturedForm[]> {
  const context = await browser.newContext();
  await signIn(context, app.baseUrl, email);
  const html = await (await context.request.get(`${app.baseUrl}${pagePath}`, { timeout: STEP_TIMEOUT_MS })).text();
  const scratch = await context.newPage();
  await scratch.route('**/*', (route) => route.abort());
  await scratch.setContent(html.replace(/<script[\s\S]*?<\/script>/g, ''), { waitUntil: 'domcontentloaded' });
  const forms = await scratch.locator('form').evaluateAll((elements) =>
    elements.map((element) => {
      const form = element as HTMLFormElement;
      const title =
        form.closest('details')?.querySelector('summary')?.textContent ??
        form.closest('[data-composer-panel]')?.querySelector('h3')?.textContent ??
        form.querySelector('button[type=submit]')?.textContent ??
        '';
      const fields = Array.from(new FormData(form).entries()).filter(([, value]) => typeof value === 'string').map(([key, value]) => [key, String(value)] as const);
      const choices = Array.from(form.querySelectorAll('select')).map((select) => [select.name, Array.from(select.options).map((o) => o.value).filter(Boolean)] as const);
      return { title: title.trim(), fields: Object.fromEntries(fields), choices: Object.fromEntries(choices) };
    }),
  );
  await context.close();
  return forms;
}

async function postAs(email: string | null, pagePath: string, fields: Record<string, string>): Promise<void> {
  const context = await browser.newContext();
  if (email) await signIn(context, app.baseUrl, email);
  await context.request.post(`${app.baseUrl}${pagePath}`, { multipart: fields, maxRedirects: 0, timeout: STEP_TIMEOUT_MS });
  await context.close();
}

async function expectAccessible(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

describe('the workspace, in a browser', () => {
  it('ombudsman forwards, the department replies, the ombudsman answers (without JavaScript) and the citizen gets it', async () => {
    const db = await getDb();
    const [citizen] = await db.select().from(users).where(eq(users.email, 'cidadao@demo.example.org'));
    const [works] = await db.select().from(categories).where(eq(categories.slug, 'obras'));
    const [infra] = await db.select().from(departments).where(eq(departments.slug, 'infraestrutura'));
    if (!works || !infra || !citizen) throw new Error('seed missing');
    const filed = await fileDemand(
      {
        service: 'ouvidoria',
        kind: 'complaint',
        categoryId: works.id,
        subject: 'Obra parada na praça do bairro',
        description: 'A reforma da praça está parada há três meses, com entulho e buracos perigosos para as crianças.',
        identity: 'confidential',
        name: 'Joana Cidadã',
        email: 'cidadao@demo.example.org',
        phone: '(14) 99876-5432',
      },
      { channel: 'web', requesterUserId: citizen.id },
    );
    if (!filed.ok) throw new Error(JSON.stringify(filed.fieldErrors));
    const { protocol, id } = filed.demand;
    await db.insert(answerTemplates).values({ categoryId: works.id, title: 'Obra retomada', body: 'Informamos que a obra foi retomada e tem conclusão prevista para o próximo mês.' });

    // The ombudsman finds it in triage and forwards it.
    const ombudsman = await pageAs('ouvidor@demo.example.org');
    await ombudsman.goto(`${app.baseUrl}/painel`);
    await expectAccessible(ombudsman);
    await ombudsman.getByRole('link', { name: protocol }).click();
    await ombudsman.getByRole('heading', { level: 1, name: `Protocolo ${protocol}` }).waitFor();
    // A confidential demand: the ombudsman sees a pseudonym until asking, and the ask is logged.
    expect(await ombudsman.content()).not.toContain('cidadao@demo.example.org');
    const forward = await openDemandAction(ombudsman, 'Encaminhar');
    await forward.getByLabel('Secretaria responsável').selectOption(infra.id);
    await expectAccessible(ombudsman);
    await forward.getByRole('button', { name: 'Encaminhar' }).click();
    await ombudsman.getByRole('status').filter({ hasText: 'Manifestação encaminhada' }).waitFor();

    // The department replies; it never sees who complained.
    const department = await pageAs('infraestrutura@demo.example.org');
    await department.goto(`${app.baseUrl}/painel`);
    await department.getByRole('link', { name: protocol }).click();
    await department.getByRole('heading', { name: `Protocolo ${protocol}` }).waitFor();
    const html = await department.content();
    for (const secret of ['Joana', 'cidadao@demo.example.org', '99876']) expect(html).not.toContain(secret);
    const reply = await openDemandAction(department, 'Resposta ao cidadão');
    await reply.getByLabel('Resposta ao cidadão').fill('A equipe de obras vistoriou a praça e a empreiteira foi notificada.');
    await reply.getByLabel('Anexos (opcional)').setInputFiles({ name: 'vistoria.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdfDocument('Relatório de vistoria')) });
    await reply.getByRole('button', { name: 'Enviar resposta' }).click();
    await department.getByRole('status').filter({ hasText: 'Resposta enviada' }).waitFor();
    await expectAccessible(department);

    // The ombudsman writes the final answer from a template, with JavaScript off: plain form posts.
    const noScript = await pageAs('ouvidor@demo.example.org', { javaScriptEnabled: false });
    await noScript.goto(`${app.baseUrl}/painel/demandas/${protocol}`);
    const answer = await openDemandAction(noScript, 'Resposta conclusiva', { javaScript: false });
    await answer.getByLabel('Modelo de resposta').selectOption({ label: 'Obra retomada' });
    await answer.getByRole('button', { name: 'Inserir modelo no texto' }).click();
    const answerAgain = await openDemandAction(noScript, 'Resposta conclusiva', { javaScript: false });
    await expect.poll(() => answerAgain.getByLabel('Resposta conclusiva ao cidadão').inputValue(), { timeout: STEP_TIMEOUT_MS }).toContain('a obra foi retomada');
    await answerAgain.getByRole('button', { name: 'Enviar resposta conclusiva' }).click();
    await noScript.getByRole('status').filter({ hasText: 'Resposta conclusiva enviada' }).waitFor();
    await noScript.context().close();

    // What the citizen sees: the public movements, ending with the final answer, and the notice sent.
    const [demand] = await db.select().from(demands).where(eq(demands.id, id));
    expect(demand?.state).toBe('answered');
    const publicEvents = await db
      .select({ type: demandEvents.type, body: demandEvents.body })
      .from(demandEvents)
      .where(and(eq(demandEvents.demandId, id), eq(demandEvents.visibility, 'public')))
      .orderBy(asc(demandEvents.id));
    expect(publicEvents.map((e) => e.type)).toEqual(['received', 'forwarded', 'public_reply', 'answered']);
    expect(publicEvents.at(-1)?.body).toContain('a obra foi retomada');
    const notices = await db.select().from(outbox).where(and(eq(outbox.demandId, id), eq(outbox.template, 'final_answer')));
    expect(notices.map((n) => n.recipient)).toContain('cidadao@demo.example.org');

    // The citizen, signed in, finds it answered in "Minhas manifestações", with the answer's text.
    const citizenPage = await pageAs('cidadao@demo.example.org');
    await citizenPage.goto(`${app.baseUrl}/minhas-manifestacoes`);
    const row = citizenPage.getByRole('row').filter({ has: citizenPage.getByRole('link', { name: protocol }) });
    await expect.poll(() => row.getByRole('cell').nth(3).textContent(), { timeout: STEP_TIMEOUT_MS }).toBe('Respondida');
    await expectAccessible(citizenPage);
    await row.getByRole('link', { name: protocol }).click();
    await citizenPage.getByText(/a obra foi retomada/).first().waitFor();
    // The department's report, sent with its reply, downloads from her own page.
    const report = citizenPage.getByRole('link', { name: 'vistoria.pdf' });
    const download = await citizenPage.context().request.get(`${app.baseUrl}${await report.getAttribute('href')}`);
    expect([download.status(), download.headers()['content-type']]).toEqual([200, 'application/pdf']);
    // The internal movements and the department's staff stay out of the citizen's view.
    expect(await citizenPage.content()).not.toContain('Nota interna');
    await expectAccessible(citizenPage);
    await citizenPage.context().close();
  });

  it('the attendant files a phone request on a registered citizen’s behalf', async () => {
    const db = await getDb();
    const [pothole] = await db.select().from(categories).where(eq(categories.slug, 'tapa-buraco'));
    if (!pothole) throw new Error('seed missing');
    const attendant = await pageAs('atendente@demo.example.org');
    await attendant.goto(`${app.baseUrl}/painel/registrar`);
    await attendant.getByRole('textbox', { name: 'Buscar cidadão' }).fill('Joana');
    await attendant.getByRole('button', { name: 'Buscar' }).click();
    await attendant.getByRole('link', { name: 'Registrar para Joana Cidadã' }).click();
    // The next step's form carries the chosen citizen only once the page has moved on to her.
    await attendant.getByText('Registrando para').waitFor();
    await attendant.getByLabel('Serviço do catálogo (Balcão)').selectOption(pothole.id);
    await attendant.getByRole('button', { name: 'Continuar' }).click();
    await attendant.getByRole('heading', { name: '3. Tapa-buraco' }).waitFor();
    await expectAccessible(attendant);

    // Nothing filled in: every error comes back next to its field, and the page stays accessible.
    await attendant.getByLabel('Por onde chegou').selectOption('phone');
    // Submit through React, not the half-hydrated page's plain post.
    await attendant.waitForLoadState('networkidle');
    await attendant.getByRole('button', { name: 'Registrar demanda' }).click();
    await attendant.getByRole('alert').filter({ hasText: 'Confira os campos destacados.' }).waitFor();
    await expect.poll(() => attendant.getByLabel('O que o cidadão pede').getAttribute('aria-invalid'), { timeout: STEP_TIMEOUT_MS }).toBe('true');
    expect(await attendant.getByRole('textbox', { name: 'Nome' }).inputValue()).toBe('Joana Cidadã');
    await expectAccessible(attendant);

    await attendant.getByLabel('O que o cidadão pede').fill('Buraco fundo na frente da escola, carros desviando pela contramão.');
    await attendant.getByLabel('Endereço (rua e número ou ponto de referência)').fill('Rua Curuzu, 300');
    await attendant.getByLabel('Bairro').selectOption({ label: 'Centro' });
    // She brought a photo of the hole on her phone.
    await attendant.getByLabel('Anexos (opcional)').setInputFiles({ name: 'buraco.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(await jpegWithGps()) });
    await attendant.getByRole('button', { name: 'Registrar demanda' }).click();
    await attendant.getByRole('status').filter({ hasText: 'Demanda registrada' }).waitFor();
    const protocol = (await attendant.getByRole('heading', { level: 1 }).textContent())?.replace('Protocolo ', '') ?? '';
    await attendant.getByRole('link', { name: 'buraco.jpg' }).waitFor();

    const [demand] = await db.select().from(demands).where(eq(demands.protocol, protocol));
    const [attendantUser] = await db.select().from(users).where(eq(users.email, 'atendente@demo.example.org'));
    const [citizen] = await db.select().from(users).where(eq(users.email, 'cidadao@demo.example.org'));
    expect(demand).toMatchObject({ channel: 'phone', service: 'balcao', enteredByUserId: attendantUser?.id, requesterUserId: citizen?.id });
  });

  it('a request for information stops the deadline, and the citizen’s reply starts it again', async () => {
    const db = await getDb();
    const [pothole] = await db.select().from(categories).where(eq(categories.slug, 'tapa-buraco'));
    const [infra] = await db.select().from(departments).where(eq(departments.slug, 'infraestrutura'));
    const [bairro] = (await db.execute(sql`select id from neighbourhoods where name = 'Centro'`)) as unknown as { id: string }[];
    if (!pothole || !infra || !bairro) throw new Error('seed missing');
    const filed = await fileDemand(
      {
        service: 'balcao',
        categoryId: pothole.id,
        description: 'Buraco na esquina, sem número de referência.',
        addressLine: 'Rua General Telles, esquina',
        neighbourhoodId: bairro.id,
        identity: 'identified',
        name: 'Paulo Souza',
        email: 'paulo@exemplo.com.br',
      },
      { channel: 'web' },
    );
    if (!filed.ok) throw new Error(JSON.stringify(filed.fieldErrors));
    const forwarded = await forwardDemand(await staffActor('atendente@demo.example.org'), { demandId: filed.demand.id, departmentId: infra.id });
    if (!forwarded.ok) throw new Error(forwarded.error);

    const department = await pageAs('infraestrutura@demo.example.org');
    await department.goto(`${app.baseUrl}/painel/demandas/${filed.demand.protocol}`);
    const request = await openDemandAction(department, 'Pedir complementação ao cidadão');
    await request.getByLabel('O que o cidadão precisa informar').fill('Informe o número do imóvel mais próximo do buraco.');
    await request.getByRole('button', { name: 'Pedir complementação' }).click();
    await department.getByRole('status').filter({ hasText: 'o prazo está suspenso' }).waitFor();
    await department.getByText(/Prazo suspenso desde/).waitFor();

    // Five days later the citizen answers (from the e-mailed status page or WhatsApp, other features).
    await db.update(demands).set({ suspendedAt: new Date(Date.now() - 5 * 86_400_000) }).where(eq(demands.id, filed.demand.id));
    expect(await replyToInformationRequest({ demandId: filed.demand.id, body: 'Fica em frente ao número 455.', via: 'status_link' })).toEqual({ ok: true });
    const [resumed] = await db.select().from(demands).where(eq(demands.id, filed.demand.id));
    expect(resumed).toMatchObject({ state: 'forwarded', suspendedAt: null, dueOn: addDays(filed.demand.dueOn, 5) });

    await department.reload();
    await department.getByText('Complementação enviada pelo cidadão').waitFor();
    await department.getByText(new RegExp(`^${formatDate(addDays(filed.demand.dueOn, 5)).replaceAll('/', '\\/')} \\(faltam`)).waitFor();
    await expectAccessible(department);
  });

  it('refuses every workspace action’s exact post from anyone who may not take it, and takes it from who may', async () => {
    const db = await getDb();
    const [works] = await db.select().from(categories).where(eq(categories.slug, 'obras'));
    const [infra] = await db.select().from(departments).where(eq(departments.slug, 'infraestrutura'));
    if (!works || !infra) throw new Error('seed missing');
    const fileComplaint = async () => {
      const filed = await fileDemand(
        {
          service: 'ouvidoria',
          kind: 'complaint',
          subject: 'Calçada quebrada na rua da escola',
          description: 'A calçada em frente à escola está quebrada e as crianças andam pela rua para desviar.',
          identity: 'identified',
          name: 'Sônia Vizinha',
          email: 'sonia@exemplo.com.br',
        },
        { channel: 'web' },
      );
      if (!filed.ok) throw new Error(JSON.stringify(filed.fieldErrors));
      return filed.demand;
    };
    const snapshotOf = async (id: string) => {
      const [row] = await db
        .select({ state: demands.state, kind: demands.kind, categoryId: demands.categoryId, departmentId: demands.departmentId, assignedUserId: demands.assignedUserId, dueOn: demands.dueOn, extensionUsed: demands.extensionUsed })
        .from(demands)
        .where(eq(demands.id, id));
      const [events] = await db.select({ n: sql<number>`count(*)::int` }).from(demandEvents).where(eq(demandEvents.demandId, id));
      const [notices] = await db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(eq(outbox.demandId, id));
      return JSON.stringify({ ...row, events: events?.n, notices: notices?.n });
    };
    // A valid post for each form: text long enough for every rule, a department to forward to, another subject.
    const completed = (form: CapturedForm): Record<string, string> => {
      const fields = { ...form.fields };
      for (const key of ['body', 'justification', 'reason', 'note']) if (key in fields) fields[key] = 'Texto de teste, longo o bastante para valer como mensagem ao cidadão.';
      // "Marcar como duplicada de outra" names the main demand: the probe, filed first.
      if ('mainProtocol' in fields) fields.mainProtocol = probe.protocol;
      if ('departmentId' in fields) fields.departmentId = infra.id;
      if ('categoryId' in fields) fields.categoryId = works.id;
      if ('assigneeId' in fields) fields.assigneeId = form.choices.assigneeId?.[0] ?? '';
      // Etiquetas and priority: a change from what the demand has (none, "normal").
      if (form.title === ACTION_LABELS.tag) fields.tagIds = tagId;
      if ('priority' in fields) fields.priority = 'high';
      return fields;
    };
    const [tag] = await db.insert(tags).values({ name: 'Autorização (teste)' }).returning();
    if (!tag) throw new Error('no tag');
    const tagId = tag.id;
    const outsiders = [null, 'cidadao@demo.example.org', 'meioambiente@demo.example.org', 'infraestrutura@demo.example.org', 'atendente@demo.example.org', 'controle@demo.example.org', 'gestor@demo.example.org', 'admin@demo.example.org'];

    const probe = await fileComplaint();
    const actionTitles: string[] = Object.values(ACTION_LABELS);
    const titles = (await capturedForms('ouvidor@demo.example.org', `/painel/demandas/${probe.protocol}`)).map((form) => form.title).filter((title) => actionTitles.includes(title));
    expect(titles).toEqual(expect.arrayContaining(['Classificar', 'Encaminhar', 'Atribuir a uma pessoa', 'Nota interna', 'Pedir complementação ao cidadão', 'Resposta ao cidadão', 'Prorrogar o prazo', 'Resposta conclusiva', 'Arquivar']));
    for (const title of titles) {
      const demand = await fileComplaint();
      const form = (await capturedForms('ouvidor@demo.example.org', `/painel/demandas/${demand.protocol}`)).find((f) => f.title === title);
      if (!form) throw new Error(`No form “${title}”`);
      const post = completed(form);
      const before = await snapshotOf(demand.id);
      for (const email of outsiders) {
        await postAs(email, `/painel/demandas/${demand.protocol}`, post);
        expect(await snapshotOf(demand.id), `“${title}” posted by ${email ?? 'a visitor'}`).toBe(before);
      }
      await postAs('ouvidor@demo.example.org', `/painel/demandas/${demand.protocol}`, post);
      expect(await snapshotOf(demand.id), `“${title}” posted by the ombudsman`).not.toBe(before);
    }

    // Filing on a citizen's behalf: only the counter and the ombudsman.
    const [pothole] = await db.select().from(categories).where(eq(categories.slug, 'tapa-buraco'));
    const [bairro] = (await db.execute(sql`select id from neighbourhoods where name = 'Centro'`)) as unknown as { id: string }[];
    const intakePath = `/painel/registrar?servico=balcao&catalogo=${pothole?.id}`;
    const intake = (await capturedForms('atendente@demo.example.org', intakePath)).find((f) => f.title === 'Registrar demanda');
    if (!intake || !bairro) throw new Error('No staff intake form');
    const intakePost = { ...intake.fields, description: 'Buraco aberto na pista, perto do ponto de ônibus.', addressLine: 'Rua Amando de Barros, 500', neighbourhoodId: bairro.id, name: 'Carlos Balcão', phone: '(14) 99777-1234' };
    const filedBy = async () => (await db.select({ id: demands.id }).from(demands).where(eq(demands.requesterName, 'Carlos Balcão'))).length;
    for (const email of [null, 'cidadao@demo.example.org', 'infraestrutura@demo.example.org', 'gestor@demo.example.org', 'controle@demo.example.org']) {
      await postAs(email, intakePath, intakePost);
      expect(await filedBy(), `staff intake posted by ${email ?? 'a visitor'}`).toBe(0);
    }
    await postAs('atendente@demo.example.org', intakePath, intakePost);
    expect(await filedBy()).toBe(1);

    // Creating a staff account: only the admin.
    const create = (await capturedForms('admin@demo.example.org', '/painel/admin/usuarios/novo')).find((f) => f.fields.passwordConfirmation !== undefined);
    if (!create) throw new Error('No account form');
    const accountPost = { ...create.fields, name: 'Servidor Replay', email: 'replay@botucatu.sp.gov.br', role: 'ombudsman', password: 'senha-forte-123', passwordConfirmation: 'senha-forte-123' };
    const accounts = async () => (await db.select({ id: users.id }).from(users).where(eq(users.email, 'replay@botucatu.sp.gov.br'))).length;
    for (const email of [null, 'cidadao@demo.example.org', 'ouvidor@demo.example.org', 'atendente@demo.example.org', 'gestor@demo.example.org']) {
      await postAs(email, '/painel/admin/usuarios/novo', accountPost);
      expect(await accounts(), `account form posted by ${email ?? 'a visitor'}`).toBe(0);
    }
    await postAs('admin@demo.example.org', '/painel/admin/usuarios/novo', accountPost);
    expect(await accounts()).toBe(1);
  });

  it('shows the WhatsApp conversation on the demand page to whoever may see the requester, and hides it otherwise', async () => {
    const db = await getDb();
    const [pothole] = await db.select().from(categories).where(eq(categories.slug, 'tapa-buraco'));
    const [infra] = await db.select().from(departments).where(eq(departments.slug, 'infraestrutura'));
    const [bairro] = (await db.execute(sql`select id from neighbourhoods where name = 'Centro'`)) as unknown as { id: string }[];
    if (!pothole || !infra || !bairro) throw new Error('seed missing');
    const [contact] = await db.insert(whatsappContacts).values({ waId: '5514997770001', phone: '+5514997770001', profileName: 'Lia' }).returning();
    if (!contact) throw new Error('no contact');
    const fileOverWhatsapp = async (identity: 'identified' | 'confidential', words: string) => {
      const filed = await fileDemand(
        { service: 'balcao', categoryId: pothole.id, description: words, addressLine: 'Rua Curuzu, 80', neighbourhoodId: bairro.id, identity, name: 'Lia Moradora', phone: '(14) 99777-0001' },
        { channel: 'whatsapp' },
      );
      if (!filed.ok) throw new Error(JSON.stringify(filed.fieldErrors));
      const sentAt = new Date(Date.now() - 60_000);
      await db.insert(whatsappInboundMessages).values({
        messageId: `wamid.${filed.demand.id}`,
        contactId: contact.id,
        type: 'text',
        payload: { from: contact.waId, id: `wamid.${filed.demand.id}`, timestamp: String(Math.floor(sentAt.getTime() / 1000)), type: 'text', text: { body: words } },
        phoneNumberId: '106540352242922',
        sentAt,
        receivedAt: sentAt,
        processedAt: sentAt,
        demandId: filed.demand.id,
      });
      await db.insert(whatsappOutboundMessages).values({
        contactId: contact.id,
        demandId: filed.demand.id,
        kind: 'text',
        content: { kind: 'text', text: `Pedido registrado: protocolo ${filed.demand.protocol}.` },
        preview: `Pedido registrado: protocolo ${filed.demand.protocol}.`,
        status: 'read',
        transport: 'cloud_api',
      });
      const forwarded = await forwardDemand(await staffActor('atendente@demo.example.org'), { demandId: filed.demand.id, departmentId: infra.id });
      if (!forwarded.ok) throw new Error(forwarded.error);
      return filed.demand;
    };
    const open = await fileOverWhatsapp('identified', 'Buraco grande na esquina da padaria, já caiu uma moto.');
    const secret = await fileOverWhatsapp('confidential', 'Buraco aberto pela obra do vizinho, que é servidor da prefeitura.');

    const department = await pageAs('infraestrutura@demo.example.org');
    await department.goto(`${app.baseUrl}/painel/demandas/${open.protocol}`);
    const thread = department.getByRole('list', { name: 'Mensagens do WhatsApp desta manifestação' });
    await thread.getByRole('article', { name: 'Mensagem do cidadão' }).filter({ hasText: 'já caiu uma moto' }).waitFor();
    expect(await thread.getByRole('article', { name: 'Mensagem da Prefeitura' }).textContent()).toContain('lida');
    expect(await thread.getByRole('button').count()).toBe(0);
    await expectAccessible(department);

    // A confidential demand: the department sees neither the conversation nor the words in it.
    await department.goto(`${app.baseUrl}/painel/demandas/${secret.protocol}`);
    await department.getByText('A conversa fica oculta porque a identidade de quem escreveu é protegida.', { exact: false }).waitFor();
    expect(await department.getByRole('list', { name: 'Mensagens do WhatsApp desta manifestação' }).count()).toBe(0);
    await department.context().close();

    // The ombudsman reads it only after revealing the identity, which is logged.
    const ombudsman = await pageAs('ouvidor@demo.example.org');
    await ombudsman.goto(`${app.baseUrl}/painel/demandas/${secret.protocol}`);
    await ombudsman.getByText('veja a identidade do manifestante', { exact: false }).waitFor();
    // Revealing is a POST with the reason, which the access log keeps.
    await ombudsman.getByText('Ver a identidade do manifestante', { exact: true }).first().click();
    await ombudsman.getByLabel('Motivo do acesso à identidade').fill('Confirmar com o cidadão o local da obra.');
    await ombudsman.getByRole('button', { name: 'Ver a identidade do manifestante' }).click();
    await ombudsman.getByRole('list', { name: 'Mensagens do WhatsApp desta manifestação' }).getByText('servidor da prefeitura').waitFor();
    await expectAccessible(ombudsman);
    await ombudsman.context().close();
  });
});
