import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processEmail } from '@/lib/channels/email/inbound';
import { getDb } from '@/lib/db/client';
import { departmentMembers, departments, emailInboundMessages, users } from '@/lib/db/schema';
import { forwardDemand } from '@/lib/demands/triage';
import type { StaffActor } from '@/lib/demands/workflow';
import { rawMessage } from '../../support/mail-messages';
import { axeViolations, launchBrowser, signIn, startWorkspaceApp, type WorkspaceApp } from './harness';

/**
 * The e-mail thread on the demand page, in a browser: messages filed by the e-mail channel's use case
 * (the IMAP side has its own tests against dovecot), read by the department on an identified demand and
 * hidden from it on a confidential one.
 */

let app: WorkspaceApp;
let browser: Browser;
const STEP_TIMEOUT_MS = 120_000;

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

async function pageAs(email: string): Promise<Page> {
  const context = await browser.newContext();
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  await signIn(context, app.baseUrl, email);
  return context.newPage();
}

let uid = 1;

async function fileByEmail(message: { raw: string; messageId: string }, identity: 'identified' | 'confidential'): Promise<string> {
  process.env.EMAIL_IN_IDENTITY = identity;
  try {
    const result = await processEmail(Buffer.from(message.raw), { folder: 'INBOX', uidValidity: '1', uid: uid++ }, {});
    if (result.status !== 'processed' || !result.protocol || !result.demandId) throw new Error(`not filed: ${JSON.stringify(result)}`);
    const db = await getDb();
    const [infra] = await db.select().from(departments).where(eq(departments.slug, 'infraestrutura'));
    if (!infra) throw new Error('seed missing');
    const forwarded = await forwardDemand(await staffActor('ouvidor@demo.example.org'), { demandId: result.demandId, departmentId: infra.id });
    if (!forwarded.ok) throw new Error(forwarded.error);
    return result.protocol;
  } finally {
    delete process.env.EMAIL_IN_IDENTITY;
  }
}

describe('the e-mail thread on the demand page', () => {
  it('shows the department the e-mails of an identified demand, headers folded, and hides a confidential sender’s', async () => {
    const open = await fileByEmail(
      rawMessage({ from: 'Rita Moradora <rita@exemplo.com.br>', subject: 'Calçada afundando na Rua Curuzu', text: 'A calçada em frente ao 80 está afundando e já tem um buraco.' }),
      'identified',
    );
    const secret = await fileByEmail(
      rawMessage({ from: 'Tomé <tome.sigilo@exemplo.com.br>', subject: 'Obra irregular de servidor', text: 'Um servidor está fazendo obra na calçada sem licença e cobrando dos vizinhos.' }),
      'confidential',
    );
    const db = await getDb();
    expect((await db.select().from(emailInboundMessages).where(eq(emailInboundMessages.fromAddress, 'tome.sigilo@exemplo.com.br'))).length).toBe(1);

    const department = await pageAs('infraestrutura@demo.example.org');
    await department.goto(`${app.baseUrl}/painel/demandas/${open}`);
    const thread = department.getByRole('list', { name: 'E-mails desta manifestação' });
    const incoming = thread.getByRole('article', { name: 'E-mail recebido: Calçada afundando na Rua Curuzu' });
    await incoming.getByText('já tem um buraco', { exact: false }).waitFor();
    expect(await incoming.textContent()).toContain('rita@exemplo.com.br');
    const headers = incoming.locator('details');
    expect(await headers.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    await headers.locator('summary').click();
    await headers.getByText('Message-ID').waitFor();
    await department.getByText('Aviso ao cidadão por e-mail: na fila de envio').first().waitFor();
    expect(await axeViolations(department)).toEqual([]);

    await department.goto(`${app.baseUrl}/painel/demandas/${secret}`);
    await department.getByText('Os e-mails ficam ocultos porque a identidade de quem escreveu é protegida.', { exact: false }).waitFor();
    expect(await department.content()).not.toContain('tome.sigilo');
    expect(await axeViolations(department)).toEqual([]);
    await department.context().close();
  });
});
