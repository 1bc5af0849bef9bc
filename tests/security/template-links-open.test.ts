import fs from 'node:fs';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { departmentMembers, outbox, users, type OutboxMessage } from '@/lib/db/schema';
import { getDemandForStaff } from '@/lib/db/queries/demand-page';
import { fileDemand } from '@/lib/demands/intake';
import { openStatusLink } from '@/lib/demands/status-link';
import { forwardDemand } from '@/lib/demands/triage';
import { notificationLinkFor } from '@/lib/channels/chat/links';
import { notificationText } from '@/lib/channels/chat/notification-texts';
import { appUrl } from '@/lib/delivery/config';
import { writeDailyDigests, writeDeadlineAlerts } from '@/lib/delivery/deadline-scanner';
import { renderEmail } from '@/lib/delivery/templates/render';
import { CITIZEN_TEMPLATES, STAFF_TEMPLATES, type CitizenNotificationPayload } from '@/lib/domain/notifications';
import type { PermissionActor } from '@/lib/domain/permissions';
import { balcaoInput, ouvidoriaInput } from '../factories';
import { createUser, department, expectOk } from '../workspace-factories';

/**
 * Threat: a link in an e-mail or WhatsApp message that does not open for the person it was sent to. Staff
 * e-mails linked to `/painel/demandas/<id>`, a 404 (the page takes the protocol), so every alert sent a
 * secretaria to "Página não encontrada". Each template kind is rendered here for real demands, each link
 * is matched to a page of the app (app/**\/page.tsx) and opened as that page opens it, for that recipient.
 */

type Route = { pattern: RegExp; params: string[]; page: string };

/** The app's pages as URL patterns: route groups dropped, `[name]` a path segment. */
function appRoutes(): Route[] {
  const root = path.resolve(import.meta.dirname, '../../app');
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('page.tsx'))
    .map((file) => {
      const segments = path.dirname(file).split(path.sep).filter((segment) => segment !== '.' && !/^\(.*\)$/.test(segment));
      const params = segments.filter((s) => s.startsWith('[')).map((s) => s.slice(1, -1));
      const pattern = new RegExp(`^/${segments.map((s) => (s.startsWith('[') ? '([^/]+)' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`);
      return { pattern, params, page: `/${segments.join('/')}` };
    });
}

const routes = appRoutes();

function linksIn(text: string): URL[] {
  return [...new Set(text.match(/https?:\/\/[^\s"'<>)]+/g) ?? [])].map((link) => new URL(link.replace(/&amp;/g, '&'))).filter((url) => url.origin === new URL(appUrl()).origin);
}

function routeOf(url: URL): { page: string; params: Record<string, string> } {
  for (const route of routes) {
    const match = route.pattern.exec(url.pathname);
    if (match) return { page: route.page, params: Object.fromEntries(route.params.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')])) };
  }
  throw new Error(`${url.pathname} is no page of the app`);
}

/** Opens a citizen's link the way its page does, and says which demand it showed. */
async function openAsCitizen(url: URL): Promise<string | null> {
  const { page, params } = routeOf(url);
  if (page === '/situacao/[token]') {
    const access = await openStatusLink(params.token ?? '');
    return access.ok ? access.demand.protocol : null;
  }
  throw new Error(`a citizen's link leads to ${page}, which does not open their demand`);
}

/** Opens a staff link as `reader` (signed in); a page without a demand in its address only has to exist. */
async function openAsStaff(url: URL, reader: PermissionActor): Promise<string | true | null> {
  const { page, params } = routeOf(url);
  if (page === '/painel/demandas/[protocolo]') {
    const demand = await getDemandForStaff({ actor: reader, protocol: params.protocolo ?? '' });
    return demand ? demand.protocol : null;
  }
  expect(page.startsWith('/painel')).toBe(true);
  return true;
}

describe('every link in every template opens for its recipient', () => {
  it('citizen e-mails and WhatsApp messages open the demand through the link bound to the recipient', async () => {
    const filed = await fileDemand(
      ouvidoriaInput({ kind: 'denunciation', identity: 'confidential', email: 'joana.links@exemplo.com.br', phone: '(14) 99777-4321', notifyByWhatsapp: 'on' }),
      { channel: 'web' },
    );
    if (!filed.ok) throw new Error(JSON.stringify(filed.fieldErrors));
    const db = await getDb();
    const receipts = await db.select().from(outbox).where(eq(outbox.demandId, filed.demand.id));
    const email = receipts.find((row) => row.channel === 'email');
    const whatsapp = receipts.find((row) => row.channel === 'whatsapp');
    if (!email || !whatsapp) throw new Error(`expected e-mail and WhatsApp receipts, got ${receipts.map((r) => r.channel)}`);

    const payload: CitizenNotificationPayload = { protocol: filed.demand.protocol, service: 'ouvidoria', body: 'Texto público.', dueOn: filed.demand.dueOn, attachmentNames: ['laudo.pdf'] };
    for (const template of CITIZEN_TEMPLATES) {
      const rendered = await renderEmail({ template, payload, demandId: filed.demand.id, recipient: email.recipient, createdAt: email.createdAt });
      const emailLinks = [...linksIn(rendered.html), ...linksIn(rendered.text)];
      expect(emailLinks.length, `${template} e-mail has a link`).toBeGreaterThan(0);
      for (const url of emailLinks) expect(await openAsCitizen(url), `${template} e-mail: ${url.pathname}`).toBe(filed.demand.protocol);

      const text = notificationText(template, payload, notificationLinkFor(whatsapp, payload));
      const whatsappLinks = linksIn(text);
      expect(whatsappLinks.length, `${template} WhatsApp text has a link`).toBeGreaterThan(0);
      for (const url of whatsappLinks) expect(await openAsCitizen(url), `${template} WhatsApp: ${url.pathname}`).toBe(filed.demand.protocol);
    }
  });

  it('staff e-mails (new demand, due soon, overdue, daily digest) open for the people who read them', async () => {
    const db = await getDb();
    const ombudsman = await createUser('ombudsman');
    const attendant = await createUser('attendant');
    const infraestrutura = await createUser('department', { departments: ['infraestrutura'] });
    const now = new Date('2026-05-04T13:00:00Z');
    const complaint = await fileDemand(ouvidoriaInput(), { channel: 'web' }, { now });
    const request = await fileDemand(await balcaoInput(), { channel: 'web' }, { now });
    if (!complaint.ok || !request.ok) throw new Error('intake failed');
    expectOk(await forwardDemand(attendant, { demandId: request.demand.id, departmentId: (await department('infraestrutura')).id }, { now }));
    for (const day of ['2026-05-16', '2026-05-22', '2026-06-05']) await writeDeadlineAlerts(db, new Date(`${day}T15:00:00Z`));
    await writeDailyDigests(db, new Date('2026-05-16T15:00:00Z'), 7);

    const rows = (await db.select().from(outbox).where(inArray(outbox.template, [...STAFF_TEMPLATES]))).filter(
      (row) => row.demandId === complaint.demand.id || row.demandId === request.demand.id || row.template === 'staff_digest',
    );
    expect(new Set(rows.map((row) => row.template))).toEqual(new Set(STAFF_TEMPLATES));

    let opened = 0;
    for (const row of rows) {
      for (const reader of await readersOf(row, [ombudsman, infraestrutura])) {
        const rendered = await renderEmail(row).catch((error: unknown) => { throw new Error(`${row.template} ${JSON.stringify(row.payload)}: ${String(error)}`); });
        const links = linksIn(rendered.html);
        expect(links.length, `${row.template} has a link`).toBeGreaterThan(0);
        for (const url of links) {
          const shown = await openAsStaff(url, reader);
          expect(shown, `${row.template} to ${row.recipient}: ${url.pathname}`).not.toBeNull();
          // Only a new Balcão request, still with the counter, is announced with a link to the queue.
          const awaitsTriage = row.template === 'staff_new_demand' && (row.payload as { state?: string }).state === 'received' && row.demandId === request.demand.id;
          if (row.demandId && !awaitsTriage) expect(typeof shown, `${row.template} to ${row.recipient} links to the demand`).toBe('string');
          if (typeof shown === 'string') {
            opened += 1;
            if (row.demandId) expect(shown).toBe(row.demandId === complaint.demand.id ? complaint.demand.protocol : request.demand.protocol);
          }
        }
      }
    }
    expect(opened).toBeGreaterThan(0);
  });
});

/** Who reads a staff e-mail: the user with that address, or the members of the department whose mailbox it is. */
async function readersOf(row: OutboxMessage, staff: (PermissionActor & { email: string })[]): Promise<PermissionActor[]> {
  const db = await getDb();
  const person = staff.find((member) => member.email === row.recipient);
  if (person) return [person];
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, row.recipient));
  if (user) return [];
  const members = await db.select({ userId: departmentMembers.userId }).from(departmentMembers);
  const readers = staff.filter((member) => member.role === 'department' && members.some((m) => m.userId === member.userId));
  expect(readers.length, `someone reads ${row.recipient}`).toBeGreaterThan(0);
  return readers;
}
